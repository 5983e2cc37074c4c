import type { VisitMode } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../shared/api/api-client.ts';
import { bookKeys } from './book-query-keys.ts';
import { bookingPath } from './booking-catalog.ts';

export interface CreateBookingRequest {
  clinicId: string;
  serviceIds?: string[];
  packageId?: string;
  mode: VisitMode;
  start: string;
  /** Absent: any provider free at that time. */
  providerId?: string;
  notes?: string;
  paymentMethodId?: string;
  policyAcceptance?: { policyVersionId: string; accepted: true };
}

/** `POST /api/v1/public/:slug/bookings` → 201: the appointment as the patient sees it. */
export const bookedAppointmentSchema = z.object({
  appointment: z.object({
    id: z.string(),
    start: z.string(),
    end: z.string(),
    clinicId: z.string(),
    clinicName: z.string(),
    providerId: z.string(),
    providerName: z.string(),
    serviceNames: z.array(z.string()),
    mode: z.enum(['in_person', 'virtual']),
    status: z.string(),
  }),
});
export type BookedAppointment = z.infer<typeof bookedAppointmentSchema>['appointment'];

/**
 * Books for the signed-in patient. The idempotency key is the attempt's: pressing "Book
 * appointment" again after a lost answer books once.
 */
export function useCreateBooking(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ request, idempotencyKey }: { request: CreateBookingRequest; idempotencyKey: string }) =>
      (
        await apiRequest(bookingPath(slug, 'bookings'), bookedAppointmentSchema, {
          method: 'POST',
          body: request,
          headers: { 'idempotency-key': idempotencyKey },
          expectUnauthenticated: true,
        })
      ).appointment,
    onSettled: () => queryClient.invalidateQueries({ queryKey: bookKeys.availability(slug) }),
  });
}
