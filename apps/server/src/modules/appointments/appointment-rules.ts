import { latestStartWithinHorizon } from '@glowdesk/scheduling';
import { Temporal } from 'temporal-polyfill';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import type { AppointmentRecord } from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentStatus } from './appointments-tables.ts';
import type { VisitCatalog } from './booking-catalog.ts';
import { type BookingTimeline } from './booking-timeline.ts';
import { describeLocalTime, localDateOf } from './clinic-local-time.ts';
import { assertMayActForProvider, staffScopeWithin } from './provider-scope.ts';

export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed', 'checked_in', 'in_procedure'];

export function assertNotBeforeToday(deps: AppointmentContext, start: Date, timeZone: string, field: string): void {
  const { clock } = deps;
  const today = localDateOf(clock.now(), timeZone);
  if (localDateOf(start, timeZone) < today) {
    throw new ValidationError(`The start is before today (${today}) in the clinic's time zone, ${timeZone}.`, {
      field,
      code: 'start_in_past',
    });
  }
}

/**
 * Refuses a start later than the clinic's booking horizon allows: the same wall-clock time
 * as now, bookingHorizonDays local days ahead, the latest start availability offers.
 */
export function assertWithinBookingHorizon(deps: AppointmentContext, start: Date, clinic: VisitCatalog['clinic'], field: string): void {
  const { clock } = deps;
  const latestStart = new Date(latestStartWithinHorizon(clock.now().getTime(), clinic.timezone, clinic.bookingHorizonDays));
  if (start > latestStart) {
    const latest = Temporal.Instant.fromEpochMilliseconds(latestStart.getTime()).toZonedDateTimeISO(clinic.timezone);
    throw new ValidationError(
      `${clinic.name} takes bookings up to ${clinic.bookingHorizonDays} days ahead: the latest start is ` +
        `${latest.toPlainDate().toString()} ${latest.toPlainTime().toString({ smallestUnit: 'minute' })} (${clinic.timezone}).`,
      { field, code: 'beyond_booking_horizon' },
    );
  }
}

export async function assertProviderWorking(
  deps: AppointmentContext,
  tx: Transaction,
  actor: Pick<StaffActor, 'practiceId'>,
  visit: Pick<VisitCatalog, 'clinic' | 'provider' | 'workingHours'>,
  timeline: BookingTimeline,
): Promise<void> {
  const { catalog } = deps;
  const working =
    visit.workingHours.covers(timeline.providerStart, timeline.providerEnd) ??
    (await catalog.isProviderWorking(tx, actor.practiceId, {
      providerId: visit.provider.id,
      clinicId: visit.clinic.id,
      start: timeline.providerStart,
      end: timeline.providerEnd,
    }));
  if (!working) {
    throw new ConflictError(
      `${visit.provider.displayName} is not working at ${visit.clinic.name} for the whole of ${describeLocalTime(timeline.visitStart, visit.clinic.timezone)}–${describeLocalTime(timeline.visitEnd, visit.clinic.timezone)} (buffers included).`,
      'outside_working_hours',
      { field: 'start' },
    );
  }
}

/**
 * Locks the appointment for a change by this staff member: 404 when there is none, 403
 * not_your_appointment when it is another provider's and the practice limits providers to
 * their own, 412 when If-Match names another version.
 */
export async function loadForChange(
  deps: Pick<AppointmentContext, 'staffScope'>,
  tx: Transaction,
  actor: StaffActor,
  appointmentId: string,
  expectedVersion?: number,
): Promise<AppointmentRecord> {
  const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId, { forUpdate: true });
  if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
  assertMayActForProvider(await staffScopeWithin(deps.staffScope, tx, actor), appointment.providerId);
  if (expectedVersion !== undefined && expectedVersion !== appointment.version) throw new PreconditionFailedError();
  return appointment;
}

export function assertStatus(appointment: AppointmentRecord, allowed: readonly AppointmentStatus[], verb: string): void {
  if (!allowed.includes(appointment.status)) {
    throw new ConflictError(`You cannot ${verb} an appointment that is ${appointment.status.replace('_', ' ')}.`, 'invalid_status', {
      field: 'status',
    });
  }
}
