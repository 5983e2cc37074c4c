import type { Transaction } from '../../platform/database.ts';
import * as repository from './paperwork-repository.ts';

/** An active consent template by id, with its current name; undefined for another kind of form, a retired one or an unknown id. */
export async function findConsentTemplateWithin(
  tx: Transaction,
  practiceId: string,
  templateId: string,
): Promise<{ id: string; name: string } | undefined> {
  const template = await repository.findTemplate(tx, practiceId, templateId);
  if (!template || template.kind !== 'consent' || !template.active) return undefined;
  const version = await repository.findTemplateVersion(tx, practiceId, templateId, template.currentVersion);
  return version ? { id: template.id, name: version.name } : undefined;
}

/**
 * The consent of `templateId` the patient has signed most recently, on any appointment and
 * any version; undefined when none is signed (a reset one is not). Held until the caller's
 * transaction ends, so the consent cannot be reset under what is being linked to it.
 */
export async function findSignedConsentWithin(
  tx: Transaction,
  practiceId: string,
  query: { patientId: string; templateId: string },
): Promise<{ assignmentId: string; templateVersion: number; signedAt: Date } | undefined> {
  const assignment = await repository.findLatestSignedAssignment(tx, practiceId, query.patientId, query.templateId);
  return assignment
    ? { assignmentId: assignment.id, templateVersion: assignment.templateVersion, signedAt: assignment.statusChangedAt }
    : undefined;
}
