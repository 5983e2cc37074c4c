import type { UpdateAppointmentRequest } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { type OpenedInvoice } from '../sales/index.ts';
import { audit, snapshot } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { type AppointmentActionResult, chargeOpenedFee, openFee, planFee, replayFee } from './appointment-fee-actions.ts';
import { lostRequestKeyRace, rememberRequestKey, requestKeyOf, seenRequestKey } from './appointment-request-keys.ts';
import {
  assertNotBeforeToday,
  assertProviderWorking,
  assertStatus,
  assertWithinBookingHorizon,
  LIVE_STATUSES,
  loadForChange,
} from './appointment-rules.ts';
import * as repository from './appointments-repository.ts';
import type { ServiceChoice } from './booking-catalog.ts';
import { announceAppointmentRescheduled } from './booking-observers.ts';
import { layOutServices } from './booking-timeline.ts';
import { finishView, viewOf } from './build-appointment-views.ts';
import { claimFor, claimTime, servicesOf, withBookingRaceRetried } from './claim-booking-time.ts';
import { assertMayActForProvider, staffScopeWithin } from './provider-scope.ts';

/**
 * Edits and reschedules: re-checks availability for any change of time, provider or
 * services. With chargeFee, a reschedule inside the cancellation window charges the
 * services' cancellation fee (one cancellation/rescheduling fee per appointment).
 */
