import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { snapshot } from './appointment-audit.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRecord } from './appointments-repository.ts';

export interface PatientConfirmation {
  appointment: Pick<AppointmentRecord, 'id' | 'clinicId' | 'status' | 'startsAt' | 'version'>;
  /** False when it was already confirmed: nothing was written. */
  changed: boolean;
}

/**
 * A patient confirms their own booked appointment (the portal's Confirm), in the caller's
 * transaction, which records the patient's audit event and the clinic's alert. Another
 * patient's appointment, an out-of-office block or an unknown id is a 404 alike; an
 * appointment already confirmed stays so; one that has started, is no longer booked, or is
 * past the practice's confirm window, is a 409. The change goes into the appointment's history with no staff actor.
 */
export async function confirmAppointmentAsPatientWithin(
  tx: Transaction,
  patient: { practiceId: string; patientId: string },
  appointmentId: string,
  now: Date,
  window: { isOpen(startsAt: Date): boolean; closedMessage: string },
): Promise<PatientConfirmation> {
  const { practiceId, patientId } = patient;
  const before = await repository.findAppointment(tx, practiceId, appointmentId, { forUpdate: true });
  if (!before || before.kind !== 'appointment' || before.patientId !== patientId) throw new NotFoundError('Appointment', 'appointmentId');
  if (before.status === 'confirmed') return { appointment: before, changed: false };
  if (before.status !== 'booked') {
    throw new ConflictError(`This appointment is ${before.status.replace('_', ' ')} and can no longer be confirmed.`, 'invalid_status', {
      field: 'appointmentId',
    });
  }
  if (before.startsAt.getTime() <= now.getTime()) {
    throw new ConflictError('This appointment has already started.', 'confirm_window_closed', { field: 'appointmentId' });
  }
  if (!window.isOpen(before.startsAt)) throw new ConflictError(window.closedMessage, 'confirm_window_closed', { field: 'appointmentId' });
  const after = await repository.updateAppointment(tx, practiceId, appointmentId, { status: 'confirmed' }, now);
  await repository.insertEvent(tx, practiceId, {
    appointmentId,
    actorStaffId: null,
    type: 'confirmed',
    before: snapshot(before),
    after: snapshot(after),
    details: { by: 'patient', patientId },
    occurredAt: now,
  });
  return { appointment: after, changed: true };
}
