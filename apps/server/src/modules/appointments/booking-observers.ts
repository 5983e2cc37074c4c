import type { Transaction } from '../../platform/database.ts';

/** A booked appointment as observers see it, inside the booking's transaction. */
export interface BookedAppointment {
  id: string;
  patientId: string;
  /** The booked services in order (a package's services included). */
  serviceIds: readonly string[];
  startsAt: Date;
  /** Who booked or changed it; absent for the system. */
  actorStaffId?: string | null | undefined;
}

/**
 * Other modules' reactions to the appointment book, run in the booking's own transaction
 * (so what they write commits or rolls back with it). The paperwork module assigns the
 * services' forms; the notifications module withdraws reminders still waiting for a time
 * that no longer holds. An observer must not read the appointment through the
 * appointments service (that would open a second transaction).
 */
export interface BookingObserver {
  onAppointmentBooked(tx: Transaction, practiceId: string, appointment: BookedAppointment): Promise<void>;
  /** After a move or a change of services (the appointment's new state). */
  onAppointmentRescheduled?(
    tx: Transaction,
    practiceId: string,
    appointment: BookedAppointment & { previousStartsAt: Date },
  ): Promise<void>;
  /** After a cancellation or a no-show: the appointment no longer happens. */
  onAppointmentCancelled?(tx: Transaction, practiceId: string, appointment: { id: string }): Promise<void>;
}

/** Runs every observer's onAppointmentBooked in order, in the caller's transaction. */
export async function announceAppointmentBooked(
  observers: readonly BookingObserver[],
  tx: Transaction,
  practiceId: string,
  appointment: BookedAppointment,
): Promise<void> {
  for (const observer of observers) await observer.onAppointmentBooked(tx, practiceId, appointment);
}

/** Runs every observer's onAppointmentRescheduled in order, in the caller's transaction. */
export async function announceAppointmentRescheduled(
  observers: readonly BookingObserver[],
  tx: Transaction,
  practiceId: string,
  appointment: BookedAppointment & { previousStartsAt: Date },
): Promise<void> {
  for (const observer of observers) await observer.onAppointmentRescheduled?.(tx, practiceId, appointment);
}

/** Runs every observer's onAppointmentCancelled in order, in the caller's transaction. */
export async function announceAppointmentCancelled(
  observers: readonly BookingObserver[],
  tx: Transaction,
  practiceId: string,
  appointment: { id: string },
): Promise<void> {
  for (const observer of observers) await observer.onAppointmentCancelled?.(tx, practiceId, appointment);
}