export async function rescheduleAppointment(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  input: UpdateAppointmentRequest,
  expectedVersion: number | undefined,
  meta: RequestMeta,
  requestKey?: string,
): Promise<AppointmentActionResult> {
  const { database, clock, catalog, bookingObservers: observers } = deps;
  const { chargeFee = false, ...changes } = input;
  const keyed = requestKeyOf(requestKey, input);
  if (chargeFee && changes.start === undefined) {
    throw new ValidationError('A fee goes with a reschedule: send the new start with chargeFee.', {
      field: 'chargeFee',
      code: 'fee_needs_reschedule',
    });
  }
  let opened: OpenedInvoice | undefined;
  let replayed = false;
  const draft = await withBookingRaceRetried(() =>
    inPractice(database, actor.practiceId, async (tx) => {
      opened = undefined;
      const current = await loadForChange(deps, tx, actor, appointmentId);
      replayed = await seenRequestKey(tx, actor, keyed, 'reschedule', appointmentId);
      if (replayed) return viewOf(deps, tx, actor.practiceId, current);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PreconditionFailedError();
      const before = current;
      const beforeServices = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
      const plan = chargeFee ? await planFee(deps, tx, actor, before, beforeServices, 'cancellation_fee') : undefined;
      const retimes =
        changes.start !== undefined ||
        changes.end !== undefined ||
        changes.providerId !== undefined ||
        changes.serviceIds !== undefined ||
        changes.packageId !== undefined ||
        changes.mode !== undefined ||
        changes.allowDoubleBooking !== undefined;
      if (retimes) assertStatus(before, ['booked', 'confirmed'], 'reschedule');
      else assertStatus(before, LIVE_STATUSES, 'edit');
      if (before.kind === 'appointment' && (changes.title !== undefined || changes.end !== undefined)) {
        throw new ValidationError('An appointment ends when its services end; change its services or start instead.', {
          field: changes.end !== undefined ? 'end' : 'title',
        });
      }
      if (before.kind === 'out_of_office' && (changes.serviceIds || changes.packageId || changes.mode)) {
        throw new ValidationError('An out-of-office block has no services.', {
          field: changes.serviceIds ? 'serviceIds' : changes.packageId ? 'packageId' : 'mode',
        });
      }

      const update: Partial<repository.AppointmentInsert> = {};
      if (changes.notes !== undefined) update.notes = changes.notes;
      if (changes.title !== undefined) update.title = changes.title;
      let services = beforeServices;
      if (retimes) {
        const start = new Date(changes.start ?? before.startsAt);
        const providerId = changes.providerId ?? before.providerId;
        if (providerId !== before.providerId) {
          assertMayActForProvider(await staffScopeWithin(deps.staffScope, tx, actor), providerId, 'providerId');
        }
        const allowDoubleBooking = changes.allowDoubleBooking ?? before.allowDoubleBooking;
        await repository.releaseClaims(tx, actor.practiceId, appointmentId);
        if (before.kind === 'out_of_office') {
          const place = await catalog.loadClinicAndProvider(tx, actor.practiceId, before.clinicId, providerId);
          assertNotBeforeToday(deps, start, place.clinic.timezone, 'start');
          if (changes.start !== undefined) assertWithinBookingHorizon(deps, start, place.clinic, 'start');
          const end = changes.end
            ? new Date(changes.end)
            : new Date(start.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()));
          if (end <= start) throw new ValidationError('The end must be after the start.', { field: 'end' });
          Object.assign(update, { startsAt: start, endsAt: end, providerId, allowDoubleBooking });
          await claimTime(
            tx,
            actor.practiceId,
            appointmentId,
            { providerId, providerStart: start, providerEnd: end, exclusive: !allowDoubleBooking, resources: [] },
            new Map(),
            place.clinic.timezone,
            place.provider.displayName,
          );
        } else {
          const mode = changes.mode ?? before.mode ?? 'in_person';
          const choice: ServiceChoice = changes.packageId
            ? { packageId: changes.packageId }
            : changes.serviceIds
              ? { serviceIds: changes.serviceIds }
              : before.packageId
                ? { packageId: before.packageId }
                : { serviceIds: beforeServices.map((service) => service.serviceId) };
          const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, {
            clinicId: before.clinicId,
            providerId,
            choice,
            mode,
            start,
          });
          if (changes.start !== undefined) {
            assertNotBeforeToday(deps, start, visit.clinic.timezone, 'start');
            assertWithinBookingHorizon(deps, start, visit.clinic, 'start');
          }
          if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
            throw new ValidationError(`${visit.provider.displayName} has no virtual-visit room URL.`, {
              field: 'mode',
              code: 'no_virtual_room',
            });
          }
          const timeline = layOutServices(visit.services, start);
          await assertProviderWorking(deps, tx, actor, visit, timeline);
          await claimTime(
            tx,
            actor.practiceId,
            appointmentId,
            claimFor(providerId, timeline, allowDoubleBooking),
            visit.resources,
            visit.clinic.timezone,
            visit.provider.displayName,
          );
          services = servicesOf(timeline);
          await repository.replaceAppointmentServices(tx, actor.practiceId, appointmentId, services);
          Object.assign(update, {
            startsAt: timeline.visitStart,
            endsAt: timeline.visitEnd,
            providerId,
            mode,
            packageId: visit.packageId,
            allowDoubleBooking,
            virtualRoomUrl: mode === 'virtual' ? visit.provider.virtualRoomUrl : null,
          });
        }
      }
      const after = await repository.updateAppointment(tx, actor.practiceId, appointmentId, update, clock.now());
      const moved = after.startsAt.getTime() !== before.startsAt.getTime() || after.providerId !== before.providerId;
      const event = moved ? 'rescheduled' : 'updated';
      if (plan && after.startsAt.getTime() === before.startsAt.getTime()) {
        throw new ValidationError('The start did not change, so this is not a reschedule and no fee applies.', {
          field: 'chargeFee',
          code: 'fee_needs_reschedule',
        });
      }
      await repository.insertEvent(tx, actor.practiceId, {
        appointmentId,
        actorStaffId: actor.staffId,
        type: event,
        before: snapshot(before, beforeServices),
        after: snapshot(after, services),
        details: after.allowDoubleBooking && !before.allowDoubleBooking ? { allowDoubleBooking: true } : {},
        occurredAt: clock.now(),
      });
      await recordAudit(
        tx,
        audit(actor, meta, `appointment.${event}`, after, { changedFields: Object.keys(changes), feeRequested: chargeFee }),
      );
      if (after.allowDoubleBooking && !before.allowDoubleBooking)
        await recordAudit(tx, audit(actor, meta, 'appointment.double_booking_allowed', after));
      if (retimes && after.kind === 'appointment' && after.patientId) {
        await announceAppointmentRescheduled(observers, tx, actor.practiceId, {
          id: after.id,
          patientId: after.patientId,
          serviceIds: services.map((service) => service.serviceId),
          startsAt: after.startsAt,
          previousStartsAt: before.startsAt,
          actorStaffId: actor.staffId,
        });
      }
      if (plan) opened = await openFee(deps, tx, actor, after, plan, meta);
      await rememberRequestKey(deps, tx, actor, keyed, 'reschedule', appointmentId);
      return viewOf(deps, tx, actor.practiceId, after);
    }),
  ).catch(async (error: unknown) => {
    if (await lostRequestKeyRace(deps, actor, keyed, 'reschedule', appointmentId, error)) {
      replayed = true;
      return inPractice(database, actor.practiceId, async (tx) =>
        viewOf(deps, tx, actor.practiceId, await loadForChange(deps, tx, actor, appointmentId)),
      );
    }
    throw error;
  });
  const fee = opened
    ? await chargeOpenedFee(deps, actor, opened, meta)
    : replayed
      ? await replayFee(deps, actor, draft, 'cancellation_fee', meta)
      : null;
  return { appointment: finishView(draft), fee, replayed };
}
