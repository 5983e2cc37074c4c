import { bookingCatalogSchema, type BookingCatalog } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { bookKeys } from './book-query-keys.ts';

export type { BookingCatalog };
export type BookableClinic = BookingCatalog['clinics'][number];
export type BookableService = BookingCatalog['services'][number];
export type BookablePackage = BookingCatalog['packages'][number];
export type BookableProvider = BookingCatalog['providers'][number];

export function bookingPath(slug: string, resource: 'booking-catalog' | 'availability' | 'bookings'): string {
  return `/api/v1/public/${encodeURIComponent(slug)}/${resource}`;
}

/** The practice's online catalog; a 404 means no practice has this booking address. */
export function useBookingCatalog(slug: string) {
  return useQuery({
    queryKey: bookKeys.catalog(slug),
    queryFn: ({ signal }) => apiRequest(bookingPath(slug, 'booking-catalog'), bookingCatalogSchema, { signal }),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => !isApiProblem(error, 404) && !isApiProblem(error, 400) && failureCount < 2,
  });
}
