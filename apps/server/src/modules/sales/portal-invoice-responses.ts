import {
  cardBrandSchema,
  invoiceKindLabels,
  invoiceStatusLabels,
  type PortalInvoice,
  type PortalInvoicePayment,
  type PortalInvoiceSummary,
} from '@glowdesk/contracts';
import type { InvoiceRecord, PaymentRecord } from './invoice-repository.ts';
import type { InvoiceDetail } from './invoice-views.ts';
import { totalsOf } from './invoice-responses.ts';

function cardBrandOf(brand: string | null) {
  const parsed = cardBrandSchema.safeParse(brand);
  return parsed.success ? parsed.data : 'unknown';
}

/** An invoice as the patient sees it in Payment History: no staff, no gateway ids. */
export function toPortalInvoiceSummary(invoice: InvoiceRecord, clinicName: string | null): PortalInvoiceSummary {
  return {
    id: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    kindLabel: invoiceKindLabels[invoice.kind],
    status: invoice.status,
    statusLabel: invoiceStatusLabels[invoice.status],
    currency: invoice.currency,
    totals: totalsOf(invoice),
    clinicName,
    createdAt: invoice.createdAt.toISOString(),
    paidAt: invoice.paidAt?.toISOString() ?? null,
  };
}

export function toPortalPayment(payment: PaymentRecord): PortalInvoicePayment {
  return {
    id: payment.id,
    method: payment.method,
    status: payment.status,
    amountCents: payment.amountCents,
    currency: payment.currency,
    card: payment.cardLast4 ? { brand: cardBrandOf(payment.cardBrand), last4: payment.cardLast4 } : null,
    failureMessage: payment.status === 'failed' ? payment.failureMessage : null,
    createdAt: payment.createdAt.toISOString(),
    settledAt: payment.settledAt?.toISOString() ?? null,
  };
}

export function toPortalInvoice(detail: InvoiceDetail): PortalInvoice {
  const { invoice, appointment } = detail;
  return {
    ...toPortalInvoiceSummary(invoice, detail.clinicName),
    lines: detail.lines.map((line) => ({
      position: line.position,
      kind: line.kind,
      description: line.description,
      serviceId: line.serviceId,
      quantity: line.quantity,
      unitAmountCents: line.unitAmountCents,
      totalCents: line.totalCents,
    })),
    payments: detail.payments.map(toPortalPayment),
    refunds: detail.refunds
      .filter((refund) => refund.status !== 'failed')
      .map((refund) => ({
        id: refund.id,
        method: refund.method,
        status: refund.status,
        amountCents: refund.amountCents,
        currency: refund.currency,
        createdAt: refund.createdAt.toISOString(),
      })),
    appointment: appointment
      ? {
          start: appointment.startsAt.toISOString(),
          timeZone: appointment.timeZone,
          providerName: appointment.providerName,
          services: appointment.services.map((service) => service.name),
        }
      : null,
    canPay: detail.actions.pay,
  };
}
