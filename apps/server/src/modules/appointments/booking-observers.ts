import type { Read, Transaction } from '../../platform/database.ts';

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
  /**
   * Optionally the same reaction in two halves, for a booking whose services are known up
   * front: a read that travels with the booking's BEGIN, decoded into the writes to make
   * once the appointment exists (nothing, often, without another round trip).
   */
  readForBooking?(practiceId: string, serviceIds: readonly string[]): Read<BookedReaction>;
  /** After a move or a change of services (the appointment's new state). */
  onAppointmentRescheduled?(
    tx: Transaction,
    practiceId: string,
    appointment: BookedAppointment & { previousStartsAt: Date },
  ): Promise<void>;
  /** After a cancellation or a no-show: the appointment no longer happens. */
  onAppointmentCancelled?(tx: Transaction, practiceId: string, appointment: { id: string }): Promise<void>;
}

/** The writes an observer makes once a booking exists, decided by what it read with BEGIN. */
export type BookedReaction = (tx: Transaction, appointment: BookedAppointment) => Promise<void>;

/**
 * Runs every observer's reaction to a booking in order, in the caller's transaction:
 * `reactions[i]` (from observer i's readForBooking) when given, else its onAppointmentBooked.
 */
export async function announceAppointmentBooked(
  observers: readonly BookingObserver[],
  tx: Transaction,
  practiceId: string,
  appointment: BookedAppointment,
  reactions: readonly (BookedReaction | undefined)[] = [],
): Promise<void> {
  for (const [index, observer] of observers.entries()) {
    const reaction = reactions[index];
    await (reaction ? reaction(tx, appointment) : observer.onAppointmentBooked(tx, practiceId, appointment));
  }
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
