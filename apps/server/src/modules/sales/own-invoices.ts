import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { auditActorFieldsOf, type PatientBillingActor } from '../billing/index.ts';
import type { InvoiceRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import type { SalesContext } from './sales-dependencies.ts';

/**
 * The most invoices Payment History lists: far beyond what one patient of a clinic collects,
 * and a bound on the reply.
 */
export const MAX_OWN_INVOICES = 500;

/** Every invoice of the patient's active profile, newest first; the read is audited like every portal read. */
export async function listOwnInvoices(
  deps: SalesContext,
  actor: PatientBillingActor,
  meta: RequestMeta,
): Promise<{ invoice: InvoiceRecord; clinicName: string | null }[]> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const items = await repository.listInvoices(tx, actor.practiceId, { patientId: actor.patientId }, undefined, MAX_OWN_INVOICES);
    const clinics = await deps.clinics.findClinics(tx, actor.practiceId, [...new Set(items.map((invoice) => invoice.clinicId))]);
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...auditActorFieldsOf(actor),
      action: 'invoice.list',
      objectType: 'patient',
      objectId: actor.patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal', count: items.length, invoiceIds: items.map((invoice) => invoice.id) },
    });
    return items.map((invoice) => ({ invoice, clinicName: clinics.get(invoice.clinicId)?.name ?? null }));
  });
}

export function countUnpaidInvoicesWithin(tx: Transaction, practiceId: string, patientId: string): Promise<number> {
  return repository.countUnpaidInvoices(tx, practiceId, patientId);
}
