import type { InvoiceKind, InvoiceStatus } from '@glowdesk/contracts';
import { and, asc, desc, eq, getTableColumns, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { insertByColumns, isAnyOf, type Transaction } from '../../platform/database.ts';
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

// ── Batches (membership billing): many invoices and payments of one practice per statement ──

/** Takes `count` consecutive invoice numbers in one counter update (gap-free like `takeInvoiceNumber`); the first of them. */
export async function takeInvoiceNumbers(tx: Transaction, practiceId: string, count: number): Promise<number> {
  const [row] = await tx
    .insert(invoiceCounters)
    .values({ practiceId, lastNumber: count })
    .onConflictDoUpdate({ target: invoiceCounters.practiceId, set: { lastNumber: sql`${invoiceCounters.lastNumber} + ${count}` } })
    .returning({ lastNumber: invoiceCounters.lastNumber });
  if (!row) throw new Error('invoice counter returned no row');
  return row.lastNumber - count + 1;
}

/** Inserts invoices (each with its number) and their lines, two statements in all; the invoices in the order given. */
export async function insertInvoices(
  tx: Transaction,
  practiceId: string,
  rows: readonly { number: number; invoice: InvoiceInsert; lines: readonly DraftLine[] }[],
): Promise<InvoiceRecord[]> {
  if (rows.length === 0) return [];
  const inserted = await insertByColumns(
    tx,
    invoices,
    rows.map((row) => ({ ...row.invoice, practiceId, number: row.number })),
    { returning: ['id', 'number'] },
  );
  const idOf = new Map(inserted.map((row) => [Number(row.number), String(row.id)]));
  const ordered = rows.map(({ number, invoice }): InvoiceRecord => {
    const id = idOf.get(number);
    if (!id) throw new Error(`invoice ${number} was not inserted`);
    return {
      id,
      number,
      kind: invoice.kind,
      status: invoice.status,
      patientId: invoice.patientId,
      clinicId: invoice.clinicId,
      appointmentId: invoice.appointmentId ?? null,
      currency: invoice.currency,
      subtotalCents: invoice.subtotalCents,
      discountCents: invoice.discountCents ?? 0,
      taxCents: invoice.taxCents ?? 0,
      totalCents: invoice.totalCents,
      amountPaidCents: invoice.amountPaidCents ?? 0,
      amountRefundedCents: invoice.amountRefundedCents ?? 0,
      taxRateBps: invoice.taxRateBps ?? 0,
      createdAt: invoice.createdAt ?? new Date(),
      createdBy: invoice.createdBy ?? null,
      paidAt: invoice.paidAt ?? null,
      voidedAt: invoice.voidedAt ?? null,
      voidedBy: invoice.voidedBy ?? null,
      voidReason: invoice.voidReason ?? null,
      updatedAt: invoice.updatedAt ?? new Date(),
      version: 1,
    };
  });
  const lines = rows.flatMap((row, index) =>
    row.lines.map((line) => ({ ...line, walletExpiresOn: line.walletExpiresOn ?? null, practiceId, invoiceId: ordered[index]?.id ?? '' })),
  );
  await insertByColumns(tx, invoiceLines, lines);
  return ordered;
}

/** Inserts payments in one statement; returned in the order given. */
export async function insertPayments(tx: Transaction, practiceId: string, rows: readonly PaymentInsert[]): Promise<PaymentRecord[]> {
  if (rows.length === 0) return [];
  const inserted = await insertByColumns(
    tx,
    invoicePayments,
    rows.map((row) => ({ ...row, practiceId })),
    { returning: ['id', 'invoice_id', 'attempt'] },
  );
  const idOf = new Map(inserted.map((row) => [`${String(row.invoice_id)}:${Number(row.attempt)}`, String(row.id)]));
  return rows.map((row): PaymentRecord => {
    const id = idOf.get(`${row.invoiceId}:${row.attempt}`);
    if (!id) throw new Error(`payment ${row.attempt} of invoice ${row.invoiceId} was not inserted`);
    return {
      id,
      invoiceId: row.invoiceId,
      attempt: row.attempt,
      method: row.method,
      paymentMethodId: row.paymentMethodId ?? null,
      cardBrand: row.cardBrand ?? null,
      cardLast4: row.cardLast4 ?? null,
      amountCents: row.amountCents,
      currency: row.currency,
      status: row.status,
      idempotencyKey: row.idempotencyKey,
      requestKey: row.requestKey ?? null,
      requestFingerprint: row.requestFingerprint ?? null,
      gateway: row.gateway ?? null,
      gatewayChargeId: row.gatewayChargeId ?? null,
      failureCode: row.failureCode ?? null,
      failureMessage: row.failureMessage ?? null,
      amountTenderedCents: row.amountTenderedCents ?? null,
      changeDueCents: row.changeDueCents ?? null,
      inFlightUntil: row.inFlightUntil ?? null,
      createdAt: row.createdAt ?? new Date(),
      createdBy: row.createdBy ?? null,
      settledAt: row.settledAt ?? null,
    };
  });
}

export async function insertEvents(
  tx: Transaction,
  practiceId: string,
  events: readonly {
    invoiceId: string;
    actorStaffId: string | null;
    actorLabel: string | null;
    type: string;
    details: Record<string, unknown>;
    occurredAt: Date;
  }[],
): Promise<void> {
  await insertByColumns(
    tx,
    invoiceEvents,
    events.map((event) => ({ ...event, practiceId })),
  );
}

export async function findInvoices(
  tx: Transaction,
  practiceId: string,
  invoiceIds: readonly string[],
  options: { forUpdate?: boolean } = {},
): Promise<Map<string, InvoiceRecord>> {
  if (invoiceIds.length === 0) return new Map();
  const query = tx
    .select(invoiceColumns)
    .from(invoices)
    .where(and(eq(invoices.practiceId, practiceId), isAnyOf(invoices.id, invoiceIds)))
    .orderBy(asc(invoices.id));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return new Map(rows.map((row) => [row.id, row]));
}

export async function findPayments(
  tx: Transaction,
  practiceId: string,
  paymentIds: readonly string[],
): Promise<Map<string, PaymentRecord>> {
  if (paymentIds.length === 0) return new Map();
  const rows = await tx
    .select(paymentColumns)
    .from(invoicePayments)
    .where(and(eq(invoicePayments.practiceId, practiceId), isAnyOf(invoicePayments.id, paymentIds)));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The payments of these invoices, each invoice's oldest attempt first. */
export async function listPaymentsOfInvoices(tx: Transaction, practiceId: string, invoiceIds: readonly string[]): Promise<PaymentRecord[]> {
  if (invoiceIds.length === 0) return [];
  return tx
    .select(paymentColumns)
    .from(invoicePayments)
    .where(and(eq(invoicePayments.practiceId, practiceId), isAnyOf(invoicePayments.invoiceId, invoiceIds)))
    .orderBy(asc(invoicePayments.invoiceId), asc(invoicePayments.attempt));
}

/** What one payment's settlement writes (see `updatePayment`); null where a column is cleared. */
export interface PaymentSettlement {
  id: string;
  status: PaymentRecord['status'];
  gatewayChargeId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  settledAt: Date | null;
}

/** Settles many payments in one statement; each one's in-flight mark is cleared. */
export async function settlePayments(tx: Transaction, practiceId: string, settlements: readonly PaymentSettlement[]): Promise<void> {
  if (settlements.length === 0) return;
  const column = <T>(pick: (row: PaymentSettlement) => T) => sql.param(settlements.map(pick));
  await tx.execute(sql`
    update invoice_payments p
       set status = s.status, gateway_charge_id = s.gateway_charge_id, failure_code = s.failure_code,
           failure_message = s.failure_message, settled_at = s.settled_at, in_flight_until = null
      from unnest(${column((row) => row.id)}::uuid[], ${column((row) => row.status)}::text[],
                  ${column((row) => row.gatewayChargeId)}::text[], ${column((row) => row.failureCode)}::text[],
                  ${column((row) => row.failureMessage)}::text[], ${column((row) => row.settledAt?.toISOString() ?? null)}::timestamptz[])
           as s(id, status, gateway_charge_id, failure_code, failure_message, settled_at)
     where p.practice_id = ${practiceId} and p.id = s.id`);
}

/** Clears the in-flight mark of attempts whose outcome is unknown, so another run may ask the gateway again. */
export async function releasePayments(tx: Transaction, practiceId: string, paymentIds: readonly string[]): Promise<void> {
  if (paymentIds.length === 0) return;
  await tx
    .update(invoicePayments)
    .set({ inFlightUntil: null })
    .where(and(eq(invoicePayments.practiceId, practiceId), isAnyOf(invoicePayments.id, paymentIds)));
}

/** Sets many invoices' paid amounts and statuses in one statement (`paidAt` where given). */
export async function updateInvoicesPaid(
  tx: Transaction,
  practiceId: string,
  changes: readonly { id: string; amountPaidCents: number; status: InvoiceStatus; paidAt: Date | null }[],
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const column = <T>(pick: (row: (typeof changes)[number]) => T) => sql.param(changes.map(pick));
  await tx.execute(sql`
    update invoices i
       set amount_paid_cents = c.amount_paid_cents, status = c.status, paid_at = coalesce(c.paid_at, i.paid_at),
           updated_at = ${now.toISOString()}::timestamptz, version = i.version + 1
      from unnest(${column((row) => row.id)}::uuid[], ${column((row) => row.amountPaidCents)}::int[],
                  ${column((row) => row.status)}::text[], ${column((row) => row.paidAt?.toISOString() ?? null)}::timestamptz[])
           as c(id, amount_paid_cents, status, paid_at)
     where i.practice_id = ${practiceId} and i.id = c.id`);
}
