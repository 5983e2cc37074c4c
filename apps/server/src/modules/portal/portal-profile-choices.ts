import type { PortalProfileChoices } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database, Executor, Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientsService } from '../patients/index.ts';
import { setActiveProfile } from './patient-session-repository.ts';

/** What the portal asks of guardian grants (the guardians module answers). */
export interface GuardianGrantsPort {
  listLiveDependantIdsWithin(tx: Transaction, practiceId: string, guardianId: string): Promise<string[]>;
  hasLiveGrant(executor: Executor, practiceId: string, guardianId: string, dependantId: string): Promise<boolean>;
}

export interface ProfileChoiceDependencies {
  database: Database;
  patients: Pick<PatientsService, 'findPatientSummariesWithin'>;
  guardians: GuardianGrantsPort;
}

/**
 * The profiles the signed-in patient may view, their own first, in the caller's transaction.
 * Naming a dependant is a read of the dependant's profile: audited, the guardian as actor.
 */
export async function listProfileChoicesWithin(
  tx: Transaction,
  deps: ProfileChoiceDependencies,
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalProfileChoices> {
  const self = actor.signedInPatientId;
  const dependantIds = await deps.guardians.listLiveDependantIdsWithin(tx, actor.practiceId, self);
  const summaries = await deps.patients.findPatientSummariesWithin(tx, actor.practiceId, [self, ...dependantIds]);
  const items: PortalProfileChoices['items'] = [];
  for (const [index, patientId] of [self, ...dependantIds].entries()) {
    const summary = summaries.get(patientId);
    if (!summary) continue;
    items.push({ id: patientId, firstName: summary.firstName, lastName: summary.lastName, relation: index === 0 ? 'self' : 'dependant' });
  }
  if (dependantIds.length > 0) {
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor(actor),
      action: 'portal.profiles_read',
      objectType: 'patient',
      objectId: self,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { dependantIds },
    });
  }
  return { items, activeProfileId: actor.patientId };
}

/** `GET /api/v1/portal/profiles`: own and granted profiles, and which one the portal reads now. */
export async function listProfileChoices(
  deps: ProfileChoiceDependencies,
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalProfileChoices> {
  return inPractice(deps.database, actor.practiceId, (tx) => listProfileChoicesWithin(tx, deps, actor, meta));
}

/**
 * Makes every portal route read another profile: the patient's own, or a dependant's they
 * hold a live grant for. Any other id is a 404 that says nothing of whose it is.
 */
export async function switchProfile(
  deps: ProfileChoiceDependencies,
  actor: PatientWithProfile,
  targetPatientId: string,
  meta: RequestMeta,
): Promise<PortalProfileChoices> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const self = actor.signedInPatientId;
    const own = targetPatientId === self;
    if (!own && !(await deps.guardians.hasLiveGrant(tx, actor.practiceId, self, targetPatientId))) {
      throw new NotFoundError('Profile', 'patientId');
    }
    await setActiveProfile(tx, actor.sessionTokenHash, own ? null : targetPatientId);
    const switched: PatientWithProfile = { ...actor, patientId: targetPatientId };
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor(switched),
      action: 'portal.profile_switch',
      objectType: 'patient',
      objectId: targetPatientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { from: actor.patientId },
    });
    return listProfileChoicesWithin(tx, deps, switched, meta);
  });
}
