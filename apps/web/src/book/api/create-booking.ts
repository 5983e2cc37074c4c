import { onlineBookingSchema, type CreateOnlineBookingRequest, type OnlineBooking } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { bookKeys } from './book-query-keys.ts';
import { bookingPath } from './booking-catalog.ts';

export type CreateBookingRequest = CreateOnlineBookingRequest;
export type BookedAppointment = OnlineBooking['appointment'];

/**
 * Books for the signed-in patient. The idempotency key is the attempt's: pressing "Book
 * appointment" again after a lost answer books once.
 */
export function useCreateBooking(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ request, idempotencyKey }: { request: CreateBookingRequest; idempotencyKey: string }) =>
      (
        await apiRequest(bookingPath(slug, 'bookings'), onlineBookingSchema, {
          method: 'POST',
          body: request,
          headers: { 'idempotency-key': idempotencyKey },
          expectUnauthenticated: true,
        })
      ).appointment,
    onSettled: () => queryClient.invalidateQueries({ queryKey: bookKeys.availability(slug) }),
  });
}
