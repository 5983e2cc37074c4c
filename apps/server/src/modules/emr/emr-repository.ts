import type { LotUnit, ProcedureSection, SoapNotes } from '@glowdesk/contracts';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { inventoryLotRecalls, inventoryLots, procedureAddenda, procedureInjectables, procedures, procedureTypes } from './emr-tables.ts';

export type ProcedureTypeRecord = Omit<typeof procedureTypes.$inferSelect, 'practiceId'>;
export type InventoryLotRecord = Omit<typeof inventoryLots.$inferSelect, 'practiceId'>;
export type ProcedureRecord = Omit<typeof procedures.$inferSelect, 'practiceId'>;
export type InjectableRecord = Omit<typeof procedureInjectables.$inferSelect, 'practiceId'>;
export type AddendumRecord = Omit<typeof procedureAddenda.$inferSelect, 'practiceId' | 'sequence'>;
export type LotRecallRecord = Omit<typeof inventoryLotRecalls.$inferSelect, 'practiceId'>;

const typeColumns = {
  id: procedureTypes.id,
  name: procedureTypes.name,
  sections: procedureTypes.sections,
  photoConsentTemplateId: procedureTypes.photoConsentTemplateId,
  requiredConsentTemplateIds: procedureTypes.requiredConsentTemplateIds,
  createdAt: procedureTypes.createdAt,
  createdBy: procedureTypes.createdBy,
};

