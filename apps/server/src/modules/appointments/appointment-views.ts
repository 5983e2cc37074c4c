import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { runTogether } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { audit } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentStatus } from './appointments-tables.ts';
import { type AppointmentView, finishView, toViews, viewOf } from './build-appointment-views.ts';
import { assertMayReadClientWithin } from './provider-scope.ts';

const MAX_LIST_DAYS = 93;
const MAX_LIST_ITEMS = 5000;

export async function getAppointment(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  meta: RequestMeta,
): Promise<AppointmentView> {
  const { database } = deps;
  const draft = await inPractice(database, actor.practiceId, async (tx) => {
    const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    await recordAudit(tx, audit(actor, meta, 'appointment.read', appointment));
    return viewOf(deps, tx, actor.practiceId, appointment);
  });
  return finishView(draft);
}

/** What the book's list is filtered by (from–to spans at most MAX_LIST_DAYS). */
export interface AppointmentListFilter {
  clinicId?: string | undefined;
  providerId?: string | undefined;
  patientId?: string | undefined;
  statuses?: AppointmentStatus[] | undefined;
  from: Date;
  to: Date;
}

export async function listAppointments(
  deps: AppointmentContext,
  actor: StaffActor,
  filter: AppointmentListFilter,
  meta: RequestMeta,
  action = 'appointment.list',
): Promise<AppointmentView[]> {
  const { database } = deps;
  if (filter.to <= filter.from) throw new ValidationError('"to" must be after "from".', { field: 'to' });
  if (filter.to.getTime() - filter.from.getTime() > MAX_LIST_DAYS * 86_400_000) {
    throw new ValidationError(`Ask for at most ${MAX_LIST_DAYS} days at a time.`, { field: 'to', code: 'range_too_long' });
  }
  const listed = await inPractice(database, actor.practiceId, async (tx) => {
    // One client's appointments are their history: a client detail (see provider-scope.ts).
    if (filter.patientId !== undefined) await assertMayReadClientWithin(deps.staffScope, tx, actor, filter.patientId);
    const { records, firstVisits } = await repository.listAppointmentsWithDetails(tx, actor.practiceId, filter, MAX_LIST_ITEMS);
    const patientIds = [
      ...new Set(records.flatMap((record) => (record.kind === 'appointment' && record.patientId ? [record.patientId] : []))),
    ];
    const [, drafts, forms, tiers] = await runTogether(tx, [
      () =>
        recordAudit(
          tx,
          audit(actor, meta, action, null, {
            count: records.length,
            from: filter.from.toISOString(),
            to: filter.to.toISOString(),
            clinicId: filter.clinicId ?? null,
            providerId: filter.providerId ?? null,
            patientId: filter.patientId ?? null,
          }),
        ),
      () => toViews(deps, tx, actor.practiceId, records),
      () =>
        deps.paperworkStatus.countOutstandingFormsWithin(
          tx,
          actor.practiceId,
          records.flatMap((record) => (record.kind === 'appointment' && record.patientId ? [record.id] : [])),
        ),
      () => deps.memberTiers.memberTiersWithin(tx, actor.practiceId, patientIds),
    ] as const);
    // Each view was built for this answer alone: the flags are set on it rather than copied
    // into another object (a clinic's week is hundreds of them).
    return drafts.map(({ view }) => {
      if (view.kind === 'appointment') {
        view.patientIsNew = firstVisits.has(view.id);
        view.formsOutstanding = forms.get(view.id) ?? 0;
        view.memberTiers = view.patientId ? (tiers.get(view.patientId) ?? []) : [];
      }
      return view;
    });
  });
  return listed;
}

export async function readAppointmentHistory(deps: AppointmentContext, actor: StaffActor, appointmentId: string, meta: RequestMeta) {
  const { database } = deps;
  return inPractice(database, actor.practiceId, async (tx) => {
    const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    const events = await repository.listEvents(tx, actor.practiceId, appointmentId);
    await recordAudit(tx, audit(actor, meta, 'appointment.history_read', appointment));
    return events;
  });
}

/** The no-shows page: no-shows that started in [from, to). */
export async function listNoShows(
  deps: AppointmentContext,
  actor: StaffActor,
  filter: { from: Date; to: Date; clinicId?: string | undefined; providerId?: string | undefined },
  meta: RequestMeta,
): Promise<AppointmentView[]> {
  return listAppointments(deps, actor, { ...filter, statuses: ['no_show'] }, meta, 'appointment.no_show_list');
}

/** Display names of staff members (for the history's "who"). */
export async function findStaffNames(
  deps: AppointmentContext,
  actor: StaffActor,
  staffIds: readonly string[],
): Promise<Map<string, string>> {
  const { identity } = deps;
  if (staffIds.length === 0) return new Map();
  const wanted = new Set(staffIds);
  const members = await identity.listStaff(actor);
  return new Map(members.filter((member) => wanted.has(member.id)).map((member) => [member.id, member.displayName]));
}

/**
 * The practice's book change token (decision 022): the open book polls it and refetches only
 * when it moves. Not audited: it shows no patient data, and an open book asks every few seconds.
 */
export async function readBookChanges(deps: AppointmentContext, actor: StaffActor): Promise<{ token: string }> {
  const token = await inPractice(deps.database, actor.practiceId, (tx) =>
    repository.readBookChangeToken(tx, actor.practiceId, deps.clock.now()),
  );
  return { token };
}
