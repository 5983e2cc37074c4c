import { type FeeOutcome } from '@glowdesk/contracts';
import { type Transaction } from '../../platform/database.ts';
import { requireInvoice } from './invoice-ledger.ts';
import type { InvoiceRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import { feeOutcomeOf } from './payment-outcomes.ts';

/** Every invoice of the appointments, oldest first (fee invoices and checkouts). */
export async function invoicesOfAppointmentsWithin(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<Map<string, InvoiceRecord[]>> {
  const byAppointment = new Map<string, InvoiceRecord[]>();
  for (const invoice of await repository.findInvoicesOfAppointments(tx, practiceId, appointmentIds)) {
    if (!invoice.appointmentId) continue;
    const list = byAppointment.get(invoice.appointmentId) ?? [];
    list.push(invoice);
    byAppointment.set(invoice.appointmentId, list);
  }
  return byAppointment;
}

/**
 * The appointment's latest cancellation or no-show fee with money received (what a fee
 * receipt names): the amount paid, in the invoice's currency.
 */
export async function latestChargedFeeWithin(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
): Promise<{ kind: 'cancellation_fee' | 'no_show_fee'; amountMinor: number; currency: string } | undefined> {
  const invoices = await repository.findInvoicesOfAppointments(tx, practiceId, [appointmentId]);
  const charged = invoices.filter(
    (invoice): invoice is InvoiceRecord & { kind: 'cancellation_fee' | 'no_show_fee' } =>
      (invoice.kind === 'cancellation_fee' || invoice.kind === 'no_show_fee') && invoice.amountPaidCents > 0,
  );
  const latest = charged.at(-1);
  return latest ? { kind: latest.kind, amountMinor: latest.amountPaidCents, currency: latest.currency } : undefined;
}

/** The fee invoice of a kind and its latest payment attempt, as the fee's outcome (replays, restore). */
export async function feeOutcomeWithin(tx: Transaction, practiceId: string, invoiceId: string): Promise<FeeOutcome> {
  const invoice = await requireInvoice(tx, practiceId, invoiceId);
  const payments = await repository.listPayments(tx, practiceId, invoiceId);
  return feeOutcomeOf(invoice, payments.at(-1));
}
