import { invoiceKindLabels, type Invoice, type InvoicePayment, type InvoiceRefund, type InvoiceSummary } from '@glowdesk/contracts';
import type { PatientSummaryRecord } from '../patients/index.ts';
import type { InvoiceRecord, PaymentRecord, RefundRecord } from './invoice-repository.ts';
import { refundableOf } from './payment-outcomes.ts';
import type { InvoiceDetail } from './invoice-views.ts';

export function totalsOf(invoice: InvoiceRecord): InvoiceSummary['totals'] {
  return {
    subtotalCents: invoice.subtotalCents,
    discountCents: invoice.discountCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    amountPaidCents: invoice.amountPaidCents,
    amountRefundedCents: invoice.amountRefundedCents,
    balanceCents: invoice.totalCents - invoice.amountPaidCents,
  };
}

export function toInvoiceSummaryResponse(invoice: InvoiceRecord, patient: PatientSummaryRecord | null): InvoiceSummary {
  return {
    id: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    kindLabel: invoiceKindLabels[invoice.kind],
    status: invoice.status,
    patientId: invoice.patientId,
    patient: patient ? { id: patient.id, firstName: patient.firstName, lastName: patient.lastName } : null,
    clinicId: invoice.clinicId,
    appointmentId: invoice.appointmentId,
    currency: invoice.currency,
    totals: totalsOf(invoice),
    createdAt: invoice.createdAt.toISOString(),
  };
}

export function toPaymentResponse(payment: PaymentRecord, refunds: readonly RefundRecord[]): InvoicePayment {
  return {
    id: payment.id,
    attempt: payment.attempt,
    method: payment.method,
    status: payment.status,
    amountCents: payment.amountCents,
    currency: payment.currency,
    card:
      payment.paymentMethodId && payment.cardLast4
        ? { paymentMethodId: payment.paymentMethodId, brand: payment.cardBrand ?? 'unknown', last4: payment.cardLast4 }
        : null,
    gatewayChargeId: payment.gatewayChargeId,
    failureCode: payment.failureCode,
    failureMessage: payment.failureMessage,
    amountTenderedCents: payment.amountTenderedCents,
    changeDueCents: payment.changeDueCents,
    refundableCents: refundableOf(payment, refunds),
    createdAt: payment.createdAt.toISOString(),
    createdBy: payment.createdBy,
    settledAt: payment.settledAt?.toISOString() ?? null,
  };
}

export function toRefundResponse(refund: RefundRecord, staffNames: ReadonlyMap<string, string>): InvoiceRefund {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    method: refund.method,
    status: refund.status,
    amountCents: refund.amountCents,
    currency: refund.currency,
    reason: refund.reason,
    gatewayRefundId: refund.gatewayRefundId,
    failureCode: refund.failureCode,
    failureMessage: refund.failureMessage,
    createdAt: refund.createdAt.toISOString(),
    createdBy: refund.createdBy,
    createdByName: refund.createdBy ? (staffNames.get(refund.createdBy) ?? null) : null,
    settledAt: refund.settledAt?.toISOString() ?? null,
  };
}

export function toInvoiceResponse(detail: InvoiceDetail): Invoice {
  const { invoice, refunds } = detail;
  return {
    ...toInvoiceSummaryResponse(invoice, detail.patient),
    clinic: detail.clinicName ? { id: invoice.clinicId, name: detail.clinicName } : null,
    taxRateBps: invoice.taxRateBps,
    lines: detail.lines.map((line) => ({
      position: line.position,
      kind: line.kind,
      description: line.description,
      serviceId: line.serviceId,
      quantity: line.quantity,
      unitAmountCents: line.unitAmountCents,
      totalCents: line.totalCents,
    })),
    payments: detail.payments.map((payment) => toPaymentResponse(payment, refunds)),
    refunds: refunds.map((refund) => toRefundResponse(refund, detail.staffNames)),
    history: detail.events.map((event) => ({
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      actorStaffId: event.actorStaffId,
      actorName: event.actorStaffId ? (detail.staffNames.get(event.actorStaffId) ?? null) : event.actorLabel,
      type: event.type,
      details: event.details,
    })),
    appointment: detail.appointment
      ? {
          id: detail.appointment.id,
          status: detail.appointment.status,
          start: detail.appointment.startsAt.toISOString(),
          end: detail.appointment.endsAt.toISOString(),
          timeZone: detail.appointment.timeZone,
          providerId: detail.appointment.providerId,
          providerName: detail.appointment.providerName,
          services: detail.appointment.services,
        }
      : null,
    refundableCents: detail.payments.reduce((sum, payment) => sum + refundableOf(payment, refunds), 0),
    actions: detail.actions,
    paidAt: invoice.paidAt?.toISOString() ?? null,
    voidedAt: invoice.voidedAt?.toISOString() ?? null,
    voidReason: invoice.voidReason,
    createdBy: invoice.createdBy,
  };
}
