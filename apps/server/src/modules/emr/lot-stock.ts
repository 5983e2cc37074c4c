import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import * as repository from './emr-repository.ts';

/** Units of a lot a chart takes (an injectable, a product used); `field` names the entry in the request. */
export interface LotTake {
  lotId: string;
  units: number;
  field: string;
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
 * Moves stock when a chart's lists change: what the chart held before (`returned`) goes
 * back, what it holds now (`taken`) is taken, netted per lot and applied in lot order (two
 * charts never wait on each other's lots crosswise). A take checks and changes the stock in
 * one statement, so stock never goes negative and an expired lot gives nothing.
 */
export async function moveLotStock(
  tx: Transaction,
  practiceId: string,
  returned: readonly { lotId: string; units: number }[],
  taken: readonly LotTake[],
  today: string,
): Promise<void> {
  const delta = new Map<string, number>();
  const firstField = new Map<string, string>();
  for (const entry of returned) delta.set(entry.lotId, (delta.get(entry.lotId) ?? 0) + entry.units);
  for (const entry of taken) {
    delta.set(entry.lotId, (delta.get(entry.lotId) ?? 0) - entry.units);
    if (!firstField.has(entry.lotId)) firstField.set(entry.lotId, entry.field);
  }
  for (const lotId of [...delta.keys()].sort()) {
    const change = delta.get(lotId) ?? 0;
    if (change > 0) await repository.returnToLot(tx, practiceId, lotId, change);
    if (change < 0) {
      const took = await repository.takeFromLot(tx, practiceId, lotId, -change, today);
      if (!took) await explainRefusedLot(tx, practiceId, lotId, -change, today, firstField.get(lotId) ?? 'lotId');
    }
  }
}
