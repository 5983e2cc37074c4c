import { formatMoney, parseAmount } from '../../shared/format/money.ts';

/** A product row as typed in the checkout form. */
export interface ProductDraft {
  /** Stable React key for the row. */
  key: string;
  name: string;
  quantity: string;
  unitPrice: string;
}

export type DiscountDraft = { kind: 'none' } | { kind: 'percent'; value: string } | { kind: 'amount'; value: string };

export interface CheckoutProduct {
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export type CheckoutDiscount = { kind: 'percent'; value: number } | { kind: 'amount'; value: number };

export interface CheckoutTotals {
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

/** Field messages keyed like the request: `products[0].name`, `products[1].unitPrice`, `discount`. */
export type CheckoutFieldErrors = Record<string, string>;

const MAX_QUANTITY = 1000;

/** numerator / denominator rounded half up, as the server rounds discounts and tax (integers only). */
function divideRoundingHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * The invoice the server will write, worked out the same way: the services as booked plus the
 * products make the subtotal; one discount (an amount, or a percent of the subtotal rounded half
 * up); the clinic's tax on the discounted subtotal, rounded half up to the minor unit.
 */
export function previewCheckoutTotals(input: {
  servicePricesCents: readonly number[];
  products: readonly CheckoutProduct[];
  discount: CheckoutDiscount | undefined;
  taxRateBps: number;
}): CheckoutTotals {
  const subtotalCents =
    input.servicePricesCents.reduce((sum, price) => sum + price, 0) +
    input.products.reduce((sum, product) => sum + product.quantity * product.unitPriceCents, 0);
  let discountCents = 0;
  if (input.discount?.kind === 'amount') discountCents = Math.min(input.discount.value, subtotalCents);
  if (input.discount?.kind === 'percent') discountCents = divideRoundingHalfUp(subtotalCents * input.discount.value, 100);
  const taxCents = divideRoundingHalfUp((subtotalCents - discountCents) * input.taxRateBps, 10_000);
  return { subtotalCents, discountCents, taxCents, totalCents: subtotalCents - discountCents + taxCents };
}

/**
 * Reads the checkout form: the products and discount to send, and a message for every field
 * that cannot be sent as typed. Rows with nothing typed in them are left out.
 */
export function readCheckoutDraft(
  draft: { products: readonly ProductDraft[]; discount: DiscountDraft; servicePricesCents: readonly number[] },
  currency: string,
): { products: CheckoutProduct[]; discount: CheckoutDiscount | undefined; errors: CheckoutFieldErrors } {
  const errors: CheckoutFieldErrors = {};
  const products: CheckoutProduct[] = [];
  draft.products.forEach((row, index) => {
    const name = row.name.trim();
    if (!name && !row.unitPrice.trim() && (!row.quantity.trim() || row.quantity.trim() === '1')) return;
    const field = `products[${index}]`;
    if (!name) errors[`${field}.name`] = 'Name the product.';
    const quantity = Number(row.quantity.trim());
    if (!/^\d+$/.test(row.quantity.trim()) || quantity < 1 || quantity > MAX_QUANTITY) {
      errors[`${field}.quantity`] = `Use a whole number from 1 to ${MAX_QUANTITY}.`;
    }
    const price = parseAmount(row.unitPrice, currency);
    if (price.status === 'blank') errors[`${field}.unitPrice`] = 'Enter the unit price.';
    else if (price.status === 'invalid') errors[`${field}.unitPrice`] = price.message;
    else if (price.amountCents <= 0) errors[`${field}.unitPrice`] = 'Must be more than zero.';
    if (name && price.status === 'valid' && price.amountCents > 0 && !errors[`${field}.quantity`]) {
      products.push({ name, quantity, unitPriceCents: price.amountCents });
    }
  });

  let discount: CheckoutDiscount | undefined;
  const subtotalCents = previewCheckoutTotals({
    servicePricesCents: draft.servicePricesCents,
    products,
    discount: undefined,
    taxRateBps: 0,
  }).subtotalCents;
  switch (draft.discount.kind) {
    case 'none':
      break;
    case 'percent': {
      const text = draft.discount.value.trim();
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < 1 || value > 100) errors.discount = 'Use a whole percentage from 1 to 100.';
      else discount = { kind: 'percent', value };
      break;
    }
    case 'amount': {
      const amount = parseAmount(draft.discount.value, currency);
      if (amount.status === 'blank') errors.discount = 'Enter the discount amount, or choose no discount.';
      else if (amount.status === 'invalid') errors.discount = amount.message;
      else if (amount.amountCents <= 0) errors.discount = 'Must be more than zero.';
      else if (amount.amountCents > subtotalCents) {
        errors.discount = `The discount is more than the subtotal (${formatMoney(subtotalCents, currency)}).`;
      } else discount = { kind: 'amount', value: amount.amountCents };
      break;
    }
  }
  return { products, discount, errors };
}
