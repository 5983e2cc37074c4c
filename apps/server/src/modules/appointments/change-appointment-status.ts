import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { audit, snapshot } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { assertStatus, loadForChange } from './appointment-rules.ts';
import { localDateOf } from './clinic-local-time.ts';
import type { AppointmentRecord } from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentStatus } from './appointments-tables.ts';
import { type AppointmentView, finishView, type ViewDraft, viewOf } from './build-appointment-views.ts';
import { withBookingRaceRetried } from './claim-booking-time.ts';

const transitions = {
  confirm: { from: ['booked'], to: 'confirmed', event: 'confirmed', verb: 'confirm' },
  checkIn: { from: ['booked', 'confirmed'], to: 'checked_in', event: 'checked_in', verb: 'check in' },
  startProcedure: { from: ['checked_in'], to: 'in_procedure', event: 'procedure_started', verb: 'start the procedure for' },
  complete: { from: ['checked_in', 'in_procedure'], to: 'completed', event: 'completed', verb: 'complete' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus; event: string; verb: string }>;
export type SimpleTransition = keyof typeof transitions;

export async function changeStatus(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  meta: RequestMeta,
  decide: (
    tx: Transaction,
    appointment: AppointmentRecord,
  ) => Promise<
    | 'unchanged'
    | {
        changes: Partial<repository.AppointmentInsert>;
        event: string;
        details?: Record<string, unknown>;
        release?: boolean;
        claim?: () => Promise<void>;
        /** More work in the same transaction, after the change (a fee invoice). */
        afterChange?: (after: AppointmentRecord) => Promise<void>;
      }
  >,
): Promise<ViewDraft> {
  const { database, clock } = deps;
  return withBookingRaceRetried(() =>
    inPractice(database, actor.practiceId, async (tx) => {
      const before = await loadForChange(deps, tx, actor, appointmentId);
      const decision = await decide(tx, before);
      if (decision === 'unchanged') return viewOf(deps, tx, actor.practiceId, before);
      if (decision.release) await repository.releaseClaims(tx, actor.practiceId, appointmentId);
      if (decision.claim) await decision.claim();
      const after = await repository.updateAppointment(tx, actor.practiceId, appointmentId, decision.changes, clock.now());
      await repository.insertEvent(tx, actor.practiceId, {
        appointmentId,
        actorStaffId: actor.staffId,
        type: decision.event,
        before: snapshot(before),
        after: snapshot(after),
        details: decision.details ?? {},
        occurredAt: clock.now(),
      });
      await recordAudit(tx, audit(actor, meta, `appointment.${decision.event}`, after, decision.details ?? {}));
      if (decision.afterChange) await decision.afterChange(after);
      return viewOf(deps, tx, actor.practiceId, after);
    }),
  );
}

export async function changeAppointmentStatus(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  name: SimpleTransition,
  meta: RequestMeta,
): Promise<AppointmentView> {
  const rule = transitions[name];
  const draft = await changeStatus(deps, actor, appointmentId, meta, async (tx, appointment) => {
    if (appointment.kind === 'out_of_office')
      throw new ConflictError(`You cannot ${rule.verb} an out-of-office block.`, 'invalid_status', { field: 'kind' });
    assertStatus(appointment, rule.from, rule.verb);
    if (name === 'checkIn') await assertAppointmentDayHasCome(deps, tx, actor, appointment);
    return { changes: { status: rule.to }, event: rule.event };
  });
  return finishView(draft);
}

/** A patient checks in on the appointment's day in its clinic's zone (or later), never weeks ahead. */
async function assertAppointmentDayHasCome(
  deps: AppointmentContext,
  tx: Transaction,
  actor: StaffActor,
  appointment: AppointmentRecord,
): Promise<void> {
  const clinics = await deps.catalog.findClinics(tx, actor.practiceId, [appointment.clinicId]);
  const zone = clinics.get(appointment.clinicId)?.timezone ?? 'UTC';
  const today = localDateOf(deps.clock.now(), zone);
  const day = localDateOf(appointment.startsAt, zone);
  if (day > today) {
    throw new ConflictError(
      `You can check a patient in only on the day of the appointment (${day}) or later; today is ${today} in ${zone}.`,
      'too_early_for_check_in',
      { field: 'appointmentId' },
    );
  }
}
