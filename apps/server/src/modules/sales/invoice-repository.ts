import type { InvoiceKind, InvoiceStatus } from '@glowdesk/contracts';
import { and, asc, desc, eq, getTableColumns, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { isAnyOf, type Transaction } from '../../platform/database.ts';
import type { DraftLine } from './invoice-drafting.ts';
import { invoiceCounters, invoiceEvents, invoiceLines, invoicePayments, invoiceRefunds, invoices } from './sales-tables.ts';

export type InvoiceRecord = Omit<typeof invoices.$inferSelect, 'practiceId'>;
export type InvoiceInsert = Omit<typeof invoices.$inferInsert, 'practiceId' | 'id' | 'number'>;
export type InvoiceLineRecord = Omit<typeof invoiceLines.$inferSelect, 'practiceId' | 'invoiceId'>;
export type PaymentRecord = Omit<typeof invoicePayments.$inferSelect, 'practiceId'>;
export type PaymentInsert = Omit<typeof invoicePayments.$inferInsert, 'practiceId' | 'id'>;
export type RefundRecord = Omit<typeof invoiceRefunds.$inferSelect, 'practiceId'>;
export type RefundInsert = Omit<typeof invoiceRefunds.$inferInsert, 'practiceId' | 'id'>;
export type InvoiceEventRecord = Omit<typeof invoiceEvents.$inferSelect, 'practiceId'>;

const { practiceId: _invoicePractice, ...invoiceColumns } = getTableColumns(invoices);
const { practiceId: _paymentPractice, ...paymentColumns } = getTableColumns(invoicePayments);
const { practiceId: _refundPractice, ...refundColumns } = getTableColumns(invoiceRefunds);

/** The practice's next invoice number, taken in the caller's transaction (gap-free: a rollback gives it back). */
export async function takeInvoiceNumber(tx: Transaction, practiceId: string): Promise<number> {
  const [row] = await tx
    .insert(invoiceCounters)
    .values({ practiceId, lastNumber: 1 })
    .onConflictDoUpdate({ target: invoiceCounters.practiceId, set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` } })
    .returning({ lastNumber: invoiceCounters.lastNumber });
  if (!row) throw new Error('invoice counter returned no row');
  return row.lastNumber;
}

export async function insertInvoice(
  tx: Transaction,
  practiceId: string,
  number: number,
  invoice: InvoiceInsert,
  lines: readonly DraftLine[],
): Promise<InvoiceRecord> {
  const [row] = await tx
    .insert(invoices)
    .values({ ...invoice, practiceId, number })
    .returning(invoiceColumns);
  if (!row) throw new Error('insert into invoices returned no row');
  if (lines.length > 0) await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, practiceId, invoiceId: row.id })));
  return row;
}

export async function findInvoice(
  tx: Transaction,
  practiceId: string,
  invoiceId: string,
  options: { forUpdate?: boolean } = {},
): Promise<InvoiceRecord | undefined> {
  const query = tx
    .select(invoiceColumns)
    .from(invoices)
    .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, invoiceId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Invoices linked to the appointments, oldest first. */
export async function findInvoicesOfAppointments(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<InvoiceRecord[]> {
  if (appointmentIds.length === 0) return [];
  return tx
    .select(invoiceColumns)
    .from(invoices)
    .where(and(eq(invoices.practiceId, practiceId), isAnyOf(invoices.appointmentId, appointmentIds)))
    .orderBy(asc(invoices.createdAt), asc(invoices.number));
}

export async function updateInvoice(
  tx: Transaction,
  practiceId: string,
  invoiceId: string,
  changes: Partial<
    Pick<InvoiceRecord, 'status' | 'amountPaidCents' | 'amountRefundedCents' | 'paidAt' | 'voidedAt' | 'voidedBy' | 'voidReason'>
  >,
  now: Date,
): Promise<InvoiceRecord> {
  const [row] = await tx
    .update(invoices)
    .set({ ...changes, updatedAt: now, version: sql`${invoices.version} + 1` })
    .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, invoiceId)))
    .returning(invoiceColumns);
  if (!row) throw new Error(`invoice ${invoiceId} vanished during update`);
  return row;
}

export interface InvoiceFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  clinicId?: string | undefined;
  status?: InvoiceStatus | undefined;
  kind?: InvoiceKind | undefined;
  patientId?: string | undefined;
  appointmentId?: string | undefined;
}

export interface InvoiceCursor {
  createdAt: Date;
  id: string;
}

/** Newest first; `after` continues below the last row of the previous page. */
export async function listInvoices(
  tx: Transaction,
  practiceId: string,
  filter: InvoiceFilter,
  after: InvoiceCursor | undefined,
  limit: number,
): Promise<InvoiceRecord[]> {
  const conditions: (SQL | undefined)[] = [
    eq(invoices.practiceId, practiceId),
    filter.from ? gte(invoices.createdAt, filter.from) : undefined,
    filter.to ? lt(invoices.createdAt, filter.to) : undefined,
    filter.clinicId ? eq(invoices.clinicId, filter.clinicId) : undefined,
    filter.status ? eq(invoices.status, filter.status) : undefined,
    filter.kind ? eq(invoices.kind, filter.kind) : undefined,
    filter.patientId ? eq(invoices.patientId, filter.patientId) : undefined,
    filter.appointmentId ? eq(invoices.appointmentId, filter.appointmentId) : undefined,
    after
      ? or(lt(invoices.createdAt, after.createdAt), and(eq(invoices.createdAt, after.createdAt), lt(invoices.id, after.id)))
      : undefined,
  ];
  return tx
    .select(invoiceColumns)
    .from(invoices)
    .where(and(...conditions))
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(limit);
}

export async function listLines(tx: Transaction, practiceId: string, invoiceId: string): Promise<InvoiceLineRecord[]> {
  const rows = await tx
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.practiceId, practiceId), eq(invoiceLines.invoiceId, invoiceId)))
    .orderBy(asc(invoiceLines.position));
  return rows.map(({ practiceId: _practice, invoiceId: _invoice, ...line }) => line);
}

export async function listPayments(tx: Transaction, practiceId: string, invoiceId: string): Promise<PaymentRecord[]> {
  return tx
    .select(paymentColumns)
    .from(invoicePayments)
    .where(and(eq(invoicePayments.practiceId, practiceId), eq(invoicePayments.invoiceId, invoiceId)))
    .orderBy(asc(invoicePayments.attempt));
}

export async function findPayment(tx: Transaction, practiceId: string, paymentId: string): Promise<PaymentRecord | undefined> {
  const [row] = await tx
    .select(paymentColumns)
    .from(invoicePayments)
    .where(and(eq(invoicePayments.practiceId, practiceId), eq(invoicePayments.id, paymentId)));
  return row;
}

export async function findPaymentByRequestKey(tx: Transaction, practiceId: string, requestKey: string): Promise<PaymentRecord | undefined> {
  const [row] = await tx
    .select(paymentColumns)
    .from(invoicePayments)
    .where(and(eq(invoicePayments.practiceId, practiceId), eq(invoicePayments.requestKey, requestKey)));
  return row;
}

export async function insertPayment(tx: Transaction, practiceId: string, payment: PaymentInsert): Promise<PaymentRecord> {
  const [row] = await tx
    .insert(invoicePayments)
    .values({ ...payment, practiceId })
    .returning(paymentColumns);
  if (!row) throw new Error('insert into invoice_payments returned no row');
  return row;
}

export async function updatePayment(
  tx: Transaction,
  practiceId: string,
  paymentId: string,
  changes: Partial<
    Pick<PaymentRecord, 'status' | 'gateway' | 'gatewayChargeId' | 'failureCode' | 'failureMessage' | 'inFlightUntil' | 'settledAt'>
  >,
): Promise<PaymentRecord> {
  const [row] = await tx
    .update(invoicePayments)
    .set(changes)
    .where(and(eq(invoicePayments.practiceId, practiceId), eq(invoicePayments.id, paymentId)))
    .returning(paymentColumns);
  if (!row) throw new Error(`payment ${paymentId} vanished during update`);
  return row;
}

export async function listRefunds(tx: Transaction, practiceId: string, invoiceId: string): Promise<RefundRecord[]> {
  return tx
    .select(refundColumns)
    .from(invoiceRefunds)
    .where(and(eq(invoiceRefunds.practiceId, practiceId), eq(invoiceRefunds.invoiceId, invoiceId)))
    .orderBy(asc(invoiceRefunds.createdAt), asc(invoiceRefunds.id));
}

export async function findRefund(tx: Transaction, practiceId: string, refundId: string): Promise<RefundRecord | undefined> {
  const [row] = await tx
    .select(refundColumns)
    .from(invoiceRefunds)
    .where(and(eq(invoiceRefunds.practiceId, practiceId), eq(invoiceRefunds.id, refundId)));
  return row;
}

export async function findRefundByRequestKey(tx: Transaction, practiceId: string, requestKey: string): Promise<RefundRecord | undefined> {
  const [row] = await tx
    .select(refundColumns)
    .from(invoiceRefunds)
    .where(and(eq(invoiceRefunds.practiceId, practiceId), eq(invoiceRefunds.requestKey, requestKey)));
  return row;
}

export async function insertRefund(tx: Transaction, practiceId: string, refund: RefundInsert): Promise<RefundRecord> {
  const [row] = await tx
    .insert(invoiceRefunds)
    .values({ ...refund, practiceId })
    .returning(refundColumns);
  if (!row) throw new Error('insert into invoice_refunds returned no row');
  return row;
}

export async function updateRefund(
  tx: Transaction,
  practiceId: string,
  refundId: string,
  changes: Partial<Pick<RefundRecord, 'status' | 'gatewayRefundId' | 'failureCode' | 'failureMessage' | 'inFlightUntil' | 'settledAt'>>,
): Promise<RefundRecord> {
  const [row] = await tx
    .update(invoiceRefunds)
    .set(changes)
    .where(and(eq(invoiceRefunds.practiceId, practiceId), eq(invoiceRefunds.id, refundId)))
    .returning(refundColumns);
  if (!row) throw new Error(`refund ${refundId} vanished during update`);
  return row;
}

export async function insertEvent(
  tx: Transaction,
  practiceId: string,
  event: {
    invoiceId: string;
    actorStaffId: string | null;
    actorLabel: string | null;
    type: string;
    details: Record<string, unknown>;
    occurredAt: Date;
  },
): Promise<void> {
  await tx.insert(invoiceEvents).values({ ...event, practiceId });
}

export async function listEvents(tx: Transaction, practiceId: string, invoiceId: string): Promise<InvoiceEventRecord[]> {
  const rows = await tx
    .select()
    .from(invoiceEvents)
    .where(and(eq(invoiceEvents.practiceId, practiceId), eq(invoiceEvents.invoiceId, invoiceId)))
    .orderBy(asc(invoiceEvents.id));
  return rows.map(({ practiceId: _practice, ...event }) => event);
}

/** Invoices of one patient still owing money (unpaid, total above what was paid). */
export async function countUnpaidInvoices(tx: Transaction, practiceId: string, patientId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(invoices)
    .where(
      and(
        eq(invoices.practiceId, practiceId),
        eq(invoices.patientId, patientId),
        eq(invoices.status, 'unpaid'),
        lt(invoices.amountPaidCents, invoices.totalCents),
      ),
    );
  return row?.count ?? 0;
}
