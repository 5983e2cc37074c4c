import { and, eq, inArray } from 'drizzle-orm';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { appointments } from './appointments-tables.ts';

/**
 * What a staff member may act on. Owners, admins and the front desk act on the whole
 * practice; so do providers when the practice's `providersManageAllAppointments` setting
 * is on. Otherwise a provider acts only on the appointments booked with the provider
 * record they sign in as (`providerId`; null when they have none, so nothing is theirs)
 * and reads only the clients who have an appointment with them.
 */
export type StaffScope = { kind: 'practice' } | { kind: 'own'; providerId: string | null };

/** What the scope reads from other modules, in the caller's transaction (wired in app.ts). */
export interface StaffScopeSources {
  /** The practice setting (identity). */
  providersManageAllAppointmentsWithin(tx: Transaction, practiceId: string): Promise<boolean>;
  /** The provider record a staff member signs in as (practice). */
  findProviderIdOfStaffWithin(tx: Transaction, practiceId: string, staffId: string): Promise<string | null>;
}

export async function staffScopeWithin(sources: StaffScopeSources, tx: Transaction, actor: StaffActor): Promise<StaffScope> {
  if (actor.role !== 'provider') return { kind: 'practice' };
  if (await sources.providersManageAllAppointmentsWithin(tx, actor.practiceId)) return { kind: 'practice' };
  return { kind: 'own', providerId: await sources.findProviderIdOfStaffWithin(tx, actor.practiceId, actor.staffId) };
}

/** Refuses (403 not_your_appointment) an action on, or a booking into, another provider's column. */
export function assertMayActForProvider(scope: StaffScope, providerId: string, field = 'appointmentId'): void {
  if (scope.kind === 'practice' || scope.providerId === providerId) return;
  throw new ForbiddenError(
    field === 'providerId'
      ? 'You can book and move appointments only in your own column. Ask the front desk or a manager.'
      : 'This appointment is booked with another provider: only they, the front desk or a manager can change it.',
    'not_your_appointment',
  );
}

/** True when the patient has at least one appointment (any date, any status) with the provider. */
async function hasAppointmentWithProvider(tx: Transaction, practiceId: string, patientId: string, providerId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.patientId, patientId), eq(appointments.providerId, providerId)))
    .limit(1);
  return row !== undefined;
}

/** Refuses (403 not_your_client) a provider limited to their own clients a client who has no appointment with them. */
export async function assertMayReadClientWithin(
  sources: StaffScopeSources,
  tx: Transaction,
  actor: StaffActor,
  patientId: string,
): Promise<void> {
  const scope = await staffScopeWithin(sources, tx, actor);
  if (scope.kind === 'practice') return;
  if (scope.providerId !== null && (await hasAppointmentWithProvider(tx, actor.practiceId, patientId, scope.providerId))) return;
  throw new ForbiddenError(
    'This client has no appointment with you, so their details are not shown. Ask the front desk or a manager.',
    'not_your_client',
  );
}

async function findProviderAndPatientWithin(tx: Transaction, practiceId: string, appointmentId: string) {
  const [row] = await tx
    .select({ providerId: appointments.providerId, patientId: appointments.patientId })
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, appointmentId)))
    .limit(1);
  return row;
}

/** The checks for routes in other modules that read a client's details or change what belongs to an appointment. */
export function createClientAccess(database: Database, sources: StaffScopeSources): ClientAccess {
  return {
    async assertMayReadClient(actor, patientId) {
      if (actor.role !== 'provider') return;
      await inPractice(database, actor.practiceId, (tx) => assertMayReadClientWithin(sources, tx, actor, patientId));
    },
    async readableClients(actor, patientIds) {
      const all = new Set(patientIds);
      if (actor.role !== 'provider' || all.size === 0) return all;
      return inPractice(database, actor.practiceId, async (tx) => {
        const scope = await staffScopeWithin(sources, tx, actor);
        if (scope.kind === 'practice') return all;
        if (scope.providerId === null) return new Set<string>();
        const rows = await tx
          .selectDistinct({ patientId: appointments.patientId })
          .from(appointments)
          .where(
            and(
              eq(appointments.practiceId, actor.practiceId),
              eq(appointments.providerId, scope.providerId),
              inArray(appointments.patientId, [...all]),
            ),
          );
        return new Set(rows.flatMap((row) => (row.patientId ? [row.patientId] : [])));
      });
    },
    async assertMayReadAppointmentClient(actor, appointmentId) {
      if (actor.role !== 'provider') return;
      await inPractice(database, actor.practiceId, async (tx) => {
        const scope = await staffScopeWithin(sources, tx, actor);
        if (scope.kind === 'practice') return;
        const appointment = await findProviderAndPatientWithin(tx, actor.practiceId, appointmentId);
        if (!appointment || appointment.providerId === scope.providerId || appointment.patientId === null) return;
        await assertMayReadClientWithin(sources, tx, actor, appointment.patientId);
      });
    },
    async assertMayActOnAppointment(actor, appointmentId) {
      if (actor.role !== 'provider') return;
      await inPractice(database, actor.practiceId, async (tx) => {
        const scope = await staffScopeWithin(sources, tx, actor);
        const appointment = await findProviderAndPatientWithin(tx, actor.practiceId, appointmentId);
        if (appointment) assertMayActForProvider(scope, appointment.providerId);
      });
    },
  };
}