/** Inserts a procedure type; undefined when the practice already has one of that name (any case). */
export async function insertProcedureType(
  tx: Transaction,
  practiceId: string,
  type: {
    name: string;
    sections: ProcedureSection[];
    photoConsentTemplateId: string | null;
    requiredConsentTemplateIds: string[];
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<ProcedureTypeRecord | undefined> {
  const [row] = await tx
    .insert(procedureTypes)
    .values({ practiceId, ...type })
    .onConflictDoNothing()
    .returning(typeColumns);
  return row;
}

export async function listProcedureTypes(tx: Transaction, practiceId: string): Promise<ProcedureTypeRecord[]> {
  return tx.select(typeColumns).from(procedureTypes).where(eq(procedureTypes.practiceId, practiceId)).orderBy(asc(procedureTypes.name));
}

export async function findProcedureType(tx: Transaction, practiceId: string, typeId: string): Promise<ProcedureTypeRecord | undefined> {
  const [row] = await tx
    .select(typeColumns)
    .from(procedureTypes)
    .where(and(eq(procedureTypes.practiceId, practiceId), eq(procedureTypes.id, typeId)));
  return row;
}

const lotColumns = {
  id: inventoryLots.id,
  productName: inventoryLots.productName,
  lotNumber: inventoryLots.lotNumber,
  expiresOn: inventoryLots.expiresOn,
  unit: inventoryLots.unit,
  quantityReceived: inventoryLots.quantityReceived,
  quantityOnHand: inventoryLots.quantityOnHand,
  createdAt: inventoryLots.createdAt,
  createdBy: inventoryLots.createdBy,
};

/** Inserts a lot with its whole quantity on hand; undefined when the product already has a lot of that number. */
export async function insertLot(
  tx: Transaction,
  practiceId: string,
  lot: { productName: string; lotNumber: string; expiresOn: string; unit: LotUnit; quantity: number; createdAt: Date; createdBy: string },
): Promise<InventoryLotRecord | undefined> {
  const [row] = await tx
    .insert(inventoryLots)
    .values({
      practiceId,
      productName: lot.productName,
      lotNumber: lot.lotNumber,
      expiresOn: lot.expiresOn,
      unit: lot.unit,
      quantityReceived: lot.quantity,
      quantityOnHand: lot.quantity,
      createdAt: lot.createdAt,
      createdBy: lot.createdBy,
    })
    .onConflictDoNothing()
    .returning(lotColumns);
  return row;
}

export async function listLots(tx: Transaction, practiceId: string): Promise<InventoryLotRecord[]> {
  return tx
    .select(lotColumns)
    .from(inventoryLots)
    .where(eq(inventoryLots.practiceId, practiceId))
    .orderBy(asc(inventoryLots.productName), asc(inventoryLots.expiresOn), asc(inventoryLots.lotNumber));
}

export async function findLots(tx: Transaction, practiceId: string, lotIds: readonly string[]): Promise<Map<string, InventoryLotRecord>> {
  if (lotIds.length === 0) return new Map();
  const rows = await tx
    .select(lotColumns)
    .from(inventoryLots)
    .where(and(eq(inventoryLots.practiceId, practiceId), inArray(inventoryLots.id, [...new Set(lotIds)])));
  return new Map(rows.map((row) => [row.id, row]));
}

/** An amount in hundredths of the lot's unit, as the exact decimal the database compares (12.5 units never reaches here: units are whole). */
function lotAmount(hundredths: number): SQL {
  return sql`${(hundredths / 100).toFixed(2)}::numeric`;
}

/**
 * Takes an amount (in hundredths of the lot's unit) from a lot that has not expired by
 * `today` and still holds it, in one statement: concurrent takes wait on the row and
 * re-check, so stock never goes negative. Undefined when the lot is unknown, expired or short.
 */
export async function takeFromLot(
  tx: Transaction,
  practiceId: string,
  lotId: string,
  hundredths: number,
  today: string,
): Promise<InventoryLotRecord | undefined> {
  const [row] = await tx
    .update(inventoryLots)
    .set({ quantityOnHand: sql`${inventoryLots.quantityOnHand} - ${lotAmount(hundredths)}` })
    .where(
      and(
        eq(inventoryLots.practiceId, practiceId),
        eq(inventoryLots.id, lotId),
        sql`${inventoryLots.quantityOnHand} >= ${lotAmount(hundredths)}`,
        gte(inventoryLots.expiresOn, today),
      ),
    )
    .returning(lotColumns);
  return row;
}

/** Puts an amount (in hundredths of the lot's unit) back on a lot (an injectable removed from an unsigned chart). */
export async function returnToLot(tx: Transaction, practiceId: string, lotId: string, hundredths: number): Promise<void> {
  await tx
    .update(inventoryLots)
    .set({ quantityOnHand: sql`${inventoryLots.quantityOnHand} + ${lotAmount(hundredths)}` })
    .where(and(eq(inventoryLots.practiceId, practiceId), eq(inventoryLots.id, lotId)));
}

const procedureColumns = {
  id: procedures.id,
  patientId: procedures.patientId,
  procedureTypeId: procedures.procedureTypeId,
  appointmentId: procedures.appointmentId,
  notes: procedures.notes,
  version: procedures.version,
  createdAt: procedures.createdAt,
  createdBy: procedures.createdBy,
  updatedAt: procedures.updatedAt,
  updatedBy: procedures.updatedBy,
  signedAt: procedures.signedAt,
  signedBy: procedures.signedBy,
  cosignatureRequired: procedures.cosignatureRequired,
  cosignedAt: procedures.cosignedAt,
  cosignedBy: procedures.cosignedBy,
};

/** Inserts a procedure; undefined when the booking already has one (one procedure per booking). */
export async function insertProcedure(
  tx: Transaction,
  practiceId: string,
  procedure: { patientId: string; procedureTypeId: string; appointmentId: string; createdAt: Date; createdBy: string },
): Promise<ProcedureRecord | undefined> {
  const [row] = await tx
    .insert(procedures)
    .values({ practiceId, ...procedure, notes: {}, updatedAt: procedure.createdAt, updatedBy: procedure.createdBy })
    .onConflictDoNothing()
    .returning(procedureColumns);
  return row;
}

export async function findProcedure(tx: Transaction, practiceId: string, procedureId: string): Promise<ProcedureRecord | undefined> {
  const [row] = await tx
    .select(procedureColumns)
    .from(procedures)
    .where(and(eq(procedures.practiceId, practiceId), eq(procedures.id, procedureId)));
  return row;
}

/**
 * Starts an edit of an unsigned chart: bumps its version (and sets the notes when given),
 * holding the row until the transaction ends, so a signature waits for the edit and an
 * edit after a signature finds nothing. Undefined when the chart is signed or unknown.
 */
export async function beginChartEdit(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  edit: { notes?: SoapNotes | undefined; updatedAt: Date; updatedBy: string },
): Promise<ProcedureRecord | undefined> {
  const [row] = await tx
    .update(procedures)
    .set({
      version: sql`${procedures.version} + 1`,
      updatedAt: edit.updatedAt,
      updatedBy: edit.updatedBy,
      ...(edit.notes ? { notes: edit.notes } : {}),
    })
    .where(and(eq(procedures.practiceId, practiceId), eq(procedures.id, procedureId), isNull(procedures.signedAt)))
    .returning(procedureColumns);
  return row;
}

/** Signs an unsigned chart (marking whether it waits for co-signature); undefined when it is already signed or unknown. */
export async function signProcedure(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  signature: { signedAt: Date; signedBy: string; cosignatureRequired: boolean },
): Promise<ProcedureRecord | undefined> {
  const [row] = await tx
    .update(procedures)
    .set({
      signedAt: signature.signedAt,
      signedBy: signature.signedBy,
      cosignatureRequired: signature.cosignatureRequired,
      version: sql`${procedures.version} + 1`,
    })
    .where(and(eq(procedures.practiceId, practiceId), eq(procedures.id, procedureId), isNull(procedures.signedAt)))
    .returning(procedureColumns);
  return row;
}

/** The procedures of these bookings, by appointment id (the board's cards). */
export async function findProceduresOfAppointments(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<Map<string, { id: string; signedAt: Date | null }>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: procedures.id, appointmentId: procedures.appointmentId, signedAt: procedures.signedAt })
    .from(procedures)
    .where(and(eq(procedures.practiceId, practiceId), inArray(procedures.appointmentId, [...appointmentIds])));
  return new Map(rows.map((row) => [row.appointmentId, { id: row.id, signedAt: row.signedAt }]));
}

