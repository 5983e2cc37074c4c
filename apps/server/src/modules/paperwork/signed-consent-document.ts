import { createHash } from 'node:crypto';
import type { Transaction } from '../../platform/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { PatientsService } from '../patients/index.ts';
import type { Visit } from './own-paperwork.ts';
import type { PortalAssignmentRecord } from './paperwork-signing-repository.ts';
import { parseStoredContent } from './paperwork-template-content.ts';
import { renderSignedConsentPdf, type DocumentSignature } from './signed-consent-pdf.ts';

export type PatientLookup = Pick<PatientsService, 'findPatientWithin'>;

/** A produced document: its bytes and their SHA-256 (hex), as stored together. */
export interface SignedDocument {
  pdf: Buffer;
  sha256: string;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a consent was signed for: a visit, or (with no visit) what `signedFor` names. */
export interface ConsentOccasion {
  clinicName: string;
  timezone: string;
  appointmentStartsAt: Date | null;
  services: readonly string[];
  signedFor?: string | undefined;
}

export function occasionOfVisit(visit: Visit): ConsentOccasion {
  return {
    clinicName: visit.clinic?.name ?? '',
    timezone: visit.clinic?.timezone ?? 'UTC',
    appointmentStartsAt: visit.appointment.startsAt,
    services: visit.appointment.services.map((service) => service.name),
  };
}

/**
 * Renders the consent as signed so far (the patient's signature, and the witness's when
 * given) from the exact version the patient was assigned. A signature pdf-lib cannot decode
 * is the request's fault: 400 naming `signatureField`.
 */
export async function produceSignedConsentWithin(
  tx: Transaction,
  patients: PatientLookup,
  practiceId: string,
  assignment: Pick<PortalAssignmentRecord, 'id' | 'kind' | 'content' | 'patientId' | 'name' | 'templateId' | 'templateVersion'>,
  occasion: ConsentOccasion,
  signatures: { patient: DocumentSignature; witness?: DocumentSignature | undefined },
  signatureField: string,
): Promise<SignedDocument> {
  const content = parseStoredContent(assignment.kind, assignment.content);
  if (content.kind === 'questionnaire') throw new Error('a questionnaire has no consent text to sign');
  const patient = await patients.findPatientWithin(tx, practiceId, assignment.patientId);
  let bytes: Uint8Array;
  try {
    bytes = await renderSignedConsentPdf({
      assignmentId: assignment.id,
      formName: assignment.name,
      templateId: assignment.templateId,
      templateVersion: assignment.templateVersion,
      body: content.body,
      format: content.format,
      clinicName: occasion.clinicName,
      timezone: occasion.timezone,
      patientName: patient ? `${patient.firstName} ${patient.lastName}` : '',
      patientDateOfBirth: patient?.dateOfBirth ?? null,
      appointmentStartsAt: occasion.appointmentStartsAt,
      signedFor: occasion.signedFor,
      services: occasion.services,
      patient: signatures.patient,
      witness: signatures.witness,
    });
  } catch (error) {
    if (error instanceof Error && /png/i.test(error.message)) {
      throw new ValidationError('The signature image could not be read; clear it and sign again.', {
        field: signatureField,
        code: 'invalid_signature',
      });
    }
    throw error;
  }
  const pdf = Buffer.from(bytes);
  return { pdf, sha256: sha256Of(pdf) };
}
