import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { PatientSummaryRecord } from '../patients/index.ts';
import { decodeCursor, encodeCursor } from './invoice-cursor.ts';
import { auditOf, mayRefundWithin, requireInvoice } from './invoice-ledger.ts';
import type {
  InvoiceEventRecord,
  InvoiceFilter,
  InvoiceLineRecord,
  InvoiceRecord,
  PaymentRecord,
  RefundRecord,
} from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import { refundableOf } from './payment-outcomes.ts';
import type { SalesContext } from './sales-dependencies.ts';
import { type ClinicAddress, type InvoiceAppointmentSummary } from './sales-dependencies.ts';
import { salesRoles } from './sales-roles.ts';

export interface InvoiceDetail {
  invoice: InvoiceRecord;
  lines: InvoiceLineRecord[];
  payments: PaymentRecord[];
  refunds: RefundRecord[];
  events: InvoiceEventRecord[];
  patient: PatientSummaryRecord | null;
  clinicName: string | null;
  appointment: InvoiceAppointmentSummary | null;
  staffNames: Map<string, string>;
  actions: { pay: boolean; refund: boolean; void: boolean };
}

/** Who reads an invoice: staff of the Sales roles, or the patient it bills (in the portal). */
export type InvoiceViewer = StaffActor | PatientBillingActor;

/**
 * The invoice, when this viewer may see it: a patient only their own (another patient's is
 * a 404 that does not say it exists).
 */
export async function requireViewableInvoice(
  tx: Transaction,
  viewer: InvoiceViewer,
  invoiceId: string,
  forUpdate = false,
): Promise<InvoiceRecord> {
  const invoice = await requireInvoice(tx, viewer.practiceId, invoiceId, forUpdate);
  if (viewer.kind === 'patient' && invoice.patientId !== viewer.patientId) throw new NotFoundError('Invoice', 'invoiceId');
  return invoice;
}

export interface InvoiceListItem {
  invoice: InvoiceRecord;
  patient: PatientSummaryRecord | null;
}

async function detailWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: InvoiceViewer,
  invoiceId: string,
): Promise<Omit<InvoiceDetail, 'staffNames'>> {
  const { patients, clinics, appointments } = deps;
  const invoice = await requireViewableInvoice(tx, actor, invoiceId);
  const [lines, payments, refunds, events] = [
    await repository.listLines(tx, actor.practiceId, invoiceId),
    await repository.listPayments(tx, actor.practiceId, invoiceId),
    await repository.listRefunds(tx, actor.practiceId, invoiceId),
    await repository.listEvents(tx, actor.practiceId, invoiceId),
  ];
  const patient = (await patients.findPatientSummariesWithin(tx, actor.practiceId, [invoice.patientId])).get(invoice.patientId) ?? null;
  const clinic = (await clinics.findClinics(tx, actor.practiceId, [invoice.clinicId])).get(invoice.clinicId);
  const appointment = invoice.appointmentId
    ? ((await appointments.describeAppointmentsWithin(tx, actor.practiceId, [invoice.appointmentId])).get(invoice.appointmentId) ?? null)
    : null;
  const pending = payments.some((payment) => payment.status === 'pending');
  const refundable = payments.reduce((sum, payment) => sum + refundableOf(payment, refunds), 0);
  // A patient pays their own invoices with their own cards; refunds and voids are the clinic's.
  const takesPayments = actor.kind === 'patient' || salesRoles.includes(actor.role);
  return {
    invoice,
    lines,
    payments,
    refunds,
    events,
    patient,
    clinicName: clinic?.name ?? null,
    appointment,
    actions: {
      pay: takesPayments && invoice.status === 'unpaid' && invoice.amountPaidCents < invoice.totalCents && !pending,
      refund: actor.kind === 'staff' && refundable > 0 && (await mayRefundWithin(deps, tx, actor)),
      void: actor.kind === 'staff' && takesPayments && invoice.status === 'unpaid' && invoice.amountPaidCents === 0 && !pending,
    },
  };
}

