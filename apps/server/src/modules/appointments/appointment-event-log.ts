import type { Transaction } from '../../platform/database.ts';
import { appointmentEvents } from './appointments-tables.ts';

export interface AppointmentEventInput {
  appointmentId: string;
  /** The staff member who acted; null for the system (the reminder job). */
  actorStaffId: string | null;
  /** What happened, snake_case, at most 60 characters: `notification_sent`, `reminder_queued`. */
  type: string;
  details?: Record<string, unknown> | undefined;
  /** Defaults to the database's now(); pass the use case's clock. */
  occurredAt?: Date | undefined;
}

/**
 * Appends an event to an appointment's history (what the appointment's History tab shows)
 * in the caller's transaction, for changes other modules make around an appointment: a
 * notification sent or declined, a reminder queued, paperwork assigned.
 */
export async function recordAppointmentEvent(tx: Transaction, practiceId: string, event: AppointmentEventInput): Promise<void> {
  await tx.insert(appointmentEvents).values({
    practiceId,
    appointmentId: event.appointmentId,
    actorStaffId: event.actorStaffId,
    type: event.type,
    before: null,
    after: null,
    details: event.details ?? {},
    ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
  });
}
