import type { LaserSettingRow } from '@glowdesk/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { procedureLaserSettingRows, procedureLaserSettings, procedureProductsUsed } from './chart-section-tables.ts';
import { procedures } from './emr-tables.ts';

/** The laser / device section of a chart: the device, skin type, test spot and rows of settings. */
export interface LaserSettingsRecord {
  deviceResourceId: string | null;
  skinType: (typeof procedureLaserSettings.$inferSelect)['skinType'];
  testSpot: { done: boolean; site: string | null; reaction: string | null; performedOn: string | null };
  rows: LaserSettingRow[];
}

export type ProductUsedRecord = Omit<typeof procedureProductsUsed.$inferSelect, 'practiceId' | 'procedureId'>;

export async function findLaserSettings(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
): Promise<LaserSettingsRecord | undefined> {
  const [settings] = await tx
    .select()
    .from(procedureLaserSettings)
    .where(and(eq(procedureLaserSettings.practiceId, practiceId), eq(procedureLaserSettings.procedureId, procedureId)));
  if (!settings) return undefined;
  const rows = await tx
    .select({
      area: procedureLaserSettingRows.area,
      fluenceJoulesPerCm2: procedureLaserSettingRows.fluenceJoulesPerCm2,
      spotSizeMm: procedureLaserSettingRows.spotSizeMm,
      pulseWidthMs: procedureLaserSettingRows.pulseWidthMs,
      passes: procedureLaserSettingRows.passes,
      cooling: procedureLaserSettingRows.cooling,
    })
    .from(procedureLaserSettingRows)
    .where(and(eq(procedureLaserSettingRows.practiceId, practiceId), eq(procedureLaserSettingRows.procedureId, procedureId)))
    .orderBy(asc(procedureLaserSettingRows.position));
  return {
    deviceResourceId: settings.deviceResourceId,
    skinType: settings.skinType,
    testSpot: {
      done: settings.testSpotDone,
      site: settings.testSpotSite,
      reaction: settings.testSpotReaction,
      performedOn: settings.testSpotOn,
    },
    rows,
  };
}

/** Replaces the chart's laser section (the rows go first: they refer to the section). */
export async function replaceLaserSettings(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  settings: LaserSettingsRecord,
): Promise<void> {
  await tx
    .delete(procedureLaserSettingRows)
    .where(and(eq(procedureLaserSettingRows.practiceId, practiceId), eq(procedureLaserSettingRows.procedureId, procedureId)));
  await tx
    .delete(procedureLaserSettings)
    .where(and(eq(procedureLaserSettings.practiceId, practiceId), eq(procedureLaserSettings.procedureId, procedureId)));
  await tx.insert(procedureLaserSettings).values({
    practiceId,
    procedureId,
    deviceResourceId: settings.deviceResourceId,
    skinType: settings.skinType,
    testSpotDone: settings.testSpot.done,
    testSpotSite: settings.testSpot.site,
    testSpotReaction: settings.testSpot.reaction,
    testSpotOn: settings.testSpot.performedOn,
  });
  if (settings.rows.length === 0) return;
  await tx
    .insert(procedureLaserSettingRows)
    .values(settings.rows.map((row, index) => ({ practiceId, procedureId, position: index + 1, ...row })));
}

const productColumns = {
  position: procedureProductsUsed.position,
  productName: procedureProductsUsed.productName,
  quantity: procedureProductsUsed.quantity,
  unit: procedureProductsUsed.unit,
  lotId: procedureProductsUsed.lotId,
};

export async function listProductsUsed(tx: Transaction, practiceId: string, procedureId: string): Promise<ProductUsedRecord[]> {
  return tx
    .select(productColumns)
    .from(procedureProductsUsed)
    .where(and(eq(procedureProductsUsed.practiceId, practiceId), eq(procedureProductsUsed.procedureId, procedureId)))
    .orderBy(asc(procedureProductsUsed.position));
}

/** Removes a chart's products used and returns them (units taken from lots go back). */
export async function deleteProductsUsed(tx: Transaction, practiceId: string, procedureId: string): Promise<ProductUsedRecord[]> {
  return tx
    .delete(procedureProductsUsed)
    .where(and(eq(procedureProductsUsed.practiceId, practiceId), eq(procedureProductsUsed.procedureId, procedureId)))
    .returning(productColumns);
}

export async function insertProductsUsed(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  entries: readonly { productName: string; quantity: number; unit: string; lotId: string | null }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .insert(procedureProductsUsed)
    .values(entries.map((entry, index) => ({ practiceId, procedureId, position: index + 1, ...entry })));
}

/** Every procedure that used the lot as a product used, with the amount (in the lot's unit) summed per procedure. */
export async function listLotProductUses(
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
      amount: sql<number>`sum(${procedureProductsUsed.quantity})`.mapWith(Number),
    })
    .from(procedureProductsUsed)
    .innerJoin(
      procedures,
      and(eq(procedures.practiceId, procedureProductsUsed.practiceId), eq(procedures.id, procedureProductsUsed.procedureId)),
    )
    .where(and(eq(procedureProductsUsed.practiceId, practiceId), eq(procedureProductsUsed.lotId, lotId)))
    .groupBy(procedures.practiceId, procedures.id)
    .orderBy(asc(procedures.createdAt), asc(procedures.id));
}
