import { boardColumnLabels, type AppointmentStatus, type BoardCard, type BoardColumn, type EmrBoard } from '@glowdesk/contracts';
import { Temporal } from 'temporal-polyfill';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findClinicContactWithin, findProviderNameWithin } from '../practice/index.ts';
import type { EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';

const columnOrder: BoardColumn[] = ['booked', 'checked_in', 'in_procedure', 'ready_for_checkout', 'completed'];
/** Roles that see charts, so the board links a card to its procedure. */
const chartingRoles = new Set(['owner', 'admin', 'provider']);

/** The instants a clinic-local date starts and ends (the next date's start), DST included. */
function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const day = Temporal.PlainDate.from(date);
  return {
    from: new Date(day.toZonedDateTime({ timeZone }).epochMilliseconds),
    to: new Date(day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds),
  };
}

/**
 * The EMR board: a clinic's appointments on a local date by column. Booked and confirmed
 * visits share the first column; an in-procedure visit whose chart is signed is Ready for
 * Checkout; cancelled visits and no-shows are not on the board. The cards come from the
 * appointment book's own list (which audits the read); front desk sees no chart links.
 */
export async function readEmrBoard(
  deps: EmrDependencies,
  actor: StaffActor,
  query: { clinicId: string; date: string },
  meta: RequestMeta,
): Promise<EmrBoard> {
  const { practiceId } = actor;
  const clinic = await inPractice(deps.database, practiceId, (tx) => findClinicContactWithin(tx, practiceId, query.clinicId));
  if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
  const { from, to } = dayBounds(query.date, clinic.timezone);
  const appointments = (await deps.appointments.listAppointments(actor, { clinicId: clinic.id, from, to }, meta)).filter(
    (appointment) => appointment.kind === 'appointment' && appointment.patient !== null,
  );
  const { procedures, providerNames } = await inPractice(deps.database, practiceId, async (tx) => {
    const providerIds = [...new Set(appointments.map((appointment) => appointment.providerId))];
    const names = new Map<string, string>();
    for (const providerId of providerIds) names.set(providerId, (await findProviderNameWithin(tx, practiceId, providerId)) ?? 'Provider');
    return {
      procedures: await repository.findProceduresOfAppointments(
        tx,
        practiceId,
        appointments.map((appointment) => appointment.id),
      ),
      providerNames: names,
    };
  });
  const showCharts = chartingRoles.has(actor.role);
  const columns = new Map<BoardColumn, BoardCard[]>(columnOrder.map((key) => [key, []]));
  appointments.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const appointment of appointments) {
    const procedure = procedures.get(appointment.id);
    const column = columnOf(appointment.status, procedure?.signedAt != null);
    if (!column || !appointment.patient) continue;
    columns.get(column)?.push({
      appointmentId: appointment.id,
      status: appointment.status,
      start: appointment.startsAt.toISOString(),
      end: appointment.endsAt.toISOString(),
      patient: { id: appointment.patient.id, firstName: appointment.patient.firstName, lastName: appointment.patient.lastName },
      serviceNames: appointment.services.map((service) => service.serviceName),
      provider: { id: appointment.providerId, displayName: providerNames.get(appointment.providerId) ?? 'Provider' },
      formsOutstanding: appointment.formsOutstanding ?? 0,
      procedureId: showCharts ? (procedure?.id ?? null) : null,
    });
  }
  return {
    clinicId: clinic.id,
    date: query.date,
    timezone: clinic.timezone,
    columns: columnOrder.map((key) => ({ key, label: boardColumnLabels[key], cards: columns.get(key) ?? [] })),
  };
}

function columnOf(status: AppointmentStatus, chartSigned: boolean): BoardColumn | undefined {
  switch (status) {
    case 'booked':
    case 'confirmed':
      return 'booked';
    case 'checked_in':
      return 'checked_in';
    case 'in_procedure':
      return chartSigned ? 'ready_for_checkout' : 'in_procedure';
    case 'completed':
      return 'completed';
    case 'cancelled':
    case 'no_show':
      return undefined;
  }
}
