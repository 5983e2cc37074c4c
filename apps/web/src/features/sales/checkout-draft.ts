import type { WalletSale } from '@glowdesk/contracts';
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

/**
 * Something sold into the patient's wallet with the visit, as typed: a prepaid package
 * (units of a service at a unit price) or a dollar credit (a gift card or prepaid amount).
 * `expiresOn` is the last day it counts (YYYY-MM-DD from a date field), or empty for never.
 */
export type WalletSaleDraft =
  | {
      key: string;
      kind: 'prepaid';
      serviceId: string | null;
      /** Set for units of a product ("SPF 50 sunscreen") rather than of a service: the product's name as typed. */
      productName?: string;
      quantity: string;
      unitPrice: string;
      expiresOn: string;
    }
  | { key: string; kind: 'credit'; name: string; amount: string; expiresOn: string };

/** A service of the appointment, as the checkout lists it. */
export interface CheckoutService {
  position: number;
  serviceId: string;
  name: string;
  priceCents: number;
}

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

function sumOf(amountsCents: readonly number[]): number {
  return amountsCents.reduce((sum, amount) => sum + amount, 0);
}

/** What the discount and the tax apply to: everything but dollar credit sold (money held for later, taxed when spent). */
function discountableCentsOf(input: {
  servicePricesCents: readonly number[];
  products: readonly CheckoutProduct[];
  walletSales?: readonly WalletSale[] | undefined;
  redeemedPricesCents?: readonly number[] | undefined;
}): number {
  return (
    sumOf(input.servicePricesCents) +
    sumOf(input.products.map((product) => product.quantity * product.unitPriceCents)) +
    sumOf((input.walletSales ?? []).map((sale) => (sale.kind === 'prepaid' ? sale.quantity * sale.unitPriceCents : 0))) -
    sumOf(input.redeemedPricesCents ?? [])
  );
}

/**
 * The invoice the server will write, worked out the same way: the services as booked, the
 * products, the prepaid packages and dollar credit sold, less the services a prepaid unit pays,
 * make the subtotal; one discount (an amount, or a percent rounded half up) and the clinic's tax
 * (rounded half up to the minor unit) apply to all of it but the dollar credit sold.
 */
export function previewCheckoutTotals(input: {
  servicePricesCents: readonly number[];
  products: readonly CheckoutProduct[];
  /** Sold into the wallet with the visit. */
  walletSales?: readonly WalletSale[] | undefined;
  /** The price of each service a prepaid unit pays (a negative line each). */
  redeemedPricesCents?: readonly number[] | undefined;
  discount: CheckoutDiscount | undefined;
  taxRateBps: number;
}): CheckoutTotals {
  const discountableCents = discountableCentsOf(input);
  const creditSoldCents = sumOf((input.walletSales ?? []).map((sale) => (sale.kind === 'credit' ? sale.amountCents : 0)));
  const subtotalCents = discountableCents + creditSoldCents;
  let discountCents = 0;
  if (input.discount?.kind === 'amount') discountCents = Math.min(input.discount.value, discountableCents);
  if (input.discount?.kind === 'percent') discountCents = divideRoundingHalfUp(discountableCents * input.discount.value, 100);
  const taxCents = divideRoundingHalfUp((discountableCents - discountCents) * input.taxRateBps, 10_000);
  return { subtotalCents, discountCents, taxCents, totalCents: subtotalCents - discountCents + taxCents };
}

/** Units left of each service's prepaid packages (the wallet lists one entry per package bought). */
export function prepaidUnitsByService(prepaid: readonly { serviceId: string | null; remaining: number }[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const item of prepaid) {
    if (item.serviceId && item.remaining > 0) units.set(item.serviceId, (units.get(item.serviceId) ?? 0) + item.remaining);
  }
  return units;
}

/**
 * The services a prepaid unit pays, chosen by their position on the appointment: the ids the
 * API takes, their prices (for the totals), and a message when more are chosen of a service
 * than the wallet holds units of.
 */
