import type { Procedure } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { assertEditFitsType, replaceChartSections, type ChartEdit } from './chart-sections.ts';
import { isMedicalDirectorWithin, requiresMdCosignatureWithin } from '../identity/index.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';
import { assertMayOpenProcedure, finishProcedure, readProcedureDraft, requiredConsentsOf } from './procedure-views.ts';

export type { ChartEdit } from './chart-sections.ts';

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

/** Saves the sections an edit sends on an unsigned chart; 409 chart_signed once signed. */
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
      assertEditFitsType(edit, type?.sections ?? []);
      const edited = await repository.beginChartEdit(tx, practiceId, procedureId, {
        notes: edit.notes,
        updatedAt: deps.clock.now(),
        updatedBy: actor.staffId,
      });
      if (!edited) throw signedChartError();
      await replaceChartSections(tx, deps.clock, practiceId, { procedureId, appointmentId: edited.appointmentId }, edit);
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
            injectables:
              edit.injectables?.map((entry) => ({
                lotId: entry.lotId,
                ...(entry.milliliters === undefined ? { units: entry.units } : { milliliters: entry.milliliters }),
              })) ?? null,
            laser: edit.laser !== undefined,
            productsUsed: edit.productsUsed?.map((entry) => ({ lotId: entry.lotId, quantity: entry.quantity })) ?? null,
          },
        ),
      );
      return readProcedureDraft(deps, tx, practiceId, edited);
    }),
  );
  return finishProcedure(deps, actor, draft);
}

/** 409 `consent_not_signed`, naming the first consent the chart's type requires that the patient has not signed. */
async function assertRequiredConsentsSigned(
  deps: EmrDependencies,
  tx: Transaction,
  practiceId: string,
  procedureId: string,
): Promise<void> {
  const record = await repository.findProcedure(tx, practiceId, procedureId);
  if (!record || record.signedAt) return;
  const type = await repository.findProcedureType(tx, practiceId, record.procedureTypeId);
  if (!type) return;
  const unsigned = (await requiredConsentsOf(deps, tx, practiceId, type, record.patientId)).find((consent) => consent.signedAt === null);
  if (unsigned) {
    throw new ConflictError(
      `The patient has not signed “${unsigned.name}”, which ${type.name} requires before the chart is signed. Have them sign it, then sign the chart.`,
      'consent_not_signed',
      { field: 'procedureId', extensions: { consentTemplateId: unsigned.templateId } },
    );
  }
}

/** The provider signs the chart; from then on it is locked (by the API and the database). 409 when already signed. */
export async function signProcedure(deps: EmrDependencies, actor: StaffActor, procedureId: string, meta: RequestMeta): Promise<Procedure> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const { practiceId } = actor;
  const draft = await inPractice(deps.database, practiceId, async (tx) => {
    await assertRequiredConsentsSigned(deps, tx, practiceId, procedureId);
    // Decided once, at signing (decision 042): a medical director's own chart needs no co-signature.
    const cosignatureRequired =
      (await requiresMdCosignatureWithin(tx, practiceId)) && !(await isMedicalDirectorWithin(tx, practiceId, actor.staffId));
    const signed = await repository.signProcedure(tx, practiceId, procedureId, {
      signedAt: deps.clock.now(),
      signedBy: actor.staffId,
      cosignatureRequired,
    });
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
