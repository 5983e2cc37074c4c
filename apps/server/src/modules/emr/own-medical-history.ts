import { emptyMedicalHistoryContent, type MedicalHistoryContent, type PortalMedicalHistory } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type AuditEntry, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { PreconditionFailedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { EmrDependencies } from './emr-dependencies.ts';
import { changedSections, describeMedicalHistoryChanges } from './medical-history-changes.ts';
import * as repository from './medical-history-repository.ts';

function portalAudit(actor: PatientWithProfile, meta: RequestMeta, action: string, details: Record<string, unknown>): AuditEntry {
  return {
    practiceId: actor.practiceId,
    ...portalAuditActor(actor),
    action,
    objectType: 'patient',
    objectId: actor.patientId,
    ip: meta.ip,
    requestId: meta.requestId,
    details,
  };
}

async function readOwnHistory(tx: Transaction, actor: PatientWithProfile): Promise<PortalMedicalHistory> {
  const record = await repository.findMedicalHistory(tx, actor.practiceId, actor.patientId);
  const latest = record ? await repository.findMedicalHistoryVersion(tx, actor.practiceId, actor.patientId, record.version) : undefined;
  const content: MedicalHistoryContent = record?.content ?? emptyMedicalHistoryContent;
  return {
    ...content,
    version: record?.version ?? 0,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: latest ? (latest.changedByStaffId ? 'clinic' : 'you') : null,
    awaitingReview: record?.reviewVersion != null,
  };
}

/** The medical history of the profile the portal is viewing; audited as the patient's read. */
export async function getOwnMedicalHistory(
  deps: EmrDependencies,
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalMedicalHistory> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const history = await readOwnHistory(tx, actor);
    await recordAudit(tx, portalAudit(actor, meta, 'medical_history.read', { version: history.version }));
    return history;
  });
}

/**
 * The patient saves their medical history in the portal: a new version, flagged for staff
 * review. With `expectedVersion` (If-Match), a history the clinic saved in between is refused
 * (412) rather than overwritten. A save that changes nothing adds no version and flags nothing.
 */
export async function saveOwnMedicalHistory(
  deps: EmrDependencies,
  actor: PatientWithProfile,
  content: MedicalHistoryContent,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<PortalMedicalHistory> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const before = await repository.findMedicalHistory(tx, actor.practiceId, actor.patientId, { forUpdate: true });
    const currentVersion = before?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== currentVersion) throw new PreconditionFailedError();
    const changes = describeMedicalHistoryChanges(before?.content ?? emptyMedicalHistoryContent, content);
    if (changes.length > 0) {
      const saved = await repository.saveMedicalHistoryVersion(tx, actor.practiceId, {
        patientId: actor.patientId,
        expectedVersion: currentVersion,
        content,
        at: deps.clock.now(),
        writer: { patientId: actor.signedInPatientId },
        reviewVersion: 'this_version',
      });
      if (!saved) throw new PreconditionFailedError();
    }
    await recordAudit(
      tx,
      portalAudit(actor, meta, 'medical_history.update', { fromVersion: currentVersion, changedSections: changedSections(changes) }),
    );
    return readOwnHistory(tx, actor);
  });
}
