import type {
  MedicalHistory,
  MedicalHistoryContent,
  MedicalHistoryReviewList,
  MedicalHistoryVersion,
  PortalMedicalHistory,
} from '@glowdesk/contracts';
import type { PatientWithProfile, StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { EmrDependencies } from './emr-dependencies.ts';
import {
  getMedicalHistory,
  listMedicalHistoryReviews,
  listMedicalHistoryVersions,
  reviewMedicalHistory,
  saveMedicalHistory,
} from './medical-history.ts';
import { getOwnMedicalHistory, saveOwnMedicalHistory } from './own-medical-history.ts';

/** Patients' medical histories: staff read, edit and review them; patients read and change their own in the portal. */
export interface MedicalHistoryService {
  get(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<MedicalHistory>;
  save(
    actor: StaffActor,
    patientId: string,
    content: MedicalHistoryContent,
    expectedVersion: number | undefined,
    meta: RequestMeta,
  ): Promise<MedicalHistory>;
  listVersions(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<MedicalHistoryVersion[]>;
  review(actor: StaffActor, patientId: string, expectedVersion: number | undefined, meta: RequestMeta): Promise<MedicalHistory>;
  listReviews(actor: StaffActor, meta: RequestMeta): Promise<MedicalHistoryReviewList['items']>;
  getOwn(actor: PatientWithProfile, meta: RequestMeta): Promise<PortalMedicalHistory>;
  saveOwn(
    actor: PatientWithProfile,
    content: MedicalHistoryContent,
    expectedVersion: number | undefined,
    meta: RequestMeta,
  ): Promise<PortalMedicalHistory>;
}

export function createMedicalHistoryService(deps: EmrDependencies): MedicalHistoryService {
  return {
    get: (actor, patientId, meta) => getMedicalHistory(deps, actor, patientId, meta),
    save: (actor, patientId, content, expectedVersion, meta) => saveMedicalHistory(deps, actor, patientId, content, expectedVersion, meta),
    listVersions: (actor, patientId, meta) => listMedicalHistoryVersions(deps, actor, patientId, meta),
    review: (actor, patientId, expectedVersion, meta) => reviewMedicalHistory(deps, actor, patientId, expectedVersion, meta),
    listReviews: (actor, meta) => listMedicalHistoryReviews(deps, actor, meta),
    getOwn: (actor, meta) => getOwnMedicalHistory(deps, actor, meta),
    saveOwn: (actor, content, expectedVersion, meta) => saveOwnMedicalHistory(deps, actor, content, expectedVersion, meta),
  };
}
