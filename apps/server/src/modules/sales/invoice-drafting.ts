import { MAX_AMOUNT_CENTS, type InvoiceLineKind } from '@glowdesk/contracts';
import { ValidationError } from '../../platform/errors.ts';

/**
 * A billed item before numbering: a service as booked, a product, a fee, a dollar credit or
 * prepaid units sold into the wallet, or a service paid by a prepaid unit (a negative amount).
 */
export interface BilledItem {
  kind: Extract<InvoiceLineKind, 'service' | 'product' | 'fee' | 'wallet_credit' | 'prepaid' | 'prepaid_redemption'>;
  description: string;
  serviceId: string | null;
  quantity: number;
  unitAmountCents: number;
  /** The request field to name when this item is at fault (e.g. `products[1]`). */
  field: string;
  /** Wallet sales: the last day the credit or units count. */
  walletExpiresOn?: string | null | undefined;
}

export type Discount = { kind: 'amount'; value: number } | { kind: 'percent'; value: number };

export interface DraftLine {
  position: number;
  kind: InvoiceLineKind;
  description: string;
  serviceId: string | null;
  quantity: number;
  unitAmountCents: number;
  totalCents: number;
  walletExpiresOn?: string | null | undefined;
}

export interface InvoiceDraft {
  lines: DraftLine[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
  taxRateBps: number;
}

/** Rounds numerator / denominator half up; both non-negative integers. */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** "8.75%" for 875 basis points. */
export function formatRate(basisPoints: number): string {
  return `${(basisPoints / 100).toString()}%`;
}

function tooLarge(field: string, what: string): ValidationError {
  return new ValidationError(`${what} is more than ${MAX_AMOUNT_CENTS} minor units.`, { field, code: 'amount_too_large' });
}

/**
 * The lines and totals of an invoice: the items, then a discount line for each line discount
 * (a member's price on particular services and products), then one discount line (on what is left),
 * then one tax line (the clinic's rate on the discounted subtotal, rounded half up to the
 * minor unit). A dollar credit sold (a gift card) is money held for later, not a sale: it
 * takes no discount and no tax (what it later pays for does). A service paid by a prepaid
 * unit was taxed when the units were sold. Integer arithmetic only.
 */
export function draftInvoice(input: {
  items: readonly BilledItem[];
  /** Discounts already worked out on particular lines (a member's price), before the invoice's own discount. */
  lineDiscounts?: readonly { description: string; amountCents: number }[] | undefined;
  discount?: Discount | undefined;
  taxRateBps: number;
}): InvoiceDraft {
  const lines: DraftLine[] = [];
  let subtotalCents = 0;
  let creditSoldCents = 0;
  for (const item of input.items) {
    const totalCents = item.quantity * item.unitAmountCents;
    if (totalCents > MAX_AMOUNT_CENTS) throw tooLarge(item.field, 'The line total');
    subtotalCents += totalCents;
    if (item.kind === 'wallet_credit') creditSoldCents += totalCents;
    if (subtotalCents > MAX_AMOUNT_CENTS) throw tooLarge(item.field, 'The invoice subtotal');
    lines.push({ position: lines.length + 1, ...withoutField(item), totalCents });
  }

  let lineDiscountCents = 0;
  for (const lineDiscount of input.lineDiscounts ?? []) {
    if (lineDiscount.amountCents <= 0) continue;
    lineDiscountCents += lineDiscount.amountCents;
    lines.push({
      position: lines.length + 1,
      kind: 'discount',
      description: lineDiscount.description,
      serviceId: null,
      quantity: 1,
      unitAmountCents: -lineDiscount.amountCents,
      totalCents: -lineDiscount.amountCents,
    });
  }
  if (lineDiscountCents > subtotalCents - creditSoldCents) throw new Error('line discounts exceed what they discount');
  const discountableCents = subtotalCents - creditSoldCents - lineDiscountCents;
  let discountCents = 0;
  if (input.discount) {
    if (input.discount.kind === 'amount') {
      if (input.discount.value > discountableCents) {
        throw new ValidationError(`The discount is more than the subtotal (${discountableCents}).`, {
          field: 'discount.value',
          code: 'discount_exceeds_subtotal',
        });
      }
      discountCents = input.discount.value;
    } else {
      discountCents = divideRoundingHalfUp(discountableCents * input.discount.value, 100);
    }
    if (discountCents > 0) {
      lines.push({
        position: lines.length + 1,
        kind: 'discount',
        description: input.discount.kind === 'percent' ? `Discount (${input.discount.value}%)` : 'Discount',
        serviceId: null,
        quantity: 1,
        unitAmountCents: -discountCents,
        totalCents: -discountCents,
      });
    }
  }

  const taxCents = divideRoundingHalfUp((discountableCents - discountCents) * input.taxRateBps, 10_000);
  if (taxCents > 0) {
    lines.push({
      position: lines.length + 1,
      kind: 'tax',
      description: `Tax (${formatRate(input.taxRateBps)})`,
      serviceId: null,
      quantity: 1,
      unitAmountCents: taxCents,
      totalCents: taxCents,
    });
  }
  const totalCents = subtotalCents - lineDiscountCents - discountCents + taxCents;
  if (totalCents > MAX_AMOUNT_CENTS) throw tooLarge('products', 'The invoice total');
  return { lines, subtotalCents, discountCents: lineDiscountCents + discountCents, taxCents, totalCents, taxRateBps: input.taxRateBps };
}

function withoutField(item: BilledItem): Omit<BilledItem, 'field'> {
  const { field: _field, ...line } = item;
  return line;
}
