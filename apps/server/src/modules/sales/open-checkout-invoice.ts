import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { WalletSale } from '@glowdesk/contracts';
import { runRead, type Transaction } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { divideRoundingHalfUp, draftInvoice, type BilledItem, type Discount } from './invoice-drafting.ts';
import { createInvoiceWithin, missingCard } from './invoice-ledger.ts';
import { type OpenedInvoice } from './open-fee-invoice.ts';
import { insertCardAttempt, insertCashPayment, insertWalletPayment } from './record-payment.ts';
import { type ResolvedPayment } from './resolve-payment.ts';
import type { MemberDiscountRule, SalesContext } from './sales-dependencies.ts';

export interface CheckoutInvoiceRequest {
  appointmentId: string;
  patientId: string;
  clinicId: string;
  currency: string;
  services: { serviceId: string; name: string; priceCents: number }[];
  products: { name: string; unitPriceCents: number; quantity: number }[];
  discount: Discount | undefined;
  /** Dollar credit and prepaid units sold into the patient's wallet with the visit. */
  walletSales: WalletSale[];
  /** The appointment's services paid by a prepaid unit each. */
  prepaidServiceIds: string[];
  payment: ResolvedPayment;
}

/** The wallet lines of a checkout: what it sells into the wallet, and the services prepaid units pay. */
async function walletItemsOf(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor,
  request: CheckoutInvoiceRequest,
): Promise<BilledItem[]> {
  const items: BilledItem[] = [];
  if (request.walletSales.length > 0) await deps.wallet.checkCurrencyWithin(tx, actor.practiceId, request.currency, 'walletSales');
  const soldServiceIds = request.walletSales.flatMap((sale) => (sale.kind === 'prepaid' && sale.serviceId ? [sale.serviceId] : []));
  const knownServices =
    soldServiceIds.length > 0 ? await runRead(tx, deps.serviceFees.serviceFeesRead(actor.practiceId, soldServiceIds)) : new Map();
  request.walletSales.forEach((sale, index) => {
    const field = `walletSales[${index}]`;
    if (sale.kind === 'credit') {
      items.push({
        kind: 'wallet_credit',
        description: sale.name ?? 'Gift card',
        serviceId: null,
        quantity: 1,
        unitAmountCents: sale.amountCents,
        field,
        walletExpiresOn: sale.expiresOn ?? null,
      });
      return;
    }
    if (sale.serviceId && !knownServices.has(sale.serviceId)) throw new NotFoundError('Service', `${field}.serviceId`);
    items.push({
      kind: 'prepaid',
      description: sale.name,
      serviceId: sale.serviceId ?? null,
      quantity: sale.quantity,
      unitAmountCents: sale.unitPriceCents,
      field,
      walletExpiresOn: sale.expiresOn ?? null,
    });
  });
  const unprepaid = [...request.services];
  request.prepaidServiceIds.forEach((serviceId, index) => {
    const field = `prepaidServiceIds[${index}]`;
    const at = unprepaid.findIndex((service) => service.serviceId === serviceId);
    const service = unprepaid[at];
    if (!service) {
      throw new ValidationError('Only a service of this appointment, once per booking of it, can be paid by a prepaid unit.', {
        field,
        code: 'service_not_on_appointment',
      });
    }
    if (service.priceCents === 0) {
      throw new ValidationError(`${service.name} costs nothing at this visit; there is nothing for a prepaid unit to pay.`, {
        field,
        code: 'nothing_to_prepay',
      });
    }
    unprepaid.splice(at, 1);
    items.push({
      kind: 'prepaid_redemption',
      description: `${service.name} (prepaid)`,
      serviceId,
      quantity: 1,
      unitAmountCents: -service.priceCents,
      field,
    });
  });
  return items;
}

/**
 * A member's price: each service and product line the patient's memberships cover takes the
 * best percent among them (rounded half up per line), summed per plan into one discount line
 * named after it. A line a prepaid unit pays is not discounted (it costs nothing today).
 */
