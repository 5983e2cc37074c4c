import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { formatMoney, salesRoles, type InvoiceRecord } from '../sales/index.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { assertStatus } from './appointment-rules.ts';
import * as repository from './appointments-repository.ts';
import { layOutServices } from './booking-timeline.ts';
import { type AppointmentView, finishView } from './build-appointment-views.ts';
import { changeStatus } from './change-appointment-status.ts';
import { claimFor, claimTime } from './claim-booking-time.ts';

/** What the staff member restoring a no-show may do about its fee's invoice. */
interface FeeRights {
  /** Owners and admins; the front desk where the practice allows it. */
  refund: boolean;
  /** The roles that work in Sales (owners, admins, front desk). */
  void: boolean;
}

/**
 * What restoring a no-show says about its fee: charged fees are refunded by hand, from Sales,
 * by someone allowed to. The words tell the person restoring what they can do themselves.
 */
function restoreNotice(invoice: InvoiceRecord, rights: FeeRights): string {
  const kept = invoice.amountPaidCents - invoice.amountRefundedCents;
  if (kept > 0) {
    const charged = `A no-show fee of ${formatMoney(kept, invoice.currency)} was charged (invoice #${invoice.number}). Restoring does not refund it:`;
    return rights.refund
      ? `${charged} refund it from the invoice in Sales.`
      : `${charged} your role cannot refund it, so ask an owner or admin to refund it from the invoice in Sales.`;
  }
  if (invoice.status === 'unpaid') {
    const unpaid = `The no-show fee on invoice #${invoice.number} is unpaid. Restoring does not void it:`;
    return rights.void
      ? `${unpaid} void it from the invoice in Sales if it no longer applies.`
      : `${unpaid} if it no longer applies, ask the front desk, an owner or an admin to void it in Sales.`;
  }
  return invoice.status === 'void'
    ? `The no-show fee on invoice #${invoice.number} was voided.`
    : `The no-show fee on invoice #${invoice.number} was refunded.`;
}

/**
 * Puts a no-show back on the calendar as booked, claiming its time again. A no-show fee
 * already charged is not refunded: the notice links its invoice, refunded from Sales.
 */
export async function restoreNoShow(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  input: { allowDoubleBooking: boolean },
  meta: RequestMeta,
): Promise<{ appointment: AppointmentView; notice: string | null; feeInvoiceId: string | null }> {
  const { catalog, billing } = deps;
  const rights: FeeRights = { refund: false, void: salesRoles.includes(actor.role) };
  const draft = await changeStatus(deps, actor, appointmentId, meta, async (tx, before) => {
    assertStatus(before, ['no_show'], 'restore');
    rights.refund = await billing.mayRefundWithin(tx, actor);
    const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
    const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, {
      clinicId: before.clinicId,
      providerId: before.providerId,
      choice: before.packageId ? { packageId: before.packageId } : { serviceIds: services.map((service) => service.serviceId) },
      mode: before.mode ?? 'in_person',
      start: before.startsAt,
    });
    const timeline = layOutServices(visit.services, before.startsAt);
    return {
      changes: { status: 'booked', noShowMarkedAt: null, allowDoubleBooking: before.allowDoubleBooking || input.allowDoubleBooking },
      event: 'restored',
      details: input.allowDoubleBooking ? { allowDoubleBooking: true } : {},
      claim: () =>
        claimTime(
          tx,
          actor.practiceId,
          appointmentId,
          claimFor(before.providerId, timeline, before.allowDoubleBooking || input.allowDoubleBooking),
          visit.resources,
          visit.clinic.timezone,
          visit.provider.displayName,
        ),
    };
  });
  const feeInvoice = draft.invoices.find((invoice) => invoice.kind === 'no_show_fee');
  return {
    appointment: finishView(draft),
    notice: feeInvoice ? restoreNotice(feeInvoice, rights) : null,
    feeInvoiceId: feeInvoice?.id ?? null,
  };
}