export function readPrepaidRedemptions(
  services: readonly CheckoutService[],
  redeemedPositions: ReadonlySet<number>,
  unitsByService: ReadonlyMap<string, number>,
): { prepaidServiceIds: string[]; redeemedPricesCents: number[]; error: string | undefined } {
  const chosen = services.filter((service) => redeemedPositions.has(service.position) && service.priceCents > 0);
  const counted = new Map<string, number>();
  let error: string | undefined;
  for (const service of chosen) {
    const count = (counted.get(service.serviceId) ?? 0) + 1;
    counted.set(service.serviceId, count);
    const left = unitsByService.get(service.serviceId) ?? 0;
    if (count > left) error ??= `The client has ${left} prepaid ${service.name} left; ${count} cannot be paid from the wallet.`;
  }
  return {
    prepaidServiceIds: chosen.map((service) => service.serviceId),
    redeemedPricesCents: chosen.map((service) => service.priceCents),
    error,
  };
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads what the form sells into the wallet: the `walletSales` to send, and a message for each
 * field that cannot be sent as typed (`walletSales[0].service`, `walletSales[1].amount`, …).
 */
export function readWalletSales(
  drafts: readonly WalletSaleDraft[],
  services: readonly { id: string; name: string }[],
  currency: string,
): { walletSales: WalletSale[]; errors: CheckoutFieldErrors } {
  const errors: CheckoutFieldErrors = {};
  const walletSales: WalletSale[] = [];
  drafts.forEach((draft, index) => {
    const field = `walletSales[${index}]`;
    const expiresOn = draft.expiresOn.trim();
    if (expiresOn !== '' && !LOCAL_DATE.test(expiresOn)) errors[`${field}.expiresOn`] = 'Pick a date, or leave it empty for no expiry.';
    const expiry = expiresOn !== '' && LOCAL_DATE.test(expiresOn) ? { expiresOn } : {};
    if (draft.kind === 'credit') {
      const amount = parseAmount(draft.amount, currency);
      if (amount.status === 'blank') errors[`${field}.amount`] = 'Enter the amount of credit sold.';
      else if (amount.status === 'invalid') errors[`${field}.amount`] = amount.message;
      else if (amount.amountCents <= 0) errors[`${field}.amount`] = 'Must be more than zero.';
      const name = draft.name.trim();
      if (name.length > 200) errors[`${field}.name`] = 'Keep the description under 200 characters.';
      if (amount.status === 'valid' && amount.amountCents > 0 && !errors[`${field}.name`] && !errors[`${field}.expiresOn`]) {
        walletSales.push({ kind: 'credit', amountCents: amount.amountCents, ...(name ? { name } : {}), ...expiry });
      }
      return;
    }
    // What the units are of: one of the clinic's services, or a product named as typed.
    let item: { name: string; serviceId?: string } | undefined;
    if (draft.productName !== undefined) {
      const productName = draft.productName.trim();
      if (!productName) errors[`${field}.name`] = 'Name the product the package is for.';
      else if (productName.length > 200) errors[`${field}.name`] = 'Keep the product name under 200 characters.';
      else item = { name: productName };
    } else {
      const service = services.find((candidate) => candidate.id === draft.serviceId);
      if (!service) errors[`${field}.service`] = 'Choose the service the package is for.';
      else item = { name: service.name, serviceId: service.id };
    }
    const quantity = Number(draft.quantity.trim());
    if (!/^\d+$/.test(draft.quantity.trim()) || quantity < 1 || quantity > MAX_QUANTITY) {
      errors[`${field}.quantity`] = `Use a whole number from 1 to ${MAX_QUANTITY}.`;
    }
    const price = parseAmount(draft.unitPrice, currency);
    if (price.status === 'blank') errors[`${field}.unitPrice`] = 'Enter the price of one unit.';
    else if (price.status === 'invalid') errors[`${field}.unitPrice`] = price.message;
    if (item && price.status === 'valid' && !errors[`${field}.quantity`] && !errors[`${field}.expiresOn`]) {
      walletSales.push({ kind: 'prepaid', ...item, quantity, unitPriceCents: price.amountCents, ...expiry });
    }
  });
  return { walletSales, errors };
}

/**
 * Reads the checkout form: the products and discount to send, and a message for every field
 * that cannot be sent as typed. Rows with nothing typed in them are left out.
 */
export function readCheckoutDraft(
  draft: {
    products: readonly ProductDraft[];
    discount: DiscountDraft;
    servicePricesCents: readonly number[];
    /** Read already (readWalletSales): prepaid packages count towards what a discount may take. */
    walletSales?: readonly WalletSale[] | undefined;
    redeemedPricesCents?: readonly number[] | undefined;
  },
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
  // A gift card sold takes no discount: an amount may be at most what is left without it.
  const subtotalCents = discountableCentsOf({
    servicePricesCents: draft.servicePricesCents,
    products,
    walletSales: draft.walletSales,
    redeemedPricesCents: draft.redeemedPricesCents,
  });
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
