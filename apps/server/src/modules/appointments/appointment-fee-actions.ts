import type { FeeOutcome } from '@glowdesk/contracts';
import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { runTogether, type Transaction } from '../../platform/database.ts';
import { ConflictError, ForbiddenError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { feeOutcomeOf, type OpenedInvoice } from '../sales/index.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { isInsideCancellationWindow, sumServiceFees } from './appointment-fees.ts';
import { lostRequestKeyRace, rememberRequestKey, type RequestKey, seenRequestKey } from './appointment-request-keys.ts';
import { loadForChange } from './appointment-rules.ts';
import type { AppointmentRecord, AppointmentServiceRecord } from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRequestAction } from './appointments-tables.ts';
import { announceAppointmentCancelled } from './booking-observers.ts';
import { type AppointmentView, finishView, type ViewDraft, viewOf } from './build-appointment-views.ts';
import { changeStatus } from './change-appointment-status.ts';
import { describeLocalTime } from './clinic-local-time.ts';

/**
 * Who changes an appointment and charges its fee: a staff member, or the patient in the
 * portal (who accepted the fee when cancelling their own appointment).
 */
export type FeeActor = StaffActor | PatientBillingActor;

/** What a fee request does, decided inside the action's transaction before anything is written. */
export interface FeePlan {
  kind: 'cancellation_fee' | 'no_show_fee';
  amountCents: number;
  currency: string;
  paymentMethodId: string;
  description: string;
  /** The cancellation policy the patient was shown when the card was taken. */
  policyVersionId: string;
  cancellationWindowHours: number;
}

/** A cancel, no-show or reschedule answer: the appointment and, when a fee was asked for, its outcome. */
export interface AppointmentActionResult {
  appointment: AppointmentView;
  fee: FeeOutcome | null;
  replayed: boolean;
}

const FEE_LABELS = { cancellation_fee: 'late cancellation/rescheduling fee', no_show_fee: 'no-show fee' } as const;

/**
 * Decides a fee inside the action's transaction, before anything is written: the card taken
 * at booking must still be on file, the services must charge this fee (their fees read through
 * VisitBilling in this transaction), a cancellation must fall inside the window shown at
 * booking, and no fee of this kind may exist already. Throws (rolling everything back) otherwise.
 */
export async function planFee(
  deps: AppointmentContext,
  tx: Transaction,
  actor: StaffActor,
  appointment: AppointmentRecord,
  services: readonly AppointmentServiceRecord[],
  kind: FeePlan['kind'],
): Promise<FeePlan> {
  if (actor.role === 'provider') throw new ForbiddenError('Fees are charged by the front desk and managers.', 'fee_not_permitted');
  const assessed = await assessFee(deps, tx, actor.practiceId, appointment, services, kind);
  if (!assessed.due) throw assessed.reason;
  return assessed.plan;
}

/**
 * The fee the appointment's change would charge now, or why none is due (the 409 a staff
 * request for it answers with). A patient cancelling in the portal is asked to accept the
 * fee exactly when one is due.
 */
export async function assessFee(
  deps: AppointmentContext,
  tx: Transaction,
  practiceId: string,
  appointment: Pick<AppointmentRecord, 'id' | 'patientId' | 'clinicId' | 'startsAt'>,
  services: readonly AppointmentServiceRecord[],
  kind: FeePlan['kind'],
): Promise<{ due: true; plan: FeePlan } | { due: false; reason: ConflictError }> {
  const { clock, catalog, cards, billing } = deps;
  const none = (message: string, code: string, extensions?: Record<string, unknown>) => ({
    due: false as const,
    reason: new ConflictError(message, code, { field: 'chargeFee', ...(extensions ? { extensions } : {}) }),
  });
  const authorization = (await repository.findCardAuthorizations(tx, practiceId, [appointment.id])).get(appointment.id);
  if (!authorization || !appointment.patientId) {
    return none('No card was entered when this appointment was booked, so no fee can be charged. Nothing was changed.', 'no_card_on_file');
  }
  if (!(await cards.findPaymentMethodWithin(tx, practiceId, appointment.patientId, authorization.paymentMethodId))) {
    return none(
      'The card entered at booking has been removed from the patient’s profile, so no fee can be charged. Nothing was changed.',
      'no_card_on_file',
    );
  }
  const [clinics, serviceFees] = await runTogether(tx, [
    () => catalog.findClinics(tx, practiceId, [appointment.clinicId]),
    () =>
      billing.serviceFeesWithin(
        tx,
        practiceId,
        services.map((service) => service.serviceId),
      ),
  ] as const);
  const amounts = sumServiceFees(services, serviceFees);
  if (!amounts.currency) {
    return none('The appointment’s services are priced in different currencies, so one fee cannot be charged.', 'mixed_currencies');
  }
  const amountCents = kind === 'no_show_fee' ? amounts.noShowFeeCents : amounts.cancellationFeeCents;
  const names = services.map((service) => service.serviceName).join(', ');
  if (amountCents <= 0) {
    return none(`${names} has no ${FEE_LABELS[kind]}; set one in Settings → Services. Nothing was changed.`, 'no_fee_configured');
  }
  if (
    kind === 'cancellation_fee' &&
    !isInsideCancellationWindow(clock.now(), appointment.startsAt, authorization.cancellationWindowHours)
  ) {
    return none(
      `The appointment starts more than ${authorization.cancellationWindowHours} hours from now, outside the cancellation policy shown at booking: no fee is due. Nothing was changed.`,
      'outside_cancellation_window',
    );
  }
  const existing = ((await billing.invoicesOfAppointmentsWithin(tx, practiceId, [appointment.id])).get(appointment.id) ?? []).find(
    (invoice) => invoice.kind === kind,
  );
  if (existing) {
    return none(
      `Invoice #${existing.number} already bills this appointment’s ${FEE_LABELS[kind]}; it is never charged twice.`,
      'fee_already_charged',
      { invoiceId: existing.id },
    );
  }
  const zone = clinics.get(appointment.clinicId)?.timezone ?? 'UTC';
  const label = kind === 'no_show_fee' ? 'No-show fee' : 'Late cancellation/rescheduling fee';
  return {
    due: true,
    plan: {
      kind,
      amountCents,
      currency: amounts.currency,
      paymentMethodId: authorization.paymentMethodId,
      description: `${label}: ${names}, ${describeLocalTime(appointment.startsAt, zone)}`.slice(0, 300),
      policyVersionId: authorization.policyVersionId,
      cancellationWindowHours: authorization.cancellationWindowHours,
    },
  };
}

