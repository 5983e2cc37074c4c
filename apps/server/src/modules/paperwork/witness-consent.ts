import type { StaffActor } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { loadVisitsWithin } from './own-paperwork.ts';
import { changePaperworkStatusWithin } from './paperwork-assignment.ts';
import * as signing from './paperwork-signing-repository.ts';
import { occasionOfVisit, produceSignedConsentWithin, type PatientLookup } from './signed-consent-document.ts';
import { signaturePngOf } from './signature-image.ts';
import { assertStaffMayReadAssignment } from './staff-assignment-access.ts';

export interface WitnessedConsent {
  assignmentId: string;
  signatureId: string;
  signedAt: Date;
  documentSha256: string;
}

/**
 * A staff member signs a consent as its witness (drawn signature and typed name) once the
 * patient has signed: a new PDF with both signatures is produced and kept with its SHA-256,
 * and the form becomes Signed. Only a form in Witness Signature Required can be witnessed (409).
 */
export async function witnessConsent(
  deps: { database: Database; clock: Clock; patients: PatientLookup; clientAccess: ClientAccess },
  actor: StaffActor,
  assignmentId: string,
  input: { signature: string; typedName: string },
  meta: RequestMeta,
): Promise<WitnessedConsent> {
  const png = signaturePngOf(input.signature, 'signature');
  await assertStaffMayReadAssignment(deps, actor, assignmentId);
  const now = deps.clock.now();
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const assignment = await signing.findPortalAssignment(tx, actor.practiceId, assignmentId, { forUpdate: true });
    if (!assignment) throw new NotFoundError('Paperwork assignment', 'assignmentId');
    if (assignment.status !== 'witness_signature_required') {
      throw new ConflictError(
        assignment.status === 'signed'
          ? 'This form is already signed; nothing is left to witness.'
          : 'Only a consent the patient has signed and that waits for a witness can be witnessed.',
        'paperwork_not_awaiting_witness',
        { field: 'assignmentId' },
      );
    }
    const patientSignature = await signing.findSignature(tx, actor.practiceId, assignmentId, assignment.resetCount, 'patient');
    const visit = (await loadVisitsWithin(tx, actor.practiceId, [assignment.appointmentId])).get(assignment.appointmentId);
    if (!patientSignature || !visit) throw new Error(`consent ${assignmentId} waits for a witness without a patient signature or visit`);
    const witness = { png, typedName: input.typedName, signedAt: now, ip: meta.ip, userAgent: meta.userAgent ?? null };
    const document = await produceSignedConsentWithin(
      tx,
      deps.patients,
      actor.practiceId,
      assignment,
      occasionOfVisit(visit),
      {
        patient: {
          png: patientSignature.signaturePng,
          typedName: patientSignature.typedName,
          signedAt: patientSignature.signedAt,
          ip: patientSignature.ip,
          userAgent: patientSignature.userAgent,
        },
        witness,
      },
      'signature',
    );
    const signatureId = await signing.insertSignature(tx, actor.practiceId, {
      assignmentId,
      round: assignment.resetCount,
      role: 'witness',
      templateVersion: assignment.templateVersion,
      typedName: input.typedName,
      witnessStaffId: actor.staffId,
      signaturePng: png,
      signedAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent ?? null,
      documentPdf: document.pdf,
      documentSha256: document.sha256,
    });
    await changePaperworkStatusWithin(tx, actor.practiceId, {
      assignmentId,
      status: 'signed',
      actorStaffId: actor.staffId,
      details: { witnessSignatureId: signatureId, documentSha256: document.sha256 },
      now,
    });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'staff',
      actorId: actor.staffId,
      actorLabel: actor.email,
      ip: meta.ip,
      requestId: meta.requestId,
      action: 'paperwork_assignment.witness',
      objectType: 'paperwork_assignment',
      objectId: assignmentId,
      details: {
        patientId: assignment.patientId,
        signatureId,
        templateVersion: assignment.templateVersion,
        documentSha256: document.sha256,
      },
    });
    return { assignmentId, signatureId, signedAt: now, documentSha256: document.sha256 };
  });
}
