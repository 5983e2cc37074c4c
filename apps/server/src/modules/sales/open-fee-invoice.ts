import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { type Transaction } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import { draftInvoice } from './invoice-drafting.ts';
import { createInvoiceWithin } from './invoice-ledger.ts';
import type { InvoiceRecord, PaymentRecord } from './invoice-repository.ts';
import { insertCardAttempt } from './record-payment.ts';
import type { SalesContext } from './sales-dependencies.ts';

export interface FeeInvoiceRequest {
  appointmentId: string;
  patientId: string;
  clinicId: string;
  kind: 'cancellation_fee' | 'no_show_fee';
  amountCents: number;
  currency: string;
  description: string;
  /** The card authorized at booking (Glowdesk's payment-method id). */
  paymentMethodId: string;
}

export interface OpenedInvoice {
  invoice: InvoiceRecord;
  /** The card attempt to charge next, or null when nothing is left to charge (cash, zero total). */
  pendingPayment: PaymentRecord | null;
}

/**
 * Opens the fee invoice of an appointment and writes its card attempt, inside the
 * caller's transaction (with the cancel or no-show it belongs to). Charge it with
 * `chargePayment` after the transaction commits.
 */
export async function openFeeInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor | PatientBillingActor,
  request: FeeInvoiceRequest,
  meta: RequestMeta,
): Promise<OpenedInvoice> {
  const draft = draftInvoice({
    items: [
      {
        kind: 'fee',
        description: request.description,
        serviceId: null,
        quantity: 1,
        unitAmountCents: request.amountCents,
        field: 'chargeFee',
      },
    ],
    taxRateBps: 0,
  });
  const invoice = await createInvoiceWithin(
    deps,
    tx,
    actor,
    {
      kind: request.kind,
      patientId: request.patientId,
      clinicId: request.clinicId,
      appointmentId: request.appointmentId,
      currency: request.currency,
    },
    draft,
    meta,
  );
  const pendingPayment = await insertCardAttempt(
    deps,
    tx,
    actor,
    invoice,
    { method: 'card_on_file', paymentMethodId: request.paymentMethodId, amountCents: invoice.totalCents, requestKey: null },
    meta,
    () =>
      new ConflictError('The card entered at booking is no longer on file, so no fee can be charged.', 'no_card_on_file', {
        field: 'chargeFee',
      }),
  );
  return { invoice, pendingPayment };
}
