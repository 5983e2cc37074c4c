import type { GuardianGrant, PatientGuardians } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor, Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientsService, PatientSummaryRecord } from '../patients/index.ts';
import * as repository from './guardian-grants-repository.ts';
import type { GuardianGrantRecord } from './guardian-grants-repository.ts';

export interface GuardianGrantsOptions {
  database: Database;
  clock: Clock;
  patients: Pick<PatientsService, 'findPatientSummariesWithin'>;
  /** Names of who granted and revoked. */
  staffDirectory: { listStaff(actor: StaffActor): Promise<{ id: string; displayName: string }[]> };
}

function staffAudit(actor: StaffActor, meta: RequestMeta) {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

function person(summaries: Map<string, PatientSummaryRecord>, patientId: string) {
  const found = summaries.get(patientId);
  return {
    id: patientId,
    firstName: found?.firstName ?? 'Unknown',
    lastName: found?.lastName ?? 'client',
    phone: found?.phone ?? null,
    email: found?.email ?? null,
  };
}

/**
 * Guardian access (docs/decisions/025): staff let one client open another client's profile in
 * the portal. Granted, listed and revoked from the dependant's profile; every step audited.
 */
export function createGuardianGrantsService(options: GuardianGrantsOptions) {
  const { database, clock, patients } = options;

  /** The grants with the clients' names and contacts (read in the transaction); staff names are added after it. */
  async function withPeople(tx: Transaction, practiceId: string, grants: GuardianGrantRecord[]) {
    const summaries = await patients.findPatientSummariesWithin(
      tx,
      practiceId,
      grants.flatMap((grant) => [grant.guardianId, grant.dependantId]),
    );
    return { grants, summaries };
  }

  async function describe(
    actor: StaffActor,
    { grants, summaries }: { grants: GuardianGrantRecord[]; summaries: Map<string, PatientSummaryRecord> },
  ): Promise<GuardianGrant[]> {
    const staffNames = new Map((await options.staffDirectory.listStaff(actor)).map((member) => [member.id, member.displayName]));
    const staffName = (staffId: string) => ({ id: staffId, displayName: staffNames.get(staffId) ?? 'A former staff member' });
    return grants.map((grant) => ({
      id: grant.id,
      guardian: person(summaries, grant.guardianId),
      dependant: person(summaries, grant.dependantId),
      grantedAt: grant.grantedAt.toISOString(),
      grantedBy: staffName(grant.grantedByStaffId),
      revokedAt: grant.revokedAt?.toISOString() ?? null,
      revokedBy: grant.revokedByStaffId ? staffName(grant.revokedByStaffId) : null,
    }));
  }

  async function assertPatientExists(tx: Transaction, practiceId: string, patientId: string, field: string): Promise<void> {
    const found = await patients.findPatientSummariesWithin(tx, practiceId, [patientId]);
    if (!found.has(patientId)) throw new NotFoundError(field === 'patientId' ? 'Client' : 'Guardian', field);
  }

  return {
    /** Who may open this client's profile in the portal (with history), and whose profiles this client may open. */
    async listGuardians(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<PatientGuardians> {
      const read = await inPractice(database, actor.practiceId, async (tx) => {
        await assertPatientExists(tx, actor.practiceId, patientId, 'patientId');
        const { onProfile, held } = await repository.listGrantsOfPatient(tx, actor.practiceId, patientId);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'patient.guardians_read',
          objectType: 'patient',
          objectId: patientId,
          details: { grantIds: [...onProfile, ...held].map((grant) => grant.id) },
        });
        return { onProfile: await withPeople(tx, actor.practiceId, onProfile), held: await withPeople(tx, actor.practiceId, held) };
      });
      return { guardians: await describe(actor, read.onProfile), dependants: await describe(actor, read.held) };
    },

    /** Lets the guardian open the dependant's profile in the portal; 409 when they already may. */
    async grantGuardian(actor: StaffActor, dependantId: string, guardianId: string, meta: RequestMeta): Promise<GuardianGrant> {
      if (guardianId === dependantId) {
        throw new ValidationError('A client cannot be their own guardian. Choose another client.', {
          field: 'guardianPatientId',
          code: 'own_profile',
        });
      }
      const granted = await inPractice(database, actor.practiceId, async (tx) => {
        await assertPatientExists(tx, actor.practiceId, dependantId, 'patientId');
        await assertPatientExists(tx, actor.practiceId, guardianId, 'guardianPatientId');
        const grant = await repository.insertGrant(tx, actor.practiceId, {
          dependantId,
          guardianId,
          grantedByStaffId: actor.staffId,
          grantedAt: clock.now(),
        });
        if (!grant) {
          throw new ConflictError('This client can already open the profile in the portal.', 'already_granted', {
            field: 'guardianPatientId',
          });
        }
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'patient.guardian_grant',
          objectType: 'patient',
          objectId: dependantId,
          details: { grantId: grant.id, guardianId },
        });
        return withPeople(tx, actor.practiceId, [grant]);
      });
      const [described] = await describe(actor, granted);
      if (!described) throw new Error('describing a new grant gave nothing');
      return described;
    },

    /** Ends a grant: the guardian's next portal request no longer reaches the profile. 409 when already revoked. */
    async revokeGuardian(actor: StaffActor, dependantId: string, grantId: string, meta: RequestMeta): Promise<GuardianGrant> {
      const ended = await inPractice(database, actor.practiceId, async (tx) => {
        const revoked = await repository.revokeGrant(tx, actor.practiceId, {
          grantId,
          dependantId,
          revokedByStaffId: actor.staffId,
          revokedAt: clock.now(),
        });
        if (!revoked) {
          const existing = await repository.findGrant(tx, actor.practiceId, grantId, dependantId);
          if (!existing) throw new NotFoundError('Guardian access', 'grantId');
          throw new ConflictError('This access was already revoked.', 'already_revoked', { field: 'grantId' });
        }
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'patient.guardian_revoke',
          objectType: 'patient',
          objectId: dependantId,
          details: { grantId, guardianId: revoked.guardianId },
        });
        return withPeople(tx, actor.practiceId, [revoked]);
      });
      const [described] = await describe(actor, ended);
      if (!described) throw new Error('describing a revoked grant gave nothing');
      return described;
    },

    /** The dependants a guardian may open now, in another module's transaction (the portal's; the caller audits). */
    listLiveDependantIdsWithin: (tx: Transaction, practiceId: string, guardianId: string) =>
      repository.listLiveDependantIds(tx, practiceId, guardianId),

    /**
     * True while the guardian holds a live grant for the dependant. Runs outside a practice
     * transaction too: the portal's session resolution asks it before the practice is set.
     */
    hasLiveGrant: (executor: Executor, practiceId: string, guardianId: string, dependantId: string) =>
      repository.hasLiveGrant(executor, practiceId, guardianId, dependantId),
  };
}

export type GuardianGrantsService = ReturnType<typeof createGuardianGrantsService>;
