import type { CosignResponse, MdReviewItem } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findAppointmentSnapshotWithin } from '../appointments/index.ts';
import { isMedicalDirectorWithin, staffDisplayNamesWithin } from '../identity/index.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';

async function assertMedicalDirector(tx: Transaction, actor: StaffActor): Promise<void> {
  if (!(await isMedicalDirectorWithin(tx, actor.practiceId, actor.staffId))) {
    throw new ForbiddenError('Only a medical director reviews and co-signs charts.', 'medical_director_required');
  }
}

/** The MD Review queue: the practice's signed charts waiting for co-signature, oldest signature first. Medical directors only; audited. */
export async function listMdReview(deps: EmrDependencies, actor: StaffActor, meta: RequestMeta): Promise<MdReviewItem[]> {
  const { practiceId } = actor;
  return inPractice(deps.database, practiceId, async (tx) => {
    await assertMedicalDirector(tx, actor);
    const records = await repository.listAwaitingCosignature(tx, practiceId);
    const [patients, types, names, appointments] = await Promise.all([
      deps.patients.findPatientSummariesWithin(
        tx,
        practiceId,
        records.map((record) => record.patientId),
      ),
      repository.listProcedureTypes(tx, practiceId),
      staffDisplayNamesWithin(tx, practiceId),
      Promise.all(records.map((record) => findAppointmentSnapshotWithin(tx, practiceId, record.appointmentId))),
    ]);
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'procedure.md_review.list',
        { type: 'procedure', id: null },
        { procedureIds: records.map((record) => record.id) },
      ),
    );
    const typeNames = new Map(types.map((type) => [type.id, type.name]));
    return records.map((record, index) => {
      const patient = patients.get(record.patientId);
      const appointment = appointments[index];
      const signedBy = record.signedBy ?? '';
      return {
        procedureId: record.id,
        patient: { id: record.patientId, firstName: patient?.firstName ?? 'Unknown', lastName: patient?.lastName ?? 'client' },
        procedureTypeName: typeNames.get(record.procedureTypeId) ?? 'Procedure',
        appointmentStart: (appointment?.startsAt ?? record.createdAt).toISOString(),
        serviceNames: appointment?.services.map((service) => service.name) ?? [],
        signedAt: (record.signedAt ?? record.createdAt).toISOString(),
        signedBy: { id: signedBy, displayName: names.get(signedBy) ?? 'A former staff member' },
      };
    });
  });
}

/**
 * Co-signs every listed chart or none, in one transaction (decision 042): an id that is not
 * the practice's is a 404, a chart not awaiting co-signature (already co-signed, unsigned, or
 * never needing one) a 409, each naming `procedureIds[i]`. Each co-signature is audited.
 */
export async function cosignProcedures(
  deps: EmrDependencies,
  actor: StaffActor,
  procedureIds: readonly string[],
  meta: RequestMeta,
): Promise<CosignResponse> {
  const { practiceId } = actor;
  const cosignedAt = deps.clock.now();
  return inPractice(deps.database, practiceId, async (tx) => {
    await assertMedicalDirector(tx, actor);
    const cosigned = await repository.cosignProcedures(tx, practiceId, procedureIds, { cosignedAt, cosignedBy: actor.staffId });
    if (cosigned.length !== procedureIds.length) {
      const done = new Set(cosigned.map((row) => row.id));
      const known = await repository.existingProcedureIds(tx, practiceId, procedureIds);
      const unknownIndex = procedureIds.findIndex((id) => !known.has(id));
      // Thrown inside the transaction: nothing of this request is kept.
      if (unknownIndex >= 0) throw new NotFoundError('Procedure', `procedureIds[${unknownIndex}]`);
      const refusedIndex = procedureIds.findIndex((id) => !done.has(id));
      throw new ConflictError(
        'A chart you chose is not awaiting co-signature any more (co-signed meanwhile, or not signed). Nothing was co-signed: refresh the list and choose again.',
        'not_awaiting_cosignature',
        { field: `procedureIds[${refusedIndex}]`, extensions: { procedureId: procedureIds[refusedIndex] } },
      );
    }
    for (const row of cosigned) {
      await recordAudit(tx, emrAudit(actor, meta, 'procedure.cosign', { type: 'procedure', id: row.id }, { patientId: row.patientId }));
    }
    return { cosignedAt: cosignedAt.toISOString(), items: procedureIds.map((procedureId) => ({ procedureId })) };
  });
}