/** Opens the fee invoice and its card attempt in the action's transaction, after the change. */
export async function openFee(
  deps: AppointmentContext,
  tx: Transaction,
  actor: FeeActor,
  appointment: AppointmentRecord,
  plan: FeePlan,
  meta: RequestMeta,
): Promise<OpenedInvoice> {
  const { clock, billing } = deps;
  if (!appointment.patientId) throw new Error('a fee was planned for an appointment without a patient');
  const opened = await billing.openFeeInvoiceWithin(
    tx,
    actor,
    {
      appointmentId: appointment.id,
      patientId: appointment.patientId,
      clinicId: appointment.clinicId,
      kind: plan.kind,
      amountCents: plan.amountCents,
      currency: plan.currency,
      description: plan.description,
      paymentMethodId: plan.paymentMethodId,
    },
    meta,
  );
  await repository.insertEvent(tx, actor.practiceId, {
    appointmentId: appointment.id,
    actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
    type: 'fee_invoiced',
    details: {
      ...(actor.kind === 'patient' ? { by: 'patient', patientId: actor.patientId } : {}),
      invoiceId: opened.invoice.id,
      invoiceNumber: opened.invoice.number,
      kind: plan.kind,
      amountCents: plan.amountCents,
      currency: plan.currency,
    },
    occurredAt: clock.now(),
  });
  return opened;
}

/** Charges the fee's card attempt after the action committed; a decline leaves the invoice unpaid. */
export async function chargeOpenedFee(
  deps: AppointmentContext,
  actor: FeeActor,
  opened: OpenedInvoice,
  meta: RequestMeta,
): Promise<FeeOutcome> {
  const { billing } = deps;
  if (!opened.pendingPayment) return feeOutcomeOf(opened.invoice, undefined);
  const { invoice, payment } = await billing.chargePayment(actor, actor.practiceId, opened.pendingPayment.id, meta);
  return feeOutcomeOf(invoice, payment);
}

/** A replayed fee action: settle a stalled attempt (same key at the gateway), then say where the fee stands. */
export async function replayFee(
  deps: AppointmentContext,
  actor: StaffActor,
  appointment: ViewDraft,
  kind: FeePlan['kind'],
  meta: RequestMeta,
): Promise<FeeOutcome | null> {
  const { database, billing } = deps;
  const invoice = appointment.invoices.find((candidate) => candidate.kind === kind);
  if (!invoice) return null;
  await billing.settleStalePayment(actor, actor.practiceId, invoice.id, meta);
  return inPractice(database, actor.practiceId, (tx) => billing.feeOutcomeWithin(tx, actor.practiceId, invoice.id));
}

/**
 * A status change that may charge a fee (cancel, no-show): the status rules first, then the
 * fee's (both before any write, so a refused fee changes nothing), then the change and the
 * fee invoice in one transaction; the card is charged after it commits. A repeated
 * Idempotency-Key replays the first outcome.
 */
export async function feeAction(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  chargeFee: boolean,
  action: AppointmentRequestAction,
  kind: FeePlan['kind'],
  meta: RequestMeta,
  requestKey: RequestKey | undefined,
  decide: (
    tx: Transaction,
    appointment: AppointmentRecord,
  ) => Promise<{ changes: Partial<repository.AppointmentInsert>; event: string; details: Record<string, unknown>; release: boolean }>,
): Promise<AppointmentActionResult> {
  const { database, bookingObservers: observers } = deps;
  let opened: OpenedInvoice | undefined;
  let replayed = false;
  const draft = await changeStatus(deps, actor, appointmentId, meta, async (tx, appointment) => {
    opened = undefined;
    replayed = await seenRequestKey(tx, actor, requestKey, action, appointmentId);
    if (replayed) return 'unchanged';
    const decision = await decide(tx, appointment);
    let plan: FeePlan | undefined;
    if (chargeFee) {
      const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
      plan = await planFee(deps, tx, actor, appointment, services, kind);
    }
    return {
      ...decision,
      details: plan ? { ...decision.details, feeCents: plan.amountCents, feeCurrency: plan.currency } : decision.details,
      afterChange: async (after) => {
        await announceAppointmentCancelled(observers, tx, actor.practiceId, { id: after.id });
        if (plan) opened = await openFee(deps, tx, actor, after, plan, meta);
        await rememberRequestKey(deps, tx, actor, requestKey, action, appointmentId);
      },
    };
  }).catch(async (error: unknown) => {
    if (!(await lostRequestKeyRace(deps, actor, requestKey, action, appointmentId, error))) throw error;
    replayed = true;
    return inPractice(database, actor.practiceId, async (tx) =>
      viewOf(deps, tx, actor.practiceId, await loadForChange(deps, tx, actor, appointmentId)),
    );
  });
  const fee = opened ? await chargeOpenedFee(deps, actor, opened, meta) : replayed ? await replayFee(deps, actor, draft, kind, meta) : null;
  return { appointment: finishView(draft), fee, replayed };
}
