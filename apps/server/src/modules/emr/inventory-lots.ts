import type { InventoryLot, LotPatient, LotRecall, LotUnit } from '@glowdesk/contracts';
import { randomUUID } from 'node:crypto';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findAppointmentSnapshotWithin } from '../appointments/index.ts';
import { enqueueMessage } from '../notifications/index.ts';
import { findProviderNameWithin } from '../practice/index.ts';
import { emrAudit, type EmrDependencies } from './emr-dependencies.ts';
import * as sectionRepository from './chart-section-repository.ts';
import * as repository from './emr-repository.ts';
import { toHundredths } from './lot-stock.ts';

function toLot(record: repository.InventoryLotRecord, recalls: repository.LotRecallRecord[]): InventoryLot {
  return {
    id: record.id,
    productName: record.productName,
    lotNumber: record.lotNumber,
    expiresOn: record.expiresOn,
    unit: record.unit,
    quantityReceived: record.quantityReceived,
    quantityOnHand: record.quantityOnHand,
    createdAt: record.createdAt.toISOString(),
    recalls: recalls
      .filter((recall) => recall.lotId === record.id)
      .map((recall) => ({ id: recall.id, recalledAt: recall.recalledAt.toISOString(), patientCount: recall.patientCount })),
  };
}

export async function listLots(deps: EmrDependencies, actor: StaffActor): Promise<InventoryLot[]> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const lots = await repository.listLots(tx, actor.practiceId);
    const recalls = await repository.listRecalls(
      tx,
      actor.practiceId,
      lots.map((lot) => lot.id),
    );
    return lots.map((lot) => toLot(lot, recalls));
  });
}

/** Receives a lot; 409 when the product already has a lot of that number. */
export async function createLot(
  deps: EmrDependencies,
  actor: StaffActor,
  input: { productName: string; lotNumber: string; expiresOn: string; unit?: LotUnit; quantity: number },
  meta: RequestMeta,
): Promise<InventoryLot> {
  const unit = input.unit ?? 'units';
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const lot = await repository.insertLot(tx, actor.practiceId, {
      ...input,
      unit,
      createdAt: deps.clock.now(),
      createdBy: actor.staffId,
    });
    if (!lot) {
      throw new ConflictError(`${input.productName} already has a lot ${input.lotNumber}.`, 'duplicate_lot', { field: 'lotNumber' });
    }
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'inventory_lot.create',
        { type: 'inventory_lot', id: lot.id },
        { lotNumber: lot.lotNumber, unit, quantity: input.quantity },
      ),
    );
    return toLot(lot, []);
  });
}

type LotUse = Awaited<ReturnType<typeof repository.listLotUses>>[number];

/** One use per procedure: amounts charted as injectables and as products used from the same lot are added up (in hundredths, exactly). */
function mergeLotUses(uses: readonly LotUse[]): LotUse[] {
  const byProcedure = new Map<string, LotUse>();
  for (const use of uses) {
    const seen = byProcedure.get(use.procedureId);
    byProcedure.set(use.procedureId, seen ? { ...seen, amount: (toHundredths(seen.amount) + toHundredths(use.amount)) / 100 } : use);
  }
  return [...byProcedure.values()];
}

/** Every patient treated with the lot (as an injectable or a product used), oldest treatment first: procedure, date (the visit's start), amount in the lot's unit, provider. */
async function readLotPatients(
  deps: EmrDependencies,
  tx: Transaction,
  practiceId: string,
  lotId: string,
): Promise<{ lot: repository.InventoryLotRecord; items: LotPatient[] }> {
  const lot = (await repository.findLots(tx, practiceId, [lotId])).get(lotId);
  if (!lot) throw new NotFoundError('Lot', 'lotId');
  const uses = mergeLotUses([
    ...(await repository.listLotUses(tx, practiceId, lotId)),
    ...(await sectionRepository.listLotProductUses(tx, practiceId, lotId)),
  ]);
  const patients = await deps.patients.findPatientSummariesWithin(
    tx,
    practiceId,
    uses.map((use) => use.patientId),
  );
  const types = new Map((await repository.listProcedureTypes(tx, practiceId)).map((type) => [type.id, type.name]));
  const providerNames = new Map<string, string>();
  const items: LotPatient[] = [];
  for (const use of uses) {
    const appointment = await findAppointmentSnapshotWithin(tx, practiceId, use.appointmentId);
    if (!appointment) throw new Error(`procedure ${use.procedureId} points at a missing booking`);
    if (!providerNames.has(appointment.providerId)) {
      providerNames.set(appointment.providerId, (await findProviderNameWithin(tx, practiceId, appointment.providerId)) ?? 'Provider');
    }
    const patient = patients.get(use.patientId);
    items.push({
      patient: {
        id: use.patientId,
        firstName: patient?.firstName ?? 'Unknown',
        lastName: patient?.lastName ?? 'client',
        email: patient?.email ?? null,
        phone: patient?.phone ?? null,
      },
      procedureId: use.procedureId,
      procedureTypeName: types.get(use.procedureTypeId) ?? 'Procedure',
      treatedAt: appointment.startsAt.toISOString(),
      amount: use.amount,
      units: lot.unit === 'units' ? use.amount : null,
      provider: { id: appointment.providerId, displayName: providerNames.get(appointment.providerId) ?? 'Provider' },
    });
  }
  // Oldest treatment first.
  items.sort((a, b) => a.treatedAt.localeCompare(b.treatedAt) || a.procedureId.localeCompare(b.procedureId));
  return { lot, items };
}

