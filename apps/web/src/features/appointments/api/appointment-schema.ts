import { appointmentListSchema, appointmentSchema, restoreResponseSchema, type Appointment } from '@glowdesk/contracts';

/**
 * The book reads appointments exactly as the contracts define them: a schema re-declared here
 * drifted once (it expected `feePolicy` to be absent where the server sends `null` for an
 * out-of-office block, and the whole book failed to load).
 */
export const bookAppointmentSchema = appointmentSchema;
export type BookAppointment = Appointment;
export const bookAppointmentListSchema = appointmentListSchema;
export const restoredAppointmentSchema = restoreResponseSchema;

/** A card the server could charge a fee to; an out-of-office block has no fee policy and no card. */
export function hasCardForFees(appointment: BookAppointment): boolean {
  return appointment.feePolicy?.cardOnFile ?? false;
}
