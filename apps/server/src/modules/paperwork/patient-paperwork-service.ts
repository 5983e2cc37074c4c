import type { PaperworkAnswers, PortalPaperworkItem, PortalPaperworkList, SignedDocument } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { downloadOwnSignedConsent, downloadSignedConsent, type SignedConsentFile } from './download-signed-consent.ts';
import { listOwnPaperwork } from './list-own-paperwork.ts';
import { listSignedDocuments } from './list-signed-documents.ts';
import { markOwnInstructionsRead } from './mark-own-instructions-read.ts';
import type { PatientWithProfile } from './own-paperwork.ts';
import { saveOwnAnswers } from './save-own-answers.ts';
import { signOwnConsent } from './sign-own-consent.ts';
import type { PatientLookup } from './signed-consent-document.ts';
import { witnessConsent, type WitnessedConsent } from './witness-consent.ts';

/** Paperwork the patient completes: the portal's use cases, and staff's witness signature, signed documents and downloads. */
export interface PatientPaperworkService {
  listOwnPaperwork(actor: PatientWithProfile, meta: RequestMeta): Promise<PortalPaperworkList>;
  saveOwnAnswers(
    actor: PatientWithProfile,
    assignmentId: string,
    input: { answers: PaperworkAnswers; submit: boolean },
    meta: RequestMeta,
  ): Promise<PortalPaperworkItem>;
  signOwnConsent(
    actor: PatientWithProfile,
    assignmentId: string,
    input: { signature: string; typedName: string },
    meta: RequestMeta,
  ): Promise<PortalPaperworkItem>;
  markOwnInstructionsRead(actor: PatientWithProfile, assignmentId: string, meta: RequestMeta): Promise<PortalPaperworkItem>;
  downloadOwnSignedConsent(actor: PatientWithProfile, assignmentId: string, meta: RequestMeta): Promise<SignedConsentFile>;
  witnessConsent(
    actor: StaffActor,
    assignmentId: string,
    input: { signature: string; typedName: string },
    meta: RequestMeta,
  ): Promise<WitnessedConsent>;
  downloadSignedConsent(actor: StaffActor, assignmentId: string, meta: RequestMeta): Promise<SignedConsentFile>;
  listSignedDocuments(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<SignedDocument[]>;
}

export function createPatientPaperworkService(deps: {
  database: Database;
  clock: Clock;
  patients: PatientLookup;
  clientAccess: ClientAccess;
}): PatientPaperworkService {
  return {
    listOwnPaperwork: (actor, meta) => listOwnPaperwork(deps, actor, meta),
    saveOwnAnswers: (actor, assignmentId, input, meta) => saveOwnAnswers(deps, actor, assignmentId, input, meta),
    signOwnConsent: (actor, assignmentId, input, meta) => signOwnConsent(deps, actor, assignmentId, input, meta),
    markOwnInstructionsRead: (actor, assignmentId, meta) => markOwnInstructionsRead(deps, actor, assignmentId, meta),
    downloadOwnSignedConsent: (actor, assignmentId, meta) => downloadOwnSignedConsent(deps, actor, assignmentId, meta),
    witnessConsent: (actor, assignmentId, input, meta) => witnessConsent(deps, actor, assignmentId, input, meta),
    downloadSignedConsent: (actor, assignmentId, meta) => downloadSignedConsent(deps, actor, assignmentId, meta),
    listSignedDocuments: (actor, patientId, meta) => listSignedDocuments(deps, actor, patientId, meta),
  };
}
