import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { draftInvoice, type BilledItem, type Discount } from './invoice-drafting.ts';
import { createInvoiceWithin, missingCard } from './invoice-ledger.ts';
import { type OpenedInvoice } from './open-fee-invoice.ts';
import { insertCardAttempt, insertCashPayment } from './record-payment.ts';
import { type ResolvedPayment } from './resolve-payment.ts';
import type { SalesContext } from './sales-dependencies.ts';

export interface CheckoutInvoiceRequest {
  appointmentId: string;
  patientId: string;
  clinicId: string;
  currency: string;
  services: { serviceId: string; name: string; priceCents: number }[];
  products: { name: string; unitPriceCents: number; quantity: number }[];
  discount: Discount | undefined;
  payment: ResolvedPayment;
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
  const draft = draftInvoice({ items, discount: request.discount, taxRateBps });
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
  if (invoice.totalCents === 0) return { invoice, pendingPayment: null };
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
