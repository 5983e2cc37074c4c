export {
  createSalesService,
  salesRoles,
  type AppointmentLink,
  type CheckoutInvoiceRequest,
  type ClinicAddress,
  type FeeInvoiceRequest,
  type InvoiceAppointmentSummary,
  type InvoiceDetail,
  type OpenedInvoice,
  type ResolvedPayment,
  type SalesService,
} from './sales-service.ts';
export { salesRoutes } from './sales-routes.ts';
export { feeOutcomeOf, refundableOf } from './payment-outcomes.ts';
export { toInvoiceResponse, toInvoiceSummaryResponse } from './invoice-responses.ts';
export { idempotencyKeyOf } from './idempotency-key-header.ts';
export { formatMoney } from './format-money.ts';
export type { InvoiceRecord, PaymentRecord, RefundRecord } from './invoice-repository.ts';
export type { CancellationPolicyRecord } from './billing-settings-repository.ts';
export { DEFAULT_CANCELLATION_WINDOW_HOURS, defaultPolicyText, type ClinicFeeSettings } from './billing-settings-service.ts';