const injectableColumns = {
  procedureId: procedureInjectables.procedureId,
  position: procedureInjectables.position,
  lotId: procedureInjectables.lotId,
  units: procedureInjectables.units,
  milliliters: procedureInjectables.milliliters,
  area: procedureInjectables.area,
  pointX: procedureInjectables.pointX,
  pointY: procedureInjectables.pointY,
};

export async function listInjectables(tx: Transaction, practiceId: string, procedureId: string): Promise<InjectableRecord[]> {
  return tx
    .select(injectableColumns)
    .from(procedureInjectables)
    .where(and(eq(procedureInjectables.practiceId, practiceId), eq(procedureInjectables.procedureId, procedureId)))
    .orderBy(asc(procedureInjectables.position));
}

/** Removes a chart's injectables and returns them (their units go back to the lots). */
export async function deleteInjectables(tx: Transaction, practiceId: string, procedureId: string): Promise<InjectableRecord[]> {
  return tx
    .delete(procedureInjectables)
    .where(and(eq(procedureInjectables.practiceId, practiceId), eq(procedureInjectables.procedureId, procedureId)))
    .returning(injectableColumns);
}

export async function insertInjectables(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  entries: readonly {
    lotId: string;
    units?: number | undefined;
    milliliters?: number | undefined;
    area: string;
    point?: { x: number; y: number } | null | undefined;
  }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(procedureInjectables).values(
    entries.map((entry, index) => ({
      practiceId,
      procedureId,
      position: index + 1,
      lotId: entry.lotId,
      units: entry.units ?? null,
      milliliters: entry.milliliters ?? null,
      area: entry.area,
      pointX: entry.point?.x ?? null,
      pointY: entry.point?.y ?? null,
    })),
  );
}

const addendumColumns = {
  id: procedureAddenda.id,
  procedureId: procedureAddenda.procedureId,
  text: procedureAddenda.text,
  createdAt: procedureAddenda.createdAt,
  createdBy: procedureAddenda.createdBy,
};

export async function insertAddendum(
  tx: Transaction,
  practiceId: string,
  addendum: { procedureId: string; text: string; createdAt: Date; createdBy: string },
): Promise<AddendumRecord> {
  const [row] = await tx
    .insert(procedureAddenda)
    .values({ practiceId, ...addendum })
    .returning(addendumColumns);
  if (!row) throw new Error('addendum insert returned no row');
  return row;
}

export async function listAddenda(tx: Transaction, practiceId: string, procedureId: string): Promise<AddendumRecord[]> {
  return tx
    .select(addendumColumns)
    .from(procedureAddenda)
    .where(and(eq(procedureAddenda.practiceId, practiceId), eq(procedureAddenda.procedureId, procedureId)))
    .orderBy(asc(procedureAddenda.sequence));
}

