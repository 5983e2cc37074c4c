import type { ProductUsed, ProductUsedInput } from '@glowdesk/contracts';
import type * as sectionRepository from './chart-section-repository.ts';
import type { InventoryLotRecord } from './emr-repository.ts';
import type { LotTake } from './lot-stock.ts';

/** A product used as read in the chart's transaction, with its lot when taken from one. */
export type ProductUsedDraft = sectionRepository.ProductUsedRecord & { lot: InventoryLotRecord | undefined };

/** The amount (whole, in the lot's unit) each product taken from a lot holds, named by its place in the request. */
export function lotTakesOfProducts(entries: readonly ProductUsedInput[]): LotTake[] {
  return entries.flatMap((entry, index) =>
    entry.lotId === null ? [] : [{ lotId: entry.lotId, amount: entry.quantity, field: `productsUsed[${index}].lotId` }],
  );
}

/** What the chart's previous products took from lots, to give back before the new list takes its own. */
export function lotUnitsOfProducts(records: readonly sectionRepository.ProductUsedRecord[]): { lotId: string; amount: number }[] {
  return records.flatMap((record) => (record.lotId === null ? [] : [{ lotId: record.lotId, amount: record.quantity }]));
}

export function toProductsUsed(drafts: readonly ProductUsedDraft[]): ProductUsed[] {
  return drafts.map((draft) => ({
    productName: draft.productName,
    quantity: draft.quantity,
    unit: draft.unit,
    lot: draft.lot ? { id: draft.lot.id, lotNumber: draft.lot.lotNumber, expiresOn: draft.lot.expiresOn } : null,
  }));
}
