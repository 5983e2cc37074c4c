import type {
  EmrBoard,
  InventoryLot,
  LotPatient,
  LotRecall,
  LotUnit,
  Procedure,
  ProcedurePhoto,
  CosignResponse,
  MdReviewItem,
  PortalPrescription,
  Prescription,
  ProcedureType,
} from '@glowdesk/contracts';
import type { PatientWithProfile } from '../../platform/auth/access.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import { addAddendum, getProcedure, signProcedure, updateProcedure, type ChartEdit } from './chart-procedure.ts';
import { createProcedure, type CreateProcedureInput } from './create-procedure.ts';
import { readEmrBoard } from './emr-board.ts';
import type { EmrDependencies } from './emr-dependencies.ts';
import { createLot, listLotPatients, listLots, recallLot } from './inventory-lots.ts';
import {
  addProcedurePhoto,
  deleteProcedurePhoto,
  listProcedurePhotos,
  readProcedurePhotoFile,
  type ProcedurePhotoUpload,
  type ProcedurePhotoVariant,
} from './procedure-photos.ts';
import {
  deletePendingPhotoFiles,
  type PhotoFileCleanupOptions,
  type PhotoFileCleanupResult,
  type PhotoFilesRemovedNow,
} from './photo-file-deletions.ts';
import { createProcedureType, listProcedureTypes, type ProcedureTypeInput } from './procedure-types.ts';
import { cosignProcedures, listMdReview } from './md-review.ts';
import {
  discontinuePrescription,
  listOwnPrescriptions,
  listPrescriptions,
  recordPrescription,
  type NewPrescriptionInput,
} from './prescriptions.ts';

/** The EMR's use cases (board, procedure types, procedures and charting, lots and recalls); routes see only this. */
export interface EmrService {
  board(actor: StaffActor, query: { clinicId: string; date: string }, meta: RequestMeta): Promise<EmrBoard>;
  listProcedureTypes(actor: StaffActor): Promise<ProcedureType[]>;
  createProcedureType(actor: StaffActor, input: ProcedureTypeInput, meta: RequestMeta): Promise<ProcedureType>;
  createProcedure(actor: StaffActor, input: CreateProcedureInput, meta: RequestMeta): Promise<Procedure>;
  getProcedure(actor: StaffActor, procedureId: string, meta: RequestMeta): Promise<Procedure>;
  updateProcedure(actor: StaffActor, procedureId: string, edit: ChartEdit, meta: RequestMeta): Promise<Procedure>;
  signProcedure(actor: StaffActor, procedureId: string, meta: RequestMeta): Promise<Procedure>;
  addAddendum(actor: StaffActor, procedureId: string, text: string, meta: RequestMeta): Promise<Procedure>;
  listLots(actor: StaffActor): Promise<InventoryLot[]>;
  createLot(
    actor: StaffActor,
    input: { productName: string; lotNumber: string; expiresOn: string; unit?: LotUnit; quantity: number },
    meta: RequestMeta,
  ): Promise<InventoryLot>;
  listLotPatients(actor: StaffActor, lotId: string, meta: RequestMeta): Promise<{ lot: InventoryLot; items: LotPatient[] }>;
  recallLot(actor: StaffActor, lotId: string, message: string, meta: RequestMeta): Promise<LotRecall>;
  addProcedurePhoto(actor: StaffActor, procedureId: string, upload: ProcedurePhotoUpload, meta: RequestMeta): Promise<ProcedurePhoto>;
  listProcedurePhotos(actor: StaffActor, procedureId: string, meta: RequestMeta): Promise<ProcedurePhoto[]>;
  deleteProcedurePhoto(
    actor: StaffActor,
    target: { procedureId: string; photoId: string },
    meta: RequestMeta,
  ): Promise<PhotoFilesRemovedNow>;
  /** One run of the photo file cleanup job: removes deleted photos' files the store refused before (decision 047). */
  deletePendingPhotoFiles(options?: PhotoFileCleanupOptions): Promise<PhotoFileCleanupResult>;
  readProcedurePhotoFile(
    actor: StaffActor,
    photoId: string,
    variant: ProcedurePhotoVariant,
    meta: RequestMeta,
  ): Promise<{ bytes: Buffer; contentType: 'image/jpeg'; filename: string }>;
  recordPrescription(actor: StaffActor, patientId: string, input: NewPrescriptionInput, meta: RequestMeta): Promise<Prescription>;
  listPrescriptions(
    actor: StaffActor,
    patientId: string,
    filter: { procedureId?: string | undefined },
    meta: RequestMeta,
  ): Promise<Prescription[]>;
  discontinuePrescription(actor: StaffActor, prescriptionId: string, reason: string, meta: RequestMeta): Promise<Prescription>;
  listOwnPrescriptions(patient: PatientWithProfile, meta: RequestMeta): Promise<PortalPrescription[]>;
  listMdReview(actor: StaffActor, meta: RequestMeta): Promise<MdReviewItem[]>;
  cosignProcedures(actor: StaffActor, procedureIds: readonly string[], meta: RequestMeta): Promise<CosignResponse>;
}

export function createEmrService(deps: EmrDependencies): EmrService {
  return {
    board: (actor, query, meta) => readEmrBoard(deps, actor, query, meta),
    listProcedureTypes: (actor) => listProcedureTypes(deps, actor),
    createProcedureType: (actor, input, meta) => createProcedureType(deps, actor, input, meta),
    createProcedure: (actor, input, meta) => createProcedure(deps, actor, input, meta),
    getProcedure: (actor, procedureId, meta) => getProcedure(deps, actor, procedureId, meta),
    updateProcedure: (actor, procedureId, edit, meta) => updateProcedure(deps, actor, procedureId, edit, meta),
    signProcedure: (actor, procedureId, meta) => signProcedure(deps, actor, procedureId, meta),
    addAddendum: (actor, procedureId, text, meta) => addAddendum(deps, actor, procedureId, text, meta),
    listLots: (actor) => listLots(deps, actor),
    createLot: (actor, input, meta) => createLot(deps, actor, input, meta),
    listLotPatients: (actor, lotId, meta) => listLotPatients(deps, actor, lotId, meta),
    recallLot: (actor, lotId, message, meta) => recallLot(deps, actor, lotId, message, meta),
    addProcedurePhoto: (actor, procedureId, upload, meta) => addProcedurePhoto(deps, actor, procedureId, upload, meta),
    listProcedurePhotos: (actor, procedureId, meta) => listProcedurePhotos(deps, actor, procedureId, meta),
    deleteProcedurePhoto: (actor, target, meta) => deleteProcedurePhoto(deps, actor, target, meta),
    deletePendingPhotoFiles: (options) => deletePendingPhotoFiles(deps, options),
    readProcedurePhotoFile: (actor, photoId, variant, meta) => readProcedurePhotoFile(deps, actor, photoId, variant, meta),
    recordPrescription: (actor, patientId, input, meta) => recordPrescription(deps, actor, patientId, input, meta),
    listPrescriptions: (actor, patientId, filter, meta) => listPrescriptions(deps, actor, patientId, filter, meta),
    discontinuePrescription: (actor, prescriptionId, reason, meta) => discontinuePrescription(deps, actor, prescriptionId, reason, meta),
    listOwnPrescriptions: (patient, meta) => listOwnPrescriptions(deps, patient, meta),
    listMdReview: (actor, meta) => listMdReview(deps, actor, meta),
    cosignProcedures: (actor, procedureIds, meta) => cosignProcedures(deps, actor, procedureIds, meta),
  };
}
