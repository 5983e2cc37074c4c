import type { PortalPrescription, Prescription } from '@glowdesk/contracts';
import { localDateIn } from '@glowdesk/scheduling';
import type { PatientWithProfile, StaffActor } from '../../platform/auth/access.ts';
import { portalAuditActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { practiceTimeZoneWithin, staffDisplayNamesWithin } from '../identity/index.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as procedures from './emr-repository.ts';
import * as repository from './prescription-repository.ts';
import type { PrescriptionRecord } from './prescription-repository.ts';

export interface NewPrescriptionInput {
  drug: string;
  strength: string;
  directions: string;
  quantity: number;
  refills: number;
  prescribedOn?: string | undefined;
  procedureId?: string | null | undefined;
}

type StaffNames = Map<string, string>;

function staffRef(names: StaffNames, staffId: string): { id: string; displayName: string } {
  return { id: staffId, displayName: names.get(staffId) ?? 'A former staff member' };
}

export function toPrescription(record: PrescriptionRecord, names: StaffNames): Prescription {
  return {
    id: record.id,
    patientId: record.patientId,
    procedureId: record.procedureId,
    drug: record.drug,
    strength: record.strength,
    directions: record.directions,
    quantity: record.quantity,
    refills: record.refills,
    prescribedOn: record.prescribedOn,
    prescriber: staffRef(names, record.prescriberId),
    status: record.discontinuedAt ? 'discontinued' : 'active',
    createdAt: record.createdAt.toISOString(),
    discontinuedAt: record.discontinuedAt?.toISOString() ?? null,
    discontinuedBy: record.discontinuedBy ? staffRef(names, record.discontinuedBy) : null,
    discontinuedReason: record.discontinuedReason,
  };
}

async function assertPatientInPractice(deps: EmrDependencies, tx: Transaction, practiceId: string, patientId: string): Promise<void> {
  const found = await deps.patients.findPatientSummariesWithin(tx, practiceId, [patientId]);
  if (!found.has(patientId)) throw new NotFoundError('Patient', 'patientId');
}

/**
 * Records a prescription for the patient. The prescriber is the staff member recording it;
 * the date defaults to the practice's today and may not be later. A linked chart must be one
 * of this patient's. Audited.
 */
export async function recordPrescription(
  deps: EmrDependencies,
  actor: StaffActor,
  patientId: string,
  input: NewPrescriptionInput,
  meta: RequestMeta,
): Promise<Prescription> {
  const { practiceId } = actor;
  await inPractice(deps.database, practiceId, (tx) => assertPatientInPractice(deps, tx, practiceId, patientId));
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  return inPractice(deps.database, practiceId, async (tx) => {
    const today = localDateIn(await practiceTimeZoneWithin(tx, practiceId), deps.clock.now().getTime());
    const prescribedOn = input.prescribedOn ?? today;
    if (prescribedOn > today) {
      throw new ValidationError(`The prescription date cannot be later than today (${today}).`, {
        field: 'prescribedOn',
        code: 'date_in_future',
      });
    }
    const procedureId = input.procedureId ?? null;
    if (procedureId !== null) {
      const chart = await procedures.findProcedure(tx, practiceId, procedureId);
      if (!chart) throw new NotFoundError('Procedure', 'procedureId');
      if (chart.patientId !== patientId) {
        throw new ValidationError("That chart is another client's: link one of this client's procedures.", {
          field: 'procedureId',
          code: 'procedure_of_another_patient',
        });
      }
    }
    const record = await repository.insertPrescription(tx, practiceId, {
      patientId,
      procedureId,
      drug: input.drug,
      strength: input.strength,
      directions: input.directions,
      quantity: input.quantity,
      refills: input.refills,
      prescribedOn,
      prescriberId: actor.staffId,
      createdAt: deps.clock.now(),
    });
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'prescription.create',
        { type: 'prescription', id: record.id },
        { patientId, procedureId, drug: record.drug, strength: record.strength, quantity: record.quantity, refills: record.refills },
      ),
    );
    return toPrescription(record, await staffDisplayNamesWithin(tx, practiceId));
  });
}

/** A patient's prescriptions, active and discontinued, newest first; optionally only those written on one chart. Audited. */
export async function listPrescriptions(
  deps: EmrDependencies,
  actor: StaffActor,
  patientId: string,
  filter: { procedureId?: string | undefined },
  meta: RequestMeta,
): Promise<Prescription[]> {
  const { practiceId } = actor;
  await inPractice(deps.database, practiceId, (tx) => assertPatientInPractice(deps, tx, practiceId, patientId));
  await deps.clientAccess.assertMayReadClient(actor, patientId);
  return inPractice(deps.database, practiceId, async (tx) => {
    const records = (await repository.listPatientPrescriptions(tx, practiceId, patientId)).filter(
      (record) => filter.procedureId === undefined || record.procedureId === filter.procedureId,
    );
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'prescription.list',
        { type: 'patient', id: patientId },
        { patientId, procedureId: filter.procedureId ?? null, count: records.length },
      ),
    );
    const names = await staffDisplayNamesWithin(tx, practiceId);
    return records.map((record) => toPrescription(record, names));
  });
}

/** Discontinues an active prescription with a reason; it stays in the patient's history. 409 when already discontinued. Audited. */
export async function discontinuePrescription(
  deps: EmrDependencies,
  actor: StaffActor,
  prescriptionId: string,
  reason: string,
  meta: RequestMeta,
): Promise<Prescription> {
  const { practiceId } = actor;
  const current = await inPractice(deps.database, practiceId, (tx) => repository.findPrescription(tx, practiceId, prescriptionId));
  if (!current) throw new NotFoundError('Prescription', 'prescriptionId');
  await deps.clientAccess.assertMayReadClient(actor, current.patientId);
  return inPractice(deps.database, practiceId, async (tx) => {
    const record = await repository.discontinuePrescription(tx, practiceId, prescriptionId, {
      discontinuedAt: deps.clock.now(),
      discontinuedBy: actor.staffId,
      discontinuedReason: reason,
    });
    if (!record) {
      throw new ConflictError('This prescription is already discontinued.', 'prescription_discontinued', { field: 'prescriptionId' });
    }
    await recordAudit(
      tx,
      emrAudit(actor, meta, 'prescription.discontinue', { type: 'prescription', id: record.id }, { patientId: record.patientId, reason }),
    );
    return toPrescription(record, await staffDisplayNamesWithin(tx, practiceId));
  });
}

/** The signed-in patient's own prescriptions (the opened profile's), newest first. Audited as the patient. */
export async function listOwnPrescriptions(
  deps: EmrDependencies,
  patient: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalPrescription[]> {
  const { practiceId, patientId } = patient;
  return inPractice(deps.database, practiceId, async (tx) => {
    const records = await repository.listPatientPrescriptions(tx, practiceId, patientId);
    await recordAudit(tx, {
      practiceId,
      ...portalAuditActor(patient),
      action: 'prescription.list',
      objectType: 'patient',
      objectId: patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { patientId, count: records.length },
    });
    const names = await staffDisplayNamesWithin(tx, practiceId);
    return records.map((record) => ({
      id: record.id,
      drug: record.drug,
      strength: record.strength,
      directions: record.directions,
      quantity: record.quantity,
      refills: record.refills,
      prescribedOn: record.prescribedOn,
      prescriberName: names.get(record.prescriberId) ?? 'A former staff member',
      status: record.discontinuedAt ? 'discontinued' : 'active',
      discontinuedOn: record.discontinuedAt?.toISOString() ?? null,
    }));
  });
}
