import type { Transaction } from '../../platform/database.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { snapshot } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { assertNotBeforeToday, assertProviderWorking, assertWithinBookingHorizon } from './appointment-rules.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRecord } from './appointments-repository.ts';
import type { ServiceChoice } from './booking-catalog.ts';
import { announceAppointmentRescheduled } from './booking-observers.ts';
import { layOutServices } from './booking-timeline.ts';
import { claimFor, claimTime, servicesOf, withBookingRaceRetried } from './claim-booking-time.ts';

/** What the portal asks of a patient's reschedule, and does in its transaction. */
export interface PatientRescheduleRequest {
  start: Date;
  /** The provider to move to: the patient's choice, or one the portal found free at that time. */
  providerId: string;
  /** The practice's reschedule window (Settings → Booking Portal); the new time must keep to it too. */
  window: { isOpen(startsAt: Date): boolean; closedMessage: string; earliestStartMessage: string };
  /** The portal's own records of the change (the clinic's alert, the patient's audit), in the same transaction. */
  afterChange(tx: Transaction, before: AppointmentRecord, after: AppointmentRecord): Promise<void>;
}

/** The 409 a patient gets for a time someone else holds: never who holds it. */
export function timeJustTakenError(): ConflictError {
  return new ConflictError('That time was just taken. Please choose another time.', 'booking_conflict', { field: 'start' });
}

/**
 * A patient moves their own booked or confirmed appointment to a new start, with the same
 * services and mode, through the rules and conflict handling of a staff reschedule: the
 * clinic's booking horizon, the provider's working hours and eligibility, and the provider's
 * and rooms' time claimed under the exclusion constraints (a lost race is a 409 "that time
 * was just taken", never a double booking; a patient never double-books, whatever the
 * appointment allowed before). Another patient's appointment is a 404; once the practice's
 * reschedule window has closed, a 409 `reschedule_window_closed`. No fee is charged: the
 * window keeps a patient's own moves outside the time the practice wants a call for.
 */
export async function rescheduleAppointmentAsPatient(
  deps: AppointmentContext,
  patient: { practiceId: string; patientId: string },
  appointmentId: string,
  request: PatientRescheduleRequest,
): Promise<AppointmentRecord> {
  const { database, clock, catalog, bookingObservers: observers } = deps;
  const { practiceId, patientId } = patient;
  const start = request.start;
  try {
    return await withBookingRaceRetried(() =>
      inPractice(database, practiceId, async (tx) => {
        const now = clock.now();
        const before = await repository.findAppointment(tx, practiceId, appointmentId, { forUpdate: true });
        if (!before || before.kind !== 'appointment' || before.patientId !== patientId) {
          throw new NotFoundError('Appointment', 'appointmentId');
        }
        if (before.status !== 'booked' && before.status !== 'confirmed') {
          throw new ConflictError(
            `This appointment is ${before.status.replace('_', ' ')} and can no longer be rescheduled.`,
            'invalid_status',
            { field: 'appointmentId' },
          );
        }
        if (!request.window.isOpen(before.startsAt)) {
          throw new ConflictError(request.window.closedMessage, 'reschedule_window_closed', { field: 'appointmentId' });
        }
        if (start.getTime() <= now.getTime() || !request.window.isOpen(start)) {
          throw new ValidationError(request.window.earliestStartMessage, { field: 'start', code: 'start_too_soon' });
        }
        const beforeServices = (await repository.listServicesOf(tx, practiceId, [appointmentId])).get(appointmentId) ?? [];
        const choice: ServiceChoice = before.packageId
          ? { packageId: before.packageId }
          : { serviceIds: beforeServices.map((service) => service.serviceId) };
        const mode = before.mode ?? 'in_person';
        const visit = await catalog.loadVisitCatalog(tx, practiceId, {
          clinicId: before.clinicId,
          providerId: request.providerId,
          choice,
          mode,
          start,
        });
        assertNotBeforeToday(deps, start, visit.clinic.timezone, 'start');
        assertWithinBookingHorizon(deps, start, visit.clinic, 'start');
        if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
          throw new ValidationError(`${visit.provider.displayName} does not see patients virtually.`, {
            field: 'providerId',
            code: 'no_virtual_room',
          });
        }
        const timeline = layOutServices(visit.services, start);
        await assertProviderWorking(deps, tx, { practiceId }, visit, timeline);
        await repository.releaseClaims(tx, practiceId, appointmentId);
        await claimTime(
          tx,
          practiceId,
          appointmentId,
          claimFor(request.providerId, timeline, false),
          visit.resources,
          visit.clinic.timezone,
          visit.provider.displayName,
        );
        const services = servicesOf(timeline);
        await repository.replaceAppointmentServices(tx, practiceId, appointmentId, services);
        const after = await repository.updateAppointment(
          tx,
          practiceId,
          appointmentId,
          {
            startsAt: timeline.visitStart,
            endsAt: timeline.visitEnd,
            providerId: request.providerId,
            mode,
            packageId: visit.packageId,
            allowDoubleBooking: false,
            virtualRoomUrl: mode === 'virtual' ? visit.provider.virtualRoomUrl : null,
          },
          now,
        );
        await repository.insertEvent(tx, practiceId, {
          appointmentId,
          actorStaffId: null,
          type: 'rescheduled',
          before: snapshot(before, beforeServices),
          after: snapshot(after, services),
          details: { by: 'patient', patientId },
          occurredAt: now,
        });
        await announceAppointmentRescheduled(observers, tx, practiceId, {
          id: after.id,
          patientId,
          serviceIds: services.map((service) => service.serviceId),
          startsAt: after.startsAt,
          previousStartsAt: before.startsAt,
          actorStaffId: null,
        });
        await request.afterChange(tx, before, after);
        return after;
      }),
    );
  } catch (error) {
    // The staff 409 names the booking in the way; a patient learns only that the time is gone.
    if (error instanceof AppError && error.code === 'booking_conflict') throw timeJustTakenError();
    throw error;
  }
}
