import type { Procedure, SoapNotes } from '@glowdesk/contracts';
import { localDateIn } from '@glowdesk/scheduling';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findAppointmentSnapshotWithin } from '../appointments/index.ts';
import { findClinicContactWithin } from '../practice/index.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';
import { assertMayOpenProcedure, finishProcedure, readProcedureDraft } from './procedure-views.ts';

const LOCKED_STATE = '55000';

export function signedChartError(): ConflictError {
  return new ConflictError('This chart is signed and locked. Add an addendum instead.', 'chart_signed', { field: 'procedureId' });
}

/** The database refuses any change to a signed chart (migration 0029); a change that raced a signature answers as one made after it. */
export async function refusingSignedChart<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlStateOf(error) === LOCKED_STATE) throw signedChartError();
    throw error;
  }
}

/** Opens a chart: every read is audited. */
export async function getProcedure(deps: EmrDependencies, actor: StaffActor, procedureId: string, meta: RequestMeta): Promise<Procedure> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const draft = await inPractice(deps.database, actor.practiceId, async (tx) => {
    const record = await repository.findProcedure(tx, actor.practiceId, procedureId);
    if (!record) throw new NotFoundError('Procedure', 'procedureId');
    await recordAudit(tx, emrAudit(actor, meta, 'procedure.read', { type: 'procedure', id: record.id }, { patientId: record.patientId }));
    return readProcedureDraft(deps, tx, actor.practiceId, record);
  });
  return finishProcedure(deps, actor, draft);
}

export interface ChartEdit {
  notes?: SoapNotes | undefined;
  injectables?: { lotId: string; units: number; area: string }[] | undefined;
}

/** Why a lot could not give the units: unknown (404), expired (400) or short (409). */
async function explainRefusedLot(
  tx: Transaction,
  practiceId: string,
  lotId: string,
  units: number,
  today: string,
  field: string,
): Promise<never> {
  const lot = (await repository.findLots(tx, practiceId, [lotId])).get(lotId);
  if (!lot) throw new NotFoundError('Lot', field);
  if (lot.expiresOn < today) {
    throw new ValidationError(`Lot ${lot.lotNumber} of ${lot.productName} expired on ${lot.expiresOn}. Choose another lot.`, {
      field,
      code: 'lot_expired',
    });
  }
  throw new ConflictError(
    `Lot ${lot.lotNumber} of ${lot.productName} has ${lot.quantityOnHand} units left; this chart needs ${units} more.`,
    'lot_out_of_stock',
    { field, extensions: { quantityOnHand: lot.quantityOnHand } },
  );
}

/**
 * Moves stock for a new list of injectables: the chart's old entries give their units back,
 * the new ones take theirs, netted per lot and applied in lot order (two charts never wait
 * on each other's lots crosswise). A take checks and changes the stock in one statement.
 */
async function replaceInjectables(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  entries: { lotId: string; units: number; area: string }[],
  today: string,
): Promise<void> {
  const previous = await repository.deleteInjectables(tx, practiceId, procedureId);
  const delta = new Map<string, number>();
  const firstIndex = new Map<string, number>();
  for (const entry of previous) delta.set(entry.lotId, (delta.get(entry.lotId) ?? 0) + entry.units);
  entries.forEach((entry, index) => {
    delta.set(entry.lotId, (delta.get(entry.lotId) ?? 0) - entry.units);
    if (!firstIndex.has(entry.lotId)) firstIndex.set(entry.lotId, index);
  });
  for (const lotId of [...delta.keys()].sort()) {
    const change = delta.get(lotId) ?? 0;
    if (change > 0) await repository.returnToLot(tx, practiceId, lotId, change);
    if (change < 0) {
      const taken = await repository.takeFromLot(tx, practiceId, lotId, -change, today);
      if (!taken) await explainRefusedLot(tx, practiceId, lotId, -change, today, `injectables[${firstIndex.get(lotId) ?? 0}].lotId`);
    }
  }
  await repository.insertInjectables(tx, practiceId, procedureId, entries);
}

