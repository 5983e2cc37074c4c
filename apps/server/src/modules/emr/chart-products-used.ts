import type { ProductUsed, ProductUsedInput } from '@glowdesk/contracts';
import type * as sectionRepository from './chart-section-repository.ts';
import type { Transaction } from '../../platform/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import * as repository from './emr-repository.ts';
import type { LotTake } from './lot-stock.ts';

/** A product used as read in the chart's transaction, with its lot when taken from one. */
export type ProductUsedDraft = sectionRepository.ProductUsedRecord & { lot: repository.InventoryLotRecord | undefined };

/**
 * What each product taken from a lot takes, in the lot's unit (decision 043): whole units from
 * a units lot, mL to 0.01 mL from an mL lot, written in mL (400 naming the quantity or unit
 * otherwise). An unknown lot is left to the stock move, which answers 404 naming the lot.
 */
export async function lotTakesOfProducts(tx: Transaction, practiceId: string, entries: readonly ProductUsedInput[]): Promise<LotTake[]> {
  const lotIds = entries.flatMap((entry) => (entry.lotId === null ? [] : [entry.lotId]));
  if (lotIds.length === 0) return [];
  const lots = await repository.findLots(tx, practiceId, lotIds);
  return entries.flatMap((entry, index) => {
    if (entry.lotId === null) return [];
    const lot = lots.get(entry.lotId);
    const field = `productsUsed[${index}]`;
    if (lot?.unit === 'units' && !Number.isInteger(entry.quantity)) {
      throw new ValidationError(`Lot ${lot.lotNumber} of ${lot.productName} is counted in whole units.`, {
        field: `${field}.quantity`,
        code: 'amount_not_in_lot_unit',
      });
    }
    if (lot?.unit === 'mL' && entry.unit !== 'mL') {
      throw new ValidationError(`Lot ${lot.lotNumber} of ${lot.productName} is counted in mL: write the quantity in mL.`, {
        field: `${field}.unit`,
        code: 'amount_not_in_lot_unit',
      });
    }
    return lot?.unit === 'mL'
      ? [{ lotId: entry.lotId, amount: entry.quantity, field: `${field}.lotId`, amountField: `${field}.quantity` }]
      : [{ lotId: entry.lotId, amount: entry.quantity, field: `${field}.lotId` }];
  });
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
