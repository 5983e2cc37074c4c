import type { Procedure } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findAppointmentSnapshotWithin, type AppointmentSnapshot } from '../appointments/index.ts';
import type { PatientSummaryRecord } from '../patients/index.ts';
import { readLaserDraft, toLaserSettings, type LaserDraft } from './chart-laser.ts';
import { toProductsUsed, type ProductUsedDraft } from './chart-products-used.ts';
import * as sectionRepository from './chart-section-repository.ts';
import { staffNamesOf, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';
import { toProcedureType } from './procedure-types.ts';

/** A chart as read in its transaction; staff names are added after it (finishProcedure). */
export interface ProcedureDraft {
  record: repository.ProcedureRecord;
  type: repository.ProcedureTypeRecord;
  patient: PatientSummaryRecord | undefined;
  appointment: AppointmentSnapshot;
  injectables: (repository.InjectableRecord & { lot: repository.InventoryLotRecord })[];
  laser: LaserDraft | null;
  productsUsed: ProductUsedDraft[];
  addenda: repository.AddendumRecord[];
  requiredConsents: RequiredConsentState[];
}

export interface RequiredConsentState {
  templateId: string;
  name: string;
  signedAt: Date | null;
}

/**
 * The consents a chart's type requires (its consents section), each with the patient's
 * latest signature, read from paperwork in the chart's transaction. A template retired since
 * keeps its requirement; its name is then unknown here.
 */
export async function requiredConsentsOf(
  deps: EmrDependencies,
  tx: Transaction,
  practiceId: string,
  type: repository.ProcedureTypeRecord,
  patientId: string,
): Promise<RequiredConsentState[]> {
  if (!type.sections.includes('consents')) return [];
  const states: RequiredConsentState[] = [];
  for (const templateId of type.requiredConsentTemplateIds) {
    const template = await deps.photoConsents.findConsentTemplateWithin(tx, practiceId, templateId);
    const signed = await deps.photoConsents.findSignedConsentWithin(tx, practiceId, { patientId, templateId });
    states.push({ templateId, name: template?.name ?? 'A retired consent', signedAt: signed?.signedAt ?? null });
  }
  return states;
}

export async function readProcedureDraft(
  deps: EmrDependencies,
  tx: Transaction,
  practiceId: string,
  record: repository.ProcedureRecord,
): Promise<ProcedureDraft> {
  const [type, patients, appointment, injectables, addenda, laser, productsUsed] = await Promise.all([
    repository.findProcedureType(tx, practiceId, record.procedureTypeId),
    deps.patients.findPatientSummariesWithin(tx, practiceId, [record.patientId]),
    findAppointmentSnapshotWithin(tx, practiceId, record.appointmentId),
    repository.listInjectables(tx, practiceId, record.id),
    repository.listAddenda(tx, practiceId, record.id),
    readLaserDraft(tx, practiceId, record.id),
    sectionRepository.listProductsUsed(tx, practiceId, record.id),
  ]);
  if (!type || !appointment) throw new Error(`procedure ${record.id} points at a missing type or booking`);
  const requiredConsents = await requiredConsentsOf(deps, tx, practiceId, type, record.patientId);
  const lots = await repository.findLots(tx, practiceId, [
    ...injectables.map((entry) => entry.lotId),
    ...productsUsed.flatMap((entry) => (entry.lotId === null ? [] : [entry.lotId])),
  ]);
  return {
    record,
    type,
    patient: patients.get(record.patientId),
    appointment,
    injectables: injectables.map((entry) => {
      const lot = lots.get(entry.lotId);
      if (!lot) throw new Error(`injectable of procedure ${record.id} points at a missing lot`);
      return { ...entry, lot };
    }),
    laser,
    productsUsed: productsUsed.map((entry) => {
      const lot = entry.lotId === null ? undefined : lots.get(entry.lotId);
      if (entry.lotId !== null && !lot) throw new Error(`product used of procedure ${record.id} points at a missing lot`);
      return { ...entry, lot };
    }),
    addenda,
    requiredConsents,
  };
}

export async function finishProcedure(deps: EmrDependencies, actor: StaffActor, draft: ProcedureDraft): Promise<Procedure> {
  const staff = await staffNamesOf(deps, actor);
  const { record, type, patient, appointment } = draft;
  return {
    id: record.id,
    patient: {
      id: record.patientId,
      firstName: patient?.firstName ?? 'Unknown',
      lastName: patient?.lastName ?? 'client',
      dateOfBirth: patient?.dateOfBirth ?? null,
    },
    procedureType: toProcedureType(type),
    appointment: {
      id: appointment.id,
      clinicId: appointment.clinicId,
      providerId: appointment.providerId,
      start: appointment.startsAt.toISOString(),
      end: appointment.endsAt.toISOString(),
      status: appointment.status,
      serviceNames: appointment.services.map((service) => service.name),
    },
    notes: {
      subjective: record.notes.subjective ?? '',
      objective: record.notes.objective ?? '',
      assessment: record.notes.assessment ?? '',
      plan: record.notes.plan ?? '',
    },
    injectables: draft.injectables.map((entry) => ({
      lotId: entry.lotId,
      productName: entry.lot.productName,
      lotNumber: entry.lot.lotNumber,
      expiresOn: entry.lot.expiresOn,
      units: entry.units,
      milliliters: entry.milliliters,
      area: entry.area,
      point: entry.pointX !== null && entry.pointY !== null ? { x: entry.pointX, y: entry.pointY } : null,
    })),
    laser: toLaserSettings(draft.laser),
    productsUsed: toProductsUsed(draft.productsUsed),
    requiredConsents: draft.requiredConsents.map((consent) => ({
      templateId: consent.templateId,
      name: consent.name,
      signedAt: consent.signedAt?.toISOString() ?? null,
    })),
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    createdBy: staff(record.createdBy),
    updatedAt: record.updatedAt.toISOString(),
    signedAt: record.signedAt?.toISOString() ?? null,
    signedBy: record.signedBy ? staff(record.signedBy) : null,
    cosignature: {
      required: record.cosignatureRequired,
      cosignedAt: record.cosignedAt?.toISOString() ?? null,
      cosignedBy: record.cosignedBy ? staff(record.cosignedBy) : null,
    },
    addenda: draft.addenda.map((addendum) => ({
      id: addendum.id,
      text: addendum.text,
      createdAt: addendum.createdAt.toISOString(),
      createdBy: staff(addendum.createdBy),
    })),
  };
}

/**
 * The chart's client, checked against the actor before anything of the chart is read: a
 * provider limited to their own clients gets 403 for another's. 404 for an unknown chart.
 */
export async function assertMayOpenProcedure(deps: EmrDependencies, actor: StaffActor, procedureId: string): Promise<void> {
  const record = await inPractice(deps.database, actor.practiceId, (tx) => repository.findProcedure(tx, actor.practiceId, procedureId));
  if (!record) throw new NotFoundError('Procedure', 'procedureId');
  await deps.clientAccess.assertMayReadClient(actor, record.patientId);
}
