import type { PortalPaperworkItem } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { loadOwnAssignmentWithin, patientAudit, portalItemWithin, type PatientWithProfile } from './own-paperwork.ts';
import { changePaperworkStatusWithin } from './paperwork-assignment.ts';
import * as signing from './paperwork-signing-repository.ts';
import { occasionOfVisit, produceSignedConsentWithin, type PatientLookup } from './signed-consent-document.ts';
import { signaturePngOf } from './signature-image.ts';

/**
 * The patient signs a consent with a drawn signature and their typed name. Records the time,
 * IP, user agent, the exact version and the PDF produced with its SHA-256; the form becomes
 * Signed, or Witness Signature Required when its version needs a witness. Signing again is a
 * 409 (a staff reset reopens the form).
 */
export async function signOwnConsent(
  deps: { database: Database; clock: Clock; patients: PatientLookup },
  actor: PatientWithProfile,
  assignmentId: string,
  input: { signature: string; typedName: string },
  meta: RequestMeta,
): Promise<PortalPaperworkItem> {
  const png = signaturePngOf(input.signature, 'signature');
  const now = deps.clock.now();
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const subject = await loadOwnAssignmentWithin(tx, actor, assignmentId, now);
    const { assignment } = subject;
    if (assignment.kind !== 'consent') {
      throw new ConflictError(`This form is a ${assignment.kind}; only a consent is signed.`, 'not_a_consent', { field: 'assignmentId' });
    }
    if (assignment.status !== 'not_signed') {
      throw new ConflictError(
        'You have already signed this form. To sign it again, ask the clinic to reset it.',
        'paperwork_already_signed',
        {
          field: 'assignmentId',
        },
      );
    }
    const signature = { png, typedName: input.typedName, signedAt: now, ip: meta.ip, userAgent: meta.userAgent ?? null };
    const document = await produceSignedConsentWithin(
      tx,
      deps.patients,
      actor.practiceId,
      assignment,
      occasionOfVisit(subject.visit),
      { patient: signature },
      'signature',
    );
    const signatureId = await signing.insertSignature(tx, actor.practiceId, {
      assignmentId,
      round: assignment.resetCount,
      role: 'patient',
      templateVersion: assignment.templateVersion,
      typedName: input.typedName,
      witnessStaffId: null,
      signaturePng: png,
      signedAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent ?? null,
      documentPdf: document.pdf,
      documentSha256: document.sha256,
    });
    const status = assignment.requiresWitnessSignature ? 'witness_signature_required' : 'signed';
    await changePaperworkStatusWithin(tx, actor.practiceId, {
      assignmentId,
      status,
      details: { via: 'portal', signatureId, templateVersion: assignment.templateVersion, documentSha256: document.sha256 },
      now,
    });
    await recordAudit(tx, {
      ...patientAudit(actor, meta),
      action: 'paperwork_assignment.sign',
      objectType: 'paperwork_assignment',
      objectId: assignmentId,
      details: {
        via: 'portal',
        signatureId,
        templateId: assignment.templateId,
        templateVersion: assignment.templateVersion,
        documentSha256: document.sha256,
        status,
      },
    });
    return portalItemWithin(tx, actor.practiceId, assignmentId, subject.visit);
  });
}
