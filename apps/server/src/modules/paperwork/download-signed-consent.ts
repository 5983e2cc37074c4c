import type { StaffActor } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { patientAudit, type PatientWithProfile } from './own-paperwork.ts';
import * as signing from './paperwork-signing-repository.ts';
import type { PortalAssignmentRecord } from './paperwork-signing-repository.ts';
import { assertStaffMayReadAssignment } from './staff-assignment-access.ts';

/** A signed consent to download. */
export interface SignedConsentFile {
  filename: string;
  pdf: Buffer;
  sha256: string;
}

/** The newest document of the form's current round: the witnessed one when there is one. */
async function currentDocumentWithin(tx: Transaction, practiceId: string, assignment: PortalAssignmentRecord): Promise<SignedConsentFile> {
  const witness = await signing.findSignature(tx, practiceId, assignment.id, assignment.resetCount, 'witness');
  const signature = witness ?? (await signing.findSignature(tx, practiceId, assignment.id, assignment.resetCount, 'patient'));
  if (!signature) throw new NotFoundError('A signed document of this form', 'assignmentId');
  const slug = assignment.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'consent';
  return { filename: `${slug}-signed.pdf`, pdf: signature.documentPdf, sha256: signature.documentSha256 };
}

/** The signed PDF of one of the patient's own consents (404 for anyone else's), audited. */
export async function downloadOwnSignedConsent(
  deps: { database: Database },
  actor: PatientWithProfile,
  assignmentId: string,
  meta: RequestMeta,
): Promise<SignedConsentFile> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const assignment = await signing.findPortalAssignment(tx, actor.practiceId, assignmentId);
    if (!assignment || assignment.patientId !== actor.patientId) throw new NotFoundError('Form', 'assignmentId');
    const file = await currentDocumentWithin(tx, actor.practiceId, assignment);
    await recordAudit(tx, {
      ...patientAudit(actor, meta),
      action: 'paperwork_assignment.download',
      objectType: 'paperwork_assignment',
      objectId: assignmentId,
      details: { via: 'portal', documentSha256: file.sha256 },
    });
    return file;
  });
}

/** The signed PDF of a consent for staff (from the appointment or the client profile), audited. */
export async function downloadSignedConsent(
  deps: { database: Database; clientAccess: ClientAccess },
  actor: StaffActor,
  assignmentId: string,
  meta: RequestMeta,
): Promise<SignedConsentFile> {
  await assertStaffMayReadAssignment(deps, actor, assignmentId);
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const assignment = await signing.findPortalAssignment(tx, actor.practiceId, assignmentId);
    if (!assignment) throw new NotFoundError('Paperwork assignment', 'assignmentId');
    const file = await currentDocumentWithin(tx, actor.practiceId, assignment);
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'staff',
      actorId: actor.staffId,
      actorLabel: actor.email,
      ip: meta.ip,
      requestId: meta.requestId,
      action: 'paperwork_assignment.download',
      objectType: 'paperwork_assignment',
      objectId: assignmentId,
      details: { patientId: assignment.patientId, documentSha256: file.sha256 },
    });
    return file;
  });
}