async function memberDiscountLinesOf(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  request: CheckoutInvoiceRequest,
): Promise<{ description: string; amountCents: number }[]> {
  const rules = await deps.memberDiscounts.memberDiscountsWithin(tx, practiceId, request.patientId);
  if (rules.length === 0) return [];
  const byPlan = new Map<string, { percent: number; amountCents: number }>();
  const apply = (covers: (rule: MemberDiscountRule) => boolean, lineCents: number) => {
    let best: MemberDiscountRule | undefined;
    for (const rule of rules) if (covers(rule) && (!best || rule.percent > best.percent)) best = rule;
    if (!best || lineCents <= 0) return;
    const current = byPlan.get(best.planName) ?? { percent: best.percent, amountCents: 0 };
    byPlan.set(best.planName, { ...current, amountCents: current.amountCents + divideRoundingHalfUp(lineCents * best.percent, 100) });
  };
  const prepaid = [...request.prepaidServiceIds];
  for (const service of request.services) {
    const at = prepaid.indexOf(service.serviceId);
    if (at >= 0) {
      prepaid.splice(at, 1);
      continue;
    }
    apply((rule) => rule.serviceIds.includes(service.serviceId), service.priceCents);
  }
  for (const product of request.products) {
    const name = product.name.trim().toLowerCase();
    apply((rule) => rule.productNames.includes(name), product.unitPriceCents * product.quantity);
  }
  return [...byPlan.entries()].map(([planName, discount]) => ({
    description: `Member price: ${planName} (${discount.percent}%)`.slice(0, 300),
    amountCents: discount.amountCents,
  }));
}

/** Opens the checkout invoice of an appointment inside the caller's transaction; cash and zero totals are paid at once. */
export async function openCheckoutInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor,
  request: CheckoutInvoiceRequest,
  meta: RequestMeta,
): Promise<OpenedInvoice> {
  const { settings } = deps;
  const taxRateBps = (await settings.feeSettingsWithin(tx, actor.practiceId, [request.clinicId])).get(request.clinicId)?.taxRateBps ?? 0;
  const items: BilledItem[] = [
    ...request.services.map((service, index) => ({
      kind: 'service' as const,
      description: service.name,
      serviceId: service.serviceId,
      quantity: 1,
      unitAmountCents: service.priceCents,
      field: `services[${index}]`,
    })),
    ...request.products.map((product, index) => ({
      kind: 'product' as const,
      description: product.name,
      serviceId: null,
      quantity: product.quantity,
      unitAmountCents: product.unitPriceCents,
      field: `products[${index}]`,
    })),
  ];
  items.push(...(await walletItemsOf(deps, tx, actor, request)));
  const lineDiscounts = await memberDiscountLinesOf(deps, tx, actor.practiceId, request);
  const draft = draftInvoice({ items, lineDiscounts, discount: request.discount, taxRateBps });
  const invoice = await createInvoiceWithin(
    deps,
    tx,
    actor,
    {
      kind: 'service',
      patientId: request.patientId,
      clinicId: request.clinicId,
      appointmentId: request.appointmentId,
      currency: request.currency,
    },
    draft,
    meta,
  );
  const prepaid = new Map<string, { name: string; quantity: number; field: string }>();
  request.prepaidServiceIds.forEach((serviceId, index) => {
    const name = request.services.find((service) => service.serviceId === serviceId)?.name ?? serviceId;
    const counted = prepaid.get(serviceId) ?? { name, quantity: 0, field: `prepaidServiceIds[${index}]` };
    prepaid.set(serviceId, { ...counted, quantity: counted.quantity + 1 });
  });
  for (const [serviceId, redemption] of prepaid) {
    await deps.wallet.redeemPrepaidWithin(
      tx,
      actor.practiceId,
      actor,
      {
        patientId: request.patientId,
        serviceId,
        serviceName: redemption.name,
        quantity: redemption.quantity,
        invoiceId: invoice.id,
        field: redemption.field,
      },
      meta,
    );
  }
  if (invoice.totalCents === 0) return { invoice, pendingPayment: null };
  if (request.payment.method === 'wallet_credit') {
    const paid = await insertWalletPayment(
      deps,
      tx,
      actor,
      invoice,
      { amountCents: invoice.totalCents, balance: request.payment.balance, requestKey: null, field: 'payment.balance' },
      meta,
      'by_checkout',
    );
    return { invoice: paid.invoice, pendingPayment: null };
  }
  if (request.payment.method === 'cash') {
    const paid = await insertCashPayment(
      deps,
      tx,
      actor,
      invoice,
      { amountCents: invoice.totalCents, amountTenderedCents: request.payment.amountTenderedCents, requestKey: null },
      meta,
      'by_checkout',
    );
    return { invoice: paid.invoice, pendingPayment: null };
  }
  const pendingPayment = await insertCardAttempt(
    deps,
    tx,
    actor,
    invoice,
    {
      method: request.payment.method,
      paymentMethodId: request.payment.paymentMethodId,
      amountCents: invoice.totalCents,
      requestKey: null,
    },
    meta,
    missingCard('payment.paymentMethodId'),
  );
  return { invoice, pendingPayment };
}
