import type { PaperworkTextFormat } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import * as agreements from './membership-agreement-repository.ts';
import type { AgreementRecord } from './membership-agreement-repository.ts';
import { findTemplate, findTemplateVersion, insertAssignmentEvents, updateAssignmentStatus } from './paperwork-repository.ts';
import { insertSignature } from './paperwork-signing-repository.ts';
import { parseStoredContent } from './paperwork-template-content.ts';
import { produceSignedConsentWithin, type ConsentOccasion, type PatientLookup } from './signed-consent-document.ts';
import { signaturePngOf } from './signature-image.ts';

/** A membership plan's agreement as the client reads and signs it. */
export interface MembershipAgreementView {
  assignmentId: string;
  patientId: string;
  templateId: string;
  templateVersion: number;
  name: string;
  body: string;
  format: PaperworkTextFormat;
  status: 'not_signed' | 'witness_signature_required' | 'signed';
  requiresWitnessSignature: boolean;
  assignedAt: Date;
  signedAt: Date | null;
  signerName: string | null;
}

async function viewOf(tx: Transaction, practiceId: string, agreement: AgreementRecord): Promise<MembershipAgreementView> {
  const content = parseStoredContent('consent', agreement.content);
  if (content.kind === 'questionnaire') throw new Error(`agreement ${agreement.id} holds a questionnaire`);
  const signature = await agreements.findPatientSignature(tx, practiceId, agreement.id, agreement.resetCount);
  const status = agreement.status === 'signed' || agreement.status === 'witness_signature_required' ? agreement.status : 'not_signed';
  return {
    assignmentId: agreement.id,
    patientId: agreement.patientId,
    templateId: agreement.templateId,
    templateVersion: agreement.templateVersion,
    name: agreement.name,
    body: content.body,
    format: content.format,
    status,
    requiresWitnessSignature: agreement.requiresWitnessSignature,
    assignedAt: agreement.assignedAt,
    signedAt: signature?.signedAt ?? null,
    signerName: signature?.typedName ?? null,
  };
}

/**
 * A membership plan's agreement is one of the practice's consent templates, assigned to the
 * client with no visit and signed before enrolling (the memberships module's
 * `MembershipAgreements` port; migration 0036).
 */
export function createMembershipAgreements(deps: { patients: PatientLookup }) {
  return {
    async findAgreementTemplateWithin(tx: Transaction, practiceId: string, templateId: string) {
      const template = await findTemplate(tx, practiceId, templateId, { forShare: true });
      if (!template) return undefined;
      const version = await findTemplateVersion(tx, practiceId, templateId, template.currentVersion);
      return { isConsent: template.kind === 'consent', requiresWitnessSignature: version?.requiresWitnessSignature ?? false };
    },

    async findConsentAssignmentWithin(tx: Transaction, practiceId: string, assignmentId: string) {
      const assignment = await agreements.findConsentAssignment(tx, practiceId, assignmentId);
      if (!assignment) return undefined;
      return { patientId: assignment.patientId, templateId: assignment.templateId, signed: assignment.status === 'signed' };
    },

    async listAgreementsWithin(
      tx: Transaction,
      practiceId: string,
      patientId: string,
      templateId: string,
    ): Promise<MembershipAgreementView[]> {
      const found = await agreements.listAgreements(tx, practiceId, patientId, templateId);
      const views: MembershipAgreementView[] = [];
      for (const agreement of found) views.push(await viewOf(tx, practiceId, agreement));
      return views;
    },

    /** Assigns the template's current version to the client, or returns the unsigned copy already waiting. */
    async openAgreementWithin(
      tx: Transaction,
      practiceId: string,
      request: { patientId: string; templateId: string; actorStaffId: string | null; now: Date },
    ): Promise<MembershipAgreementView> {
      const createdId = await agreements.insertAgreementUnlessOpen(tx, practiceId, request);
      if (createdId) {
        await insertAssignmentEvents(tx, practiceId, [
          {
            assignmentId: createdId,
            occurredAt: request.now,
            actorStaffId: request.actorStaffId,
            type: 'assigned',
            fromStatus: null,
            toStatus: 'not_signed',
            details: { for: 'membership_agreement' },
          },
        ]);
      }
      const open = (await agreements.listAgreements(tx, practiceId, request.patientId, request.templateId)).find(
        (agreement) => agreement.status === 'not_signed',
      );
      if (!open) throw new Error(`no unsigned agreement of template ${request.templateId} after assigning it`);
      return viewOf(tx, practiceId, open);
    },

    /**
     * The client signs the agreement (drawn PNG and typed name), on the staff's screen or in
     * the portal: the signature, its time, IP and the PDF are kept as for any consent. 404 when
     * the agreement is not this client's; 409 once signed.
     */
    async signAgreementWithin(
      tx: Transaction,
      practiceId: string,
      request: {
        assignmentId: string;
        patientId: string;
        signature: string;
        typedName: string;
        ip: string | null;
        userAgent: string | null;
        actorStaffId: string | null;
        occasion: ConsentOccasion;
        now: Date;
      },
    ): Promise<MembershipAgreementView> {
      const png = signaturePngOf(request.signature, 'signature');
      const agreement = await agreements.findAgreement(tx, practiceId, request.assignmentId, { forUpdate: true });
      if (!agreement || agreement.patientId !== request.patientId) throw new NotFoundError('Agreement', 'assignmentId');
      if (agreement.status !== 'not_signed') {
        throw new ConflictError('This agreement is already signed.', 'paperwork_already_signed', { field: 'assignmentId' });
      }
      const signature = { png, typedName: request.typedName, signedAt: request.now, ip: request.ip, userAgent: request.userAgent };
      const document = await produceSignedConsentWithin(
        tx,
        deps.patients,
        practiceId,
        { ...agreement, kind: 'consent' },
        request.occasion,
        { patient: signature },
        'signature',
      );
      const signatureId = await insertSignature(tx, practiceId, {
        assignmentId: agreement.id,
        round: agreement.resetCount,
        role: 'patient',
        templateVersion: agreement.templateVersion,
        typedName: request.typedName,
        witnessStaffId: null,
        signaturePng: png,
        signedAt: request.now,
        ip: request.ip,
        userAgent: request.userAgent,
        documentPdf: document.pdf,
        documentSha256: document.sha256,
      });
      const status = agreement.requiresWitnessSignature ? 'witness_signature_required' : 'signed';
      await updateAssignmentStatus(tx, practiceId, agreement.id, { status, now: request.now });
      await insertAssignmentEvents(tx, practiceId, [
        {
          assignmentId: agreement.id,
          occurredAt: request.now,
          actorStaffId: request.actorStaffId,
          type: 'status_changed',
          fromStatus: agreement.status,
          toStatus: status,
          details: {
            via: request.actorStaffId ? 'staff' : 'portal',
            signatureId,
            templateVersion: agreement.templateVersion,
            documentSha256: document.sha256,
          },
        },
      ]);
      const signed = await agreements.findAgreement(tx, practiceId, agreement.id);
      if (!signed) throw new Error(`agreement ${agreement.id} vanished after signing`);
      return viewOf(tx, practiceId, signed);
    },
  };
}
