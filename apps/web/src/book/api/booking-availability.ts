import { availabilitySchema, type VisitMode } from '@glowdesk/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { bookKeys } from './book-query-keys.ts';
import { bookingPath } from './booking-catalog.ts';

export interface BookingAvailabilityQuery {
  clinicId: string;
  serviceIds?: string[] | undefined;
  packageId?: string | undefined;
  /** Absent: any provider. */
  providerId?: string | undefined;
  mode: VisitMode;
  /** ISO 8601 instants. */
  from: string;
  to: string;
}

/** Open times for the chosen services (or package) at a clinic, as the staff availability answers them. */
export function useBookingAvailability(slug: string, query: BookingAvailabilityQuery) {
  return useQuery({
    queryKey: [...bookKeys.availability(slug), query],
    queryFn: ({ signal }) =>
      apiRequest(bookingPath(slug, 'availability'), availabilitySchema, {
        signal,
        query: {
          clinicId: query.clinicId,
          serviceIds: query.serviceIds?.join(','),
          packageId: query.packageId,
          providerId: query.providerId,
          mode: query.mode,
          from: query.from,
          to: query.to,
        },
      }),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
