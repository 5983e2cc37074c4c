import type { Procedure } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findAppointmentSnapshotWithin } from '../appointments/index.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';
import { finishProcedure, readProcedureDraft } from './procedure-views.ts';

export interface CreateProcedureInput {
  patientId: string;
  procedureTypeId: string;
  appointmentId?: string | undefined;
  newBooking?: { clinicId: string; serviceId: string; durationMinutes?: number | undefined; providerId: string; start: string } | undefined;
}

/** The booking's errors name the fields of the body they came from: `start` becomes `newBooking.start`. */
function underNewBooking(error: unknown): unknown {
  if (!(error instanceof AppError) || error.field === undefined || error.field.startsWith('newBooking.')) return error;
  const field = `newBooking.${error.field}`;
  if (error instanceof ValidationError) return new ValidationError(error.message, { field, code: error.code });
  if (error instanceof ConflictError) return new ConflictError(error.message, error.code, { field, extensions: error.extensions });
  if (error instanceof NotFoundError) return new NotFoundError(error.message.replace(/ was not found\.$/, ''), field);
  return error;
}

/**
 * "New Procedure": a procedure of a type for a patient, on one of the patient's bookings or
 * on a new one made through the appointment book's own booking use case (its rules, its
 * 409 on a taken time). A booking has at most one procedure (a unique key; 409). The
 * patient and type are checked before a new booking is made, so a refused procedure leaves
 * no booking behind for those reasons.
 */
export async function createProcedure(
  deps: EmrDependencies,
  actor: StaffActor,
  input: CreateProcedureInput,
  meta: RequestMeta,
): Promise<Procedure> {
  const { practiceId } = actor;
  await inPractice(deps.database, practiceId, async (tx) => {
    const patients = await deps.patients.findPatientSummariesWithin(tx, practiceId, [input.patientId]);
    if (!patients.has(input.patientId)) throw new NotFoundError('Patient', 'patientId');
    if (!(await repository.findProcedureType(tx, practiceId, input.procedureTypeId))) {
      throw new NotFoundError('Procedure type', 'procedureTypeId');
    }
  });
  await deps.clientAccess.assertMayReadClient(actor, input.patientId);

  let appointmentId = input.appointmentId;
  if (input.newBooking) {
    const booking = input.newBooking;
    const service = await deps.services.getService(actor, booking.serviceId).catch((error: unknown) => {
      throw underNewBooking(error instanceof NotFoundError ? new NotFoundError('Service', 'serviceId') : error);
    });
    if (booking.durationMinutes !== undefined && booking.durationMinutes !== service.durationMinutes) {
      throw new ValidationError(`${service.name} takes ${service.durationMinutes} minutes; the book times a visit by its services.`, {
        field: 'newBooking.durationMinutes',
        code: 'duration_not_offered',
      });
    }
    try {
      const { appointment } = await deps.appointments.createAppointment(
        actor,
        {
          kind: 'appointment',
          mode: 'in_person',
          clinicId: booking.clinicId,
          providerId: booking.providerId,
          serviceIds: [booking.serviceId],
          start: booking.start,
          patientId: input.patientId,
          allowDoubleBooking: false,
          requireCardOnFile: false,
        },
        undefined,
        meta,
      );
      appointmentId = appointment.id;
    } catch (error) {
      throw underNewBooking(error);
    }
  }
  if (appointmentId === undefined)
    throw new ValidationError('Choose one of the patient’s bookings or create a new one.', { field: 'appointmentId' });

  const draft = await inPractice(deps.database, practiceId, async (tx) => {
    const appointment = await findAppointmentSnapshotWithin(tx, practiceId, appointmentId, { lock: 'share' });
    if (!appointment || appointment.kind !== 'appointment') throw new NotFoundError('Booking', 'appointmentId');
    if (appointment.patientId !== input.patientId) {
      throw new ValidationError('This booking is for another patient. Choose one of this patient’s bookings.', {
        field: 'appointmentId',
        code: 'booking_of_another_patient',
      });
    }
    if (appointment.status === 'cancelled' || appointment.status === 'no_show') {
      throw new ConflictError(
        `This booking is ${appointment.status === 'cancelled' ? 'cancelled' : 'a no-show'}; choose a live one.`,
        'booking_not_live',
        {
          field: 'appointmentId',
        },
      );
    }
    const record = await repository.insertProcedure(tx, practiceId, {
      patientId: input.patientId,
      procedureTypeId: input.procedureTypeId,
      appointmentId: appointment.id,
      createdAt: deps.clock.now(),
      createdBy: actor.staffId,
    });
    if (!record) throw new ConflictError('This booking already has a procedure.', 'booking_has_procedure', { field: 'appointmentId' });
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'procedure.create',
        { type: 'procedure', id: record.id },
        {
          patientId: input.patientId,
          appointmentId: appointment.id,
          newBooking: input.newBooking !== undefined,
        },
      ),
    );
    return readProcedureDraft(deps, tx, practiceId, record);
  });
  return finishProcedure(deps, actor, draft);
}
