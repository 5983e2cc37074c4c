import type { SignedDocument } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { loadVisitsWithin } from './own-paperwork.ts';
import * as signing from './paperwork-signing-repository.ts';
import type { PortalAssignmentRecord, SignatureSummaryRecord } from './paperwork-signing-repository.ts';
import type { PatientLookup } from './signed-consent-document.ts';

/** As many forms as the client profile lists (the portal's own list reads as many). */
const MAX_FORMS_READ = 500;

function witnessOf(assignment: PortalAssignmentRecord, witness: SignatureSummaryRecord | undefined): SignedDocument['witness'] {
  if (witness) return { status: 'signed', name: witness.typedName, signedAt: witness.signedAt.toISOString() };
  if (assignment.status === 'witness_signature_required') return { status: 'awaiting' };
  return { status: 'not_required' };
}

/**
 * The client's signed consents (Signed, or signed and waiting for a witness) and filled
 * questionnaires of their current round, newest first: when and by whom each was signed, its
 * witness, and whether a signed PDF can be downloaded. Audited as a read of the patient's data.
 */
export async function listSignedDocuments(
  deps: { database: Database; patients: PatientLookup; clientAccess: ClientAccess },
  actor: StaffActor,
  patientId: string,
  meta: RequestMeta,
): Promise<SignedDocument[]> {
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    if (!(await deps.patients.findPatientWithin(tx, actor.practiceId, patientId))) throw new NotFoundError('Patient', 'patientId');
    const completed = (await signing.listPortalAssignments(tx, actor.practiceId, patientId, MAX_FORMS_READ)).filter(
      (assignment) =>
        (assignment.kind === 'consent' && (assignment.status === 'signed' || assignment.status === 'witness_signature_required')) ||
        (assignment.kind === 'questionnaire' && assignment.status === 'filled'),
    );
    const ids = completed.map((assignment) => assignment.id);
    const signatures = await signing.listCurrentSignatures(tx, actor.practiceId, ids);
    const responses = await signing.listCurrentResponses(tx, actor.practiceId, ids);
    const visits = await loadVisitsWithin(
      tx,
      actor.practiceId,
      completed.map((assignment) => assignment.appointmentId),
    );
    const documents: SignedDocument[] = [];
    for (const assignment of completed) {
      const appointmentStart = visits.get(assignment.appointmentId)?.appointment.startsAt.toISOString() ?? null;
      const common = {
        assignmentId: assignment.id,
        appointmentId: assignment.appointmentId,
        appointmentStart,
        name: assignment.name,
        templateVersion: assignment.templateVersion,
        status: assignment.status,
      };
      if (assignment.kind === 'consent') {
        const signed = signatures.get(assignment.id) ?? [];
        const patient = signed.find((signature) => signature.role === 'patient');
        // A consent marked signed without a patient signature has no document to list (none in practice).
        if (!patient) continue;
        const witness = signed.find((signature) => signature.role === 'witness');
        documents.push({
          ...common,
          kind: 'consent',
          signedAt: patient.signedAt.toISOString(),
          signerName: patient.typedName,
          witness: witnessOf(assignment, witness),
          hasPdf: true,
        });
      } else {
        const submittedAt = responses.get(assignment.id)?.submittedAt ?? assignment.statusChangedAt;
        documents.push({
          ...common,
          kind: 'questionnaire',
          signedAt: submittedAt.toISOString(),
          signerName: null,
          witness: { status: 'not_required' },
          hasPdf: false,
        });
      }
    }
    documents.sort((a, b) => b.signedAt.localeCompare(a.signedAt));
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'staff',
      actorId: actor.staffId,
      actorLabel: actor.email,
      ip: meta.ip,
      requestId: meta.requestId,
      action: 'paperwork.signed_documents.list',
      objectType: 'patient',
      objectId: patientId,
      details: { patientId, count: documents.length },
    });
    return documents;
  });
}
