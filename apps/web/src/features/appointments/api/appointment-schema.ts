import { appointmentSchema, cardOnFileSchema, feePolicySchema, idSchema, restoreResponseSchema } from '@glowdesk/contracts';
import { z } from 'zod';

/**
 * The appointment as the book reads it. Card-on-file evidence, fee policy and checkout arrive
 * with the payments work; until every server answers with them they are optional here, so the
 * book works against either.
 */
export const bookAppointmentSchema = appointmentSchema.extend({
  cardOnFile: cardOnFileSchema.nullable().optional(),
  feePolicy: feePolicySchema.optional(),
  checkoutInvoiceId: idSchema.nullable().optional(),
});
export type BookAppointment = z.infer<typeof bookAppointmentSchema>;

export const bookAppointmentListSchema = z.object({ items: z.array(bookAppointmentSchema) });

export const restoredAppointmentSchema = bookAppointmentSchema.extend({
  notice: restoreResponseSchema.shape.notice,
  feeInvoiceId: idSchema.nullable().optional(),
});

/** Every list of appointments is cached under this prefix, so one invalidation refreshes the book, no-shows and profiles. */
export const appointmentListsKey = ['appointments'] as const;
export const appointmentKey = (appointmentId: string) => ['appointment', appointmentId] as const;

/** A card the server should charge a fee to: known from feePolicy once it exists, else from the booking's flag. */
export function hasCardForFees(appointment: BookAppointment): boolean {
  return appointment.feePolicy ? appointment.feePolicy.cardOnFile : appointment.requireCardOnFile;
}