export async function listLotPatients(
  deps: EmrDependencies,
  actor: StaffActor,
  lotId: string,
  meta: RequestMeta,
): Promise<{ lot: InventoryLot; items: LotPatient[] }> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const { lot, items } = await readLotPatients(deps, tx, actor.practiceId, lotId);
    const recalls = await repository.listRecalls(tx, actor.practiceId, [lotId]);
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'inventory_lot.patients_read',
        { type: 'inventory_lot', id: lotId },
        {
          patientIds: [...new Set(items.map((item) => item.patient.id))],
        },
      ),
    );
    return { lot: toLot(lot, recalls), items };
  });
}

function csvField(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The lot's treated patients as CSV (one row per procedure, the amount beside the lot's unit), for the recall's paper trail. */
export function lotPatientsCsv(lot: InventoryLot, items: LotPatient[]): string {
  const header = ['Product', 'Lot', 'Expires', 'Patient', 'Email', 'Phone', 'Procedure', 'Treated at', 'Amount', 'Unit', 'Provider'];
  const rows = items.map((item) => [
    lot.productName,
    lot.lotNumber,
    lot.expiresOn,
    `${item.patient.firstName} ${item.patient.lastName}`,
    item.patient.email ?? '',
    item.patient.phone ?? '',
    item.procedureTypeName,
    item.treatedAt,
    item.amount,
    lot.unit,
    item.provider.displayName,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Recalls a lot in one step: every patient treated with it gets the message through the
 * outbox (email when they have one, else SMS), and the recall is recorded with how many it
 * reached; patients with no contact are listed back to be called. One transaction: the
 * record and the messages commit together.
 */
export async function recallLot(
  deps: EmrDependencies,
  actor: StaffActor,
  lotId: string,
  message: string,
  meta: RequestMeta,
): Promise<LotRecall> {
  const { practiceId } = actor;
  return inPractice(deps.database, practiceId, async (tx) => {
    const { lot, items } = await readLotPatients(deps, tx, practiceId, lotId);
    const recallId = randomUUID();
    const patients = new Map(items.map((item) => [item.patient.id, item.patient]));
    const unreachable: LotRecall['unreachable'] = [];
    let queued = 0;
    for (const patient of patients.values()) {
      const common = {
        textBody: message,
        patientId: patient.id,
        dedupeKey: `lot-recall:${recallId}:${patient.id}`,
        createdBy: actor.staffId,
      };
      if (patient.email) {
        await enqueueMessage(tx, practiceId, {
          ...common,
          channel: 'email',
          to: patient.email,
          subject: `Important: ${lot.productName} lot ${lot.lotNumber}`,
        });
      } else if (patient.phone) {
        await enqueueMessage(tx, practiceId, { ...common, channel: 'sms', to: patient.phone });
      } else {
        unreachable.push({ id: patient.id, firstName: patient.firstName, lastName: patient.lastName });
        continue;
      }
      queued += 1;
    }
    const recall = await repository.insertRecall(tx, practiceId, {
      id: recallId,
      lotId,
      message,
      patientCount: patients.size,
      messagesQueued: queued,
      recalledAt: deps.clock.now(),
      recalledBy: actor.staffId,
    });
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'inventory_lot.recall',
        { type: 'inventory_lot', id: lotId },
        {
          recallId,
          patientIds: [...patients.keys()],
          messagesQueued: queued,
        },
      ),
    );
    return {
      id: recall.id,
      lotId,
      recalledAt: recall.recalledAt.toISOString(),
      patientCount: recall.patientCount,
      messagesQueued: recall.messagesQueued,
      unreachable,
    };
  });
}