/** Every charted use of a lot with its procedure; `amount` is in the lot's unit (units or mL). */
export async function listLotUses(
  tx: Transaction,
  practiceId: string,
  lotId: string,
): Promise<{ procedureId: string; patientId: string; appointmentId: string; procedureTypeId: string; amount: number }[]> {
  return tx
    .select({
      procedureId: procedures.id,
      patientId: procedures.patientId,
      appointmentId: procedures.appointmentId,
      procedureTypeId: procedures.procedureTypeId,
      amount: sql<number>`sum(coalesce(${procedureInjectables.units}, ${procedureInjectables.milliliters}))`.mapWith(Number),
    })
    .from(procedureInjectables)
    .innerJoin(
      procedures,
      and(eq(procedures.practiceId, procedureInjectables.practiceId), eq(procedures.id, procedureInjectables.procedureId)),
    )
    .where(and(eq(procedureInjectables.practiceId, practiceId), eq(procedureInjectables.lotId, lotId)))
    .groupBy(procedures.practiceId, procedures.id)
    .orderBy(asc(procedures.createdAt), asc(procedures.id));
}

const recallColumns = {
  id: inventoryLotRecalls.id,
  lotId: inventoryLotRecalls.lotId,
  message: inventoryLotRecalls.message,
  patientCount: inventoryLotRecalls.patientCount,
  messagesQueued: inventoryLotRecalls.messagesQueued,
  recalledAt: inventoryLotRecalls.recalledAt,
  recalledBy: inventoryLotRecalls.recalledBy,
};

export async function insertRecall(
  tx: Transaction,
  practiceId: string,
  recall: {
    id: string;
    lotId: string;
    message: string;
    patientCount: number;
    messagesQueued: number;
    recalledAt: Date;
    recalledBy: string;
  },
): Promise<LotRecallRecord> {
  const [row] = await tx
    .insert(inventoryLotRecalls)
    .values({ practiceId, ...recall })
    .returning(recallColumns);
  if (!row) throw new Error('recall insert returned no row');
  return row;
}

export async function listRecalls(tx: Transaction, practiceId: string, lotIds: readonly string[]): Promise<LotRecallRecord[]> {
  if (lotIds.length === 0) return [];
  return tx
    .select(recallColumns)
    .from(inventoryLotRecalls)
    .where(and(eq(inventoryLotRecalls.practiceId, practiceId), inArray(inventoryLotRecalls.lotId, [...lotIds])))
    .orderBy(desc(inventoryLotRecalls.recalledAt));
}

/** Signed charts still waiting for a medical director's co-signature, oldest signature first. */
export async function listAwaitingCosignature(tx: Transaction, practiceId: string): Promise<ProcedureRecord[]> {
  return tx
    .select(procedureColumns)
    .from(procedures)
    .where(
      and(
        eq(procedures.practiceId, practiceId),
        eq(procedures.cosignatureRequired, true),
        isNull(procedures.cosignedAt),
        isNotNull(procedures.signedAt),
      ),
    )
    .orderBy(asc(procedures.signedAt), asc(procedures.id));
}

/**
 * Co-signs those of the charts that are signed and waiting; returns the ones it co-signed.
 * The lock trigger (0047) lets exactly these two columns change on a signed chart.
 */
export async function cosignProcedures(
  tx: Transaction,
  practiceId: string,
  procedureIds: readonly string[],
  cosignature: { cosignedAt: Date; cosignedBy: string },
): Promise<{ id: string; patientId: string }[]> {
  return tx
    .update(procedures)
    .set({ cosignedAt: cosignature.cosignedAt, cosignedBy: cosignature.cosignedBy })
    .where(
      and(
        eq(procedures.practiceId, practiceId),
        inArray(procedures.id, [...procedureIds]),
        eq(procedures.cosignatureRequired, true),
        isNull(procedures.cosignedAt),
        isNotNull(procedures.signedAt),
      ),
    )
    .returning({ id: procedures.id, patientId: procedures.patientId });
}

/** Which of these ids are procedures of the practice. */
export async function existingProcedureIds(tx: Transaction, practiceId: string, procedureIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx
    .select({ id: procedures.id })
    .from(procedures)
    .where(and(eq(procedures.practiceId, practiceId), inArray(procedures.id, [...procedureIds])));
  return new Set(rows.map((row) => row.id));
}
