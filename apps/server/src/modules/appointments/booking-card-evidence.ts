import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { audit } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import type { AppointmentRecord, CardAuthorizationRecord } from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';
import { type CreateAppointmentRequestParsed } from './book-appointment.ts';

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
  actor: StaffActor,
  record: AppointmentRecord,
  patientId: string,
  card: { id: string; brand: string; last4: string },
  meta: RequestMeta,
): Promise<CardAuthorizationRecord> {
  const { clock, billing } = deps;
  const policy = await billing.currentPolicyWithin(tx, actor.practiceId, record.clinicId);
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
    authorizedBy: actor.staffId,
    clientIp: meta.ip.slice(0, 100),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  await recordAudit(
    tx,
    audit(actor, meta, 'appointment.card_authorized', record, {
      paymentMethodId: card.id,
      last4: card.last4,
      policyVersion: policy.version,
    }),
  );
  return authorization;
}