/** Saves notes and/or injectables on an unsigned chart; 409 chart_signed once signed. */
export async function updateProcedure(
  deps: EmrDependencies,
  actor: StaffActor,
  procedureId: string,
  edit: ChartEdit,
  meta: RequestMeta,
): Promise<Procedure> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const { practiceId } = actor;
  const draft = await refusingSignedChart(() =>
    inPractice(deps.database, practiceId, async (tx) => {
      const current = await repository.findProcedure(tx, practiceId, procedureId);
      if (!current) throw new NotFoundError('Procedure', 'procedureId');
      if (current.signedAt) throw signedChartError();
      const type = await repository.findProcedureType(tx, practiceId, current.procedureTypeId);
      if (edit.notes && !type?.sections.includes('clinical_notes')) {
        throw new ValidationError('This procedure type has no clinical notes section.', { field: 'notes', code: 'section_not_in_type' });
      }
      if (edit.injectables && !type?.sections.includes('injectables')) {
        throw new ValidationError('This procedure type has no injectables section.', { field: 'injectables', code: 'section_not_in_type' });
      }
      const edited = await repository.beginChartEdit(tx, practiceId, procedureId, {
        notes: edit.notes,
        updatedAt: deps.clock.now(),
        updatedBy: actor.staffId,
      });
      if (!edited) throw signedChartError();
      if (edit.injectables) {
        const appointment = await findAppointmentSnapshotWithin(tx, practiceId, edited.appointmentId);
        const clinic = appointment ? await findClinicContactWithin(tx, practiceId, appointment.clinicId) : undefined;
        const today = localDateIn(clinic?.timezone ?? 'UTC', deps.clock.now().getTime());
        await replaceInjectables(tx, practiceId, procedureId, edit.injectables, today);
      }
      await recordAudit(
        tx,
        emrAudit(
          actor,
          meta,
          'procedure.update',
          { type: 'procedure', id: procedureId },
          {
            patientId: edited.patientId,
            notes: edit.notes !== undefined,
            injectables: edit.injectables?.map((entry) => ({ lotId: entry.lotId, units: entry.units })) ?? null,
          },
        ),
      );
      return readProcedureDraft(deps, tx, practiceId, edited);
    }),
  );
  return finishProcedure(deps, actor, draft);
}

/** The provider signs the chart; from then on it is locked (by the API and the database). 409 when already signed. */
export async function signProcedure(deps: EmrDependencies, actor: StaffActor, procedureId: string, meta: RequestMeta): Promise<Procedure> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const { practiceId } = actor;
  const draft = await inPractice(deps.database, practiceId, async (tx) => {
    const signed = await repository.signProcedure(tx, practiceId, procedureId, { signedAt: deps.clock.now(), signedBy: actor.staffId });
    if (!signed) {
      if (await repository.findProcedure(tx, practiceId, procedureId)) {
        throw new ConflictError('This chart is already signed.', 'already_signed', { field: 'procedureId' });
      }
      throw new NotFoundError('Procedure', 'procedureId');
    }
    await recordAudit(tx, emrAudit(actor, meta, 'procedure.sign', { type: 'procedure', id: procedureId }, { patientId: signed.patientId }));
    return readProcedureDraft(deps, tx, practiceId, signed);
  });
  return finishProcedure(deps, actor, draft);
}

/** A later note on a signed chart, with who and when; an unsigned chart is edited instead (409). */
export async function addAddendum(
  deps: EmrDependencies,
  actor: StaffActor,
  procedureId: string,
  text: string,
  meta: RequestMeta,
): Promise<Procedure> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const { practiceId } = actor;
  const draft = await inPractice(deps.database, practiceId, async (tx) => {
    const record = await repository.findProcedure(tx, practiceId, procedureId);
    if (!record) throw new NotFoundError('Procedure', 'procedureId');
    if (!record.signedAt) {
      throw new ConflictError('This chart is not signed yet: edit it instead of adding an addendum.', 'chart_not_signed', {
        field: 'procedureId',
      });
    }
    const addendum = await repository.insertAddendum(tx, practiceId, {
      procedureId,
      text,
      createdAt: deps.clock.now(),
      createdBy: actor.staffId,
    });
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'procedure.addendum',
        { type: 'procedure', id: procedureId },
        { patientId: record.patientId, addendumId: addendum.id },
      ),
    );
    return readProcedureDraft(deps, tx, practiceId, record);
  });
  return finishProcedure(deps, actor, draft);
}
