import { hasAtMostTwoDecimals, type LotUnit } from '@glowdesk/contracts';

export { formatLotAmount } from '@glowdesk/contracts';

/** The label of an amount field for a lot of this unit. */
export function amountLabel(unit: LotUnit | undefined): string {
  return unit === 'mL' ? 'mL' : 'Units';
}

/**
 * A typed amount read the way its lot counts: whole units, or mL to 2 decimals. Undefined
 * when it is empty, not a number, zero or less, or finer than the unit allows.
 */
export function parseLotAmount(value: number | string, unit: LotUnit): number | undefined {
  if (value === '') return undefined;
  const amount = Number(value);
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  if (unit === 'units' ? !Number.isInteger(amount) : !hasAtMostTwoDecimals(amount)) return undefined;
  return amount;
}

/** What an injectable entry sends: `units` for a units lot, `milliliters` for an mL lot. */
export function injectableAmountOf(value: number | string, unit: LotUnit | undefined): { units: number } | { milliliters: number } {
  return unit === 'mL' ? { milliliters: Number(value) } : { units: Number(value) };
}

/**
 * The total per lot, for the summary beside the diagram; entries without a lot, or with an
 * amount its lot does not take, are left out. Added in hundredths, so 0.1 + 0.2 mL is 0.3 mL.
 */
export function totalsByLot(
  entries: readonly { lotId: string | null; amount: number | string }[],
  unitOf: (lotId: string) => LotUnit | undefined,
): Map<string, number> {
  const hundredths = new Map<string, number>();
  for (const entry of entries) {
    const unit = entry.lotId ? unitOf(entry.lotId) : undefined;
    if (!entry.lotId || !unit) continue;
    const amount = parseLotAmount(entry.amount, unit);
    if (amount === undefined) continue;
    hundredths.set(entry.lotId, (hundredths.get(entry.lotId) ?? 0) + Math.round(amount * 100));
  }
  return new Map([...hundredths].map(([lotId, total]) => [lotId, total / 100]));
}
