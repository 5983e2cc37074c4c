import { formatLotAmount } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import * as repository from './emr-repository.ts';

/**
 * An amount a chart takes from a lot (an injectable, a product used), in the lot's unit;
 * `field` names the entry's lot in the request and `amountField` its amount (for a short lot).
 */
export interface LotTake {
  lotId: string;
  amount: number;
  field: string;
  amountField?: string | undefined;
}

/** An amount of a lot's unit in whole hundredths, so netting adds integers (0.1 + 0.2 mL is 30, not 0.30000000000000004). */
export function toHundredths(amount: number): number {
  return Math.round(amount * 100);
}

/** Why a lot could not give the amount: unknown (404), expired (400) or short (409). */
async function explainRefusedLot(
  tx: Transaction,
  practiceId: string,
  lotId: string,
  hundredths: number,
  today: string,
  take: { field: string; amountField?: string | undefined },
): Promise<never> {
  const lot = (await repository.findLots(tx, practiceId, [lotId])).get(lotId);
  if (!lot) throw new NotFoundError('Lot', take.field);
  if (lot.expiresOn < today) {
    throw new ValidationError(`Lot ${lot.lotNumber} of ${lot.productName} expired on ${lot.expiresOn}. Choose another lot.`, {
      field: take.field,
      code: 'lot_expired',
    });
  }
  throw new ConflictError(
    `Lot ${lot.lotNumber} of ${lot.productName} has ${formatLotAmount(lot.quantityOnHand, lot.unit)} left; this chart needs ${formatLotAmount(hundredths / 100, lot.unit)} more.`,
    'lot_out_of_stock',
    { field: take.amountField ?? take.field, extensions: { quantityOnHand: lot.quantityOnHand, unit: lot.unit } },
  );
}

/**
 * Moves stock when a chart's lists change: what the chart held before (`returned`) goes
 * back, what it holds now (`taken`) is taken, netted per lot in hundredths and applied in
 * lot order (two charts never wait on each other's lots crosswise). A take checks and
 * changes the stock in one statement, so stock never goes negative and an expired lot
 * gives nothing.
 */
export async function moveLotStock(
  tx: Transaction,
  practiceId: string,
  returned: readonly { lotId: string; amount: number }[],
  taken: readonly LotTake[],
  today: string,
): Promise<void> {
  const delta = new Map<string, number>();
  const firstTake = new Map<string, LotTake>();
  for (const entry of returned) delta.set(entry.lotId, (delta.get(entry.lotId) ?? 0) + toHundredths(entry.amount));
  for (const entry of taken) {
    delta.set(entry.lotId, (delta.get(entry.lotId) ?? 0) - toHundredths(entry.amount));
    if (!firstTake.has(entry.lotId)) firstTake.set(entry.lotId, entry);
  }
  for (const lotId of [...delta.keys()].sort()) {
    const change = delta.get(lotId) ?? 0;
    if (change > 0) await repository.returnToLot(tx, practiceId, lotId, change);
    if (change < 0) {
      const took = await repository.takeFromLot(tx, practiceId, lotId, -change, today);
      if (!took) await explainRefusedLot(tx, practiceId, lotId, -change, today, firstTake.get(lotId) ?? { field: 'lotId' });
    }
  }
}
