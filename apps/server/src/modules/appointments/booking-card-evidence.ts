import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { audit, patientAudit } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import type { AppointmentRecord, CardAuthorizationRecord } from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';
import { type CreateAppointmentRequestParsed } from './book-appointment.ts';

/** A patient booking online for their own profile (the portal's booking page). */
export interface OnlineBooker {
  kind: 'patient';
  practiceId: string;
  patientId: string;
  /** The card and the cancellation policy version the patient accepted, when a service requires a card. */
  card?: { paymentMethodId: string; policyVersionId: string } | undefined;
  /** The portal's own records of the booking (the clinic's alert, the confirmation, audit), in its transaction. */
  afterBooked(
    tx: Transaction,
    record: AppointmentRecord,
    booked: { serviceNames: string[]; card: { brand: string; last4: string } | null },
  ): Promise<void>;
}

/** The card a booking holds, and for a patient's online booking the policy version they accepted. */
export interface CardForBooking {
  id: string;
  brand: string;
  last4: string;
  acceptedPolicy?: { id: string; version: number; windowHours: number } | undefined;
}

/**
 * The card a patient gave on the booking page: one of their own cards on file (404 naming
 * paymentMethodId otherwise), with the clinic's current cancellation policy accepted (409
 * policy_changed when the version they saw is no longer the current one).
 */
export async function checkOnlineCardForBooking(
  deps: AppointmentContext,
  tx: Transaction,
  booker: OnlineBooker,
  clinicId: string,
): Promise<CardForBooking | undefined> {
  if (!booker.card) return undefined;
  const card = await deps.cards.findPaymentMethodWithin(tx, booker.practiceId, booker.patientId, booker.card.paymentMethodId);
  if (!card) throw new NotFoundError('Card on file', 'paymentMethodId');
  const policy = await deps.billing.currentPolicyWithin(tx, booker.practiceId, clinicId);
  if (policy.id !== booker.card.policyVersionId) {
    throw new ConflictError(
      'The clinic’s cancellation policy changed since you read it. Read the current policy and accept it to book.',
      'policy_changed',
      { field: 'policyAcceptance.policyVersionId', extensions: { currentPolicyVersionId: policy.id } },
    );
  }
  return { ...card, acceptedPolicy: policy };
}

/**
 * "Enter Credit Card Details": the card must be one of this patient's cards on file,
 * entered or re-confirmed for this booking.
 */
export async function checkCardForBooking(
  deps: AppointmentContext,
  tx: Transaction,
  actor: StaffActor,
  input: CreateAppointmentRequestParsed,
  patientId: string,
): Promise<{ id: string; brand: string; last4: string } | undefined> {
  const { cards } = deps;
  if (!input.requireCardOnFile) {
    if (input.paymentMethodId) throw new ValidationError('Send requireCardOnFile: true with the card.', { field: 'requireCardOnFile' });
    return undefined;
  }
  if (input.newPatient) {
    throw new ValidationError('A card can be taken only for a saved patient: save the patient and their card first, then book.', {
      field: 'newPatient',
      code: 'card_needs_saved_patient',
    });
  }
  if (!input.paymentMethodId) {
    throw new ValidationError('Enter or re-confirm the patient’s card for this booking (requireCardOnFile is on).', {
      field: 'paymentMethodId',
    });
  }
  if (actor.role === 'provider') throw new ForbiddenError('Cards are taken by the front desk and managers.', 'card_not_permitted');
  const card = await cards.findPaymentMethodWithin(tx, actor.practiceId, patientId, input.paymentMethodId);
  if (!card) throw new NotFoundError('Payment method of this patient', 'paymentMethodId');
  return card;
}

/** The dispute evidence: the card, the policy version shown, when, by whom and from where. */
export async function recordCardAuthorization(
  deps: AppointmentContext,
  tx: Transaction,
  actor: StaffActor | OnlineBooker,
  record: AppointmentRecord,
  patientId: string,
  card: CardForBooking,
  meta: RequestMeta,
): Promise<CardAuthorizationRecord> {
  const { clock, billing } = deps;
  const policy = card.acceptedPolicy ?? (await billing.currentPolicyWithin(tx, actor.practiceId, record.clinicId));
  const authorization = await repository.insertCardAuthorization(tx, actor.practiceId, {
    appointmentId: record.id,
    patientId,
    paymentMethodId: card.id,
    cardBrand: card.brand,
    cardLast4: card.last4,
    policyVersionId: policy.id,
    policyVersion: policy.version,
    cancellationWindowHours: policy.windowHours,
    authorizedAt: clock.now(),
    authorizedBy: actor.kind === 'staff' ? actor.staffId : null,
    acceptedByPatient: actor.kind === 'patient',
    clientIp: meta.ip.slice(0, 100),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  const details = { paymentMethodId: card.id, last4: card.last4, policyVersion: policy.version };
  await recordAudit(
    tx,
    actor.kind === 'staff'
      ? audit(actor, meta, 'appointment.card_authorized', record, details)
      : patientAudit(actor, meta, 'appointment.card_authorized', record, {
          ...details,
          policyVersionId: policy.id,
          acceptedByPatient: true,
        }),
  );
  return authorization;
}