async function withStaffNames(deps: SalesContext, actor: InvoiceViewer, detail: Omit<InvoiceDetail, 'staffNames'>): Promise<InvoiceDetail> {
  // Patients see what was done, not which staff member did it.
  if (actor.kind === 'patient') return { ...detail, staffNames: new Map() };
  const wanted = new Set<string>([
    ...(detail.invoice.createdBy ? [detail.invoice.createdBy] : []),
    ...detail.events.flatMap((event) => (event.actorStaffId ? [event.actorStaffId] : [])),
    ...detail.refunds.flatMap((refund) => (refund.createdBy ? [refund.createdBy] : [])),
  ]);
  const members = await deps.staffDirectory.listStaff(actor);
  return {
    ...detail,
    staffNames: new Map(members.filter((member) => wanted.has(member.id)).map((member) => [member.id, member.displayName])),
  };
}

export async function describeInvoice(
  deps: SalesContext,
  actor: InvoiceViewer,
  invoiceId: string,
  audit?: { action: string; meta: RequestMeta },
): Promise<InvoiceDetail> {
  const { database } = deps;
  const detail = await inPractice(database, actor.practiceId, async (tx) => {
    const found = await detailWithin(deps, tx, actor, invoiceId);
    if (audit)
      await recordAudit(tx, auditOf(actor.practiceId, actor, audit.meta, audit.action, found.invoice, { number: found.invoice.number }));
    return found;
  });
  return withStaffNames(deps, actor, detail);
}

export async function listInvoices(
  deps: SalesContext,
  actor: StaffActor,
  query: InvoiceFilter & { cursor?: string | undefined; limit: number },
  meta: RequestMeta,
): Promise<{ items: InvoiceListItem[]; nextCursor: string | null }> {
  const { database, patients } = deps;
  if (query.from && query.to && query.to <= query.from) throw new ValidationError('"to" must be after "from".', { field: 'to' });
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return inPractice(database, actor.practiceId, async (tx) => {
    const rows = await repository.listInvoices(tx, actor.practiceId, query, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const people = await patients.findPatientSummariesWithin(
      tx,
      actor.practiceId,
      page.map((invoice) => invoice.patientId),
    );
    await recordAudit(
      tx,
      auditOf(actor.practiceId, actor, meta, 'invoice.list', null, {
        count: page.length,
        patientIds: [...new Set(page.map((invoice) => invoice.patientId))],
        filter: {
          from: query.from?.toISOString() ?? null,
          to: query.to?.toISOString() ?? null,
          clinicId: query.clinicId ?? null,
          status: query.status ?? null,
          kind: query.kind ?? null,
          patientId: query.patientId ?? null,
          appointmentId: query.appointmentId ?? null,
        },
      }),
    );
    const last = page.at(-1);
    return {
      items: page.map((invoice) => ({ invoice, patient: people.get(invoice.patientId) ?? null })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  });
}

export async function getInvoice(deps: SalesContext, actor: InvoiceViewer, invoiceId: string, meta: RequestMeta): Promise<InvoiceDetail> {
  return describeInvoice(deps, actor, invoiceId, { action: 'invoice.read', meta });
}

/** What a printed receipt needs beyond the invoice: the practice and the clinic's address. */
export async function receiptOf(
  deps: SalesContext,
  actor: InvoiceViewer,
  invoiceId: string,
  meta: RequestMeta,
): Promise<{ detail: InvoiceDetail; practiceName: string; clinic: ClinicAddress }> {
  const detail = await describeInvoice(deps, actor, invoiceId, { action: 'invoice.receipt', meta });
  const practiceName =
    actor.kind === 'staff'
      ? (await deps.staffDirectory.describeSession(actor)).practice.name
      : ((await deps.practices.findPracticeSettingsOf(actor.practiceId))?.name ?? '');
  const clinic = await deps.clinicDetails.get(actor, detail.invoice.clinicId);
  return { detail, practiceName, clinic };
}
