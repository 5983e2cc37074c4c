import type { AddPaymentMethodRequest, BillingConfig, PaymentGatewayName, SetupSession } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, recordAudits, type AuditEntry, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { constraintOf, sqlStateOf, type Database, type Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import type { PatientsService } from '../patients/index.ts';
import { mapCardGatewayError } from './billing-errors.ts';
import * as repository from './billing-repository.ts';
import type { PaymentMethodRecord } from './billing-repository.ts';
import {
  GatewayRequestError,
  PATIENT_METADATA_KEY,
  PRACTICE_METADATA_KEY,
  WebhookSignatureError,
  WebhooksNotConfiguredError,
  type ChargeResult,
  type GatewayEvent,
  type OffSessionChargeInput,
  type PaymentGateway,
  type RefundReason,
  type RefundResult,
  type SavedCard,
} from './payment-gateway.ts';

export const PAYMENT_METHOD_METADATA_KEY = 'glowdesk_payment_method_id';

/** How money moved by a patient in the portal is labelled in histories (the patient's id is in the audit trail). */
export const PATIENT_PORTAL_LABEL = 'Patient, in the portal';

/** A patient in the portal: their own cards and invoices, or a fee they accepted (a late cancellation). */
export interface PatientBillingActor {
  kind: 'patient';
  practiceId: string;
  /** The profile acted on: the signed-in patient's own, or a dependant's (docs/decisions/025). */
  patientId: string;
  /** Who signed in, when a guardian acts on a dependant's profile; audit entries name them. */
  signedInPatientId?: string;
}

/** Who asked for a charge or refund: a signed-in staff member, a patient in the portal, or Glowdesk itself (a job). */
export type BillingActor = StaffActor | PatientBillingActor | { kind: 'system'; label: string };

export interface ChargeOffSessionInput {
  practiceId: string;
  patientId: string;
  /** Glowdesk's payment-method id (payment_methods.id), not the gateway's. */
  paymentMethodId: string;
  amountCents: number;
  /** ISO 4217, any case; stored and returned upper case. */
  currency: string;
  /** Unique per intended charge (e.g. `no-show-fee:<appointmentId>`); a retry with the same key never charges twice. */
  idempotencyKey: string;
  /** Shown on the gateway's dashboard; say what the charge is for, without treatment details. */
  description: string;
  /** Up to 20 keys of [a-z0-9_], e.g. { invoice_id, appointment_id }; `glowdesk_` keys are reserved. */
  metadata?: Record<string, string>;
  actor: BillingActor;
  meta?: RequestMeta;
}

export interface RefundChargeInput {
  practiceId: string;
  /** The gateway charge id a ChargeResult returned. */
  chargeId: string;
  /** Omit to refund what is left of the charge. */
  amountCents?: number;
  idempotencyKey: string;
  reason?: RefundReason;
  metadata?: Record<string, string>;
  actor: BillingActor;
  meta?: RequestMeta;
}

export type GatewayEventListener = (event: Exclude<GatewayEvent, { type: 'ignored' }>) => Promise<void>;

export interface WebhookOutcome {
  eventId: string;
  outcome: 'processed' | 'duplicate' | 'ignored';
}

export interface BillingServiceDependencies {
  database: Database;
  clock: Clock;
  patients: PatientsService;
  gateway: PaymentGateway;
}

const MAX_AMOUNT_CENTS = 99_999_999;
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const METADATA_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long one webhook delivery may hold an event before another delivery may take it over. */
const WEBHOOK_CLAIM_SECONDS = 120;

/** Who an audit entry names for a billing actor. */
export function auditActorFieldsOf(actor: BillingActor): Pick<AuditEntry, 'actorType' | 'actorId' | 'actorLabel'> {
  switch (actor.kind) {
    case 'staff':
      return { actorType: 'staff', actorId: actor.staffId, actorLabel: actor.email };
    case 'patient':
      return actor.signedInPatientId && actor.signedInPatientId !== actor.patientId
        ? { actorType: 'patient', actorId: actor.signedInPatientId, actorLabel: 'guardian' }
        : { actorType: 'patient', actorId: actor.patientId, actorLabel: PATIENT_PORTAL_LABEL };
    case 'system':
      return { actorType: 'system', actorLabel: actor.label };
  }
}

function auditActorOf(actor: BillingActor, meta: RequestMeta | undefined): Omit<AuditEntry, 'action' | 'practiceId'> {
  return { ...auditActorFieldsOf(actor), ip: meta?.ip ?? null, requestId: meta?.requestId ?? null };
}

function checkAmountCents(amountCents: number, field: string): void {
  if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > MAX_AMOUNT_CENTS) {
    throw new ValidationError(`Must be a whole number of minor units from 1 to ${MAX_AMOUNT_CENTS}.`, { field, code: 'invalid_amount' });
  }
}

function checkIdempotencyKey(idempotencyKey: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new ValidationError('Must be 1 to 200 visible ASCII characters.', { field: 'idempotencyKey', code: 'invalid_idempotency_key' });
  }
}

function checkMetadata(metadata: Record<string, string>): void {
  const entries = Object.entries(metadata);
  if (entries.length > 20) throw new ValidationError('At most 20 metadata keys.', { field: 'metadata', code: 'invalid_metadata' });
  for (const [key, value] of entries) {
    if (!METADATA_KEY_PATTERN.test(key) || key.startsWith('glowdesk_') || typeof value !== 'string' || value.length > 500) {
      throw new ValidationError('Metadata keys are [a-z0-9_] (not glowdesk_…), values strings of at most 500 characters.', {
        field: `metadata.${key}`,
        code: 'invalid_metadata',
      });
    }
  }
}

/** A card's new expiry: a real month, not already past (cards expire at the end of their month), at most 20 years ahead. */
function checkExpiry(expiry: { expMonth: number; expYear: number }, now: Date): void {
  const { expMonth, expYear } = expiry;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw new ValidationError('Must be a month from 1 to 12.', { field: 'expMonth', code: 'invalid_expiry' });
  }
  const thisYear = now.getUTCFullYear();
  if (!Number.isInteger(expYear) || expYear > thisYear + 20) {
    throw new ValidationError(`Must be a four-digit year up to ${thisYear + 20}.`, { field: 'expYear', code: 'invalid_expiry' });
  }
  if (expYear * 12 + expMonth < thisYear * 12 + now.getUTCMonth() + 1) {
    throw new ValidationError('This date has passed: enter the expiry printed on the card.', { field: 'expYear', code: 'card_expired' });
  }
}

function normalizeCurrency(currency: string): string {
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    throw new ValidationError('Must be a three-letter ISO 4217 currency code, e.g. USD.', { field: 'currency', code: 'invalid_currency' });
  }
  return currency.toUpperCase();
}

/** Keys are scoped per practice: practices may share one gateway account. */
function gatewayIdempotencyKey(practiceId: string, idempotencyKey: string): string {
  return `${practiceId}:${idempotencyKey}`;
}

/** Checks a charge's amount, key, metadata and description; answers them as the gateway is sent them. */
function checkedChargeOf(input: Omit<ChargeOffSessionInput, 'practiceId'>) {
  checkAmountCents(input.amountCents, 'amountCents');
  const currency = normalizeCurrency(input.currency);
  checkIdempotencyKey(input.idempotencyKey);
  const metadata = input.metadata ?? {};
  checkMetadata(metadata);
  const description = input.description.trim().slice(0, 500);
  if (!description) throw new ValidationError('Say what the charge is for.', { field: 'description', code: 'invalid_description' });
  return { currency, metadata, description };
}

/**
 * What the gateway is sent for a checked charge on a card on file: the card's gateway ids, the
 * practice's key and metadata naming the practice, patient and card. Throws NotFoundError when
 * the card is not this patient's and ConflictError when it was saved with another gateway.
 */
function offSessionRequestOf(
  practiceId: string,
  input: Omit<ChargeOffSessionInput, 'practiceId'>,
  { currency, metadata, description }: ReturnType<typeof checkedChargeOf>,
  method: PaymentMethodRecord | undefined,
  gatewayName: PaymentGatewayName,
): OffSessionChargeInput {
  if (!method || method.patientId !== input.patientId) throw new NotFoundError('Payment method', 'paymentMethodId');
  if (method.gateway !== gatewayName) {
    throw new ConflictError(
      `This card was saved with the ${method.gateway} gateway, which is no longer in use. Add the card again.`,
      'payment_method_gateway_mismatch',
      { field: 'paymentMethodId' },
    );
  }
  return {
    customerId: method.gatewayCustomerId,
    paymentMethodId: method.gatewayPaymentMethodId,
    amountCents: input.amountCents,
    currency,
    idempotencyKey: gatewayIdempotencyKey(practiceId, input.idempotencyKey),
    description,
    metadata: {
      ...metadata,
      [PRACTICE_METADATA_KEY]: practiceId,
      [PATIENT_METADATA_KEY]: input.patientId,
      [PAYMENT_METHOD_METADATA_KEY]: method.id,
    },
  };
}

/** The audit event of a charge on a card on file, whatever its outcome. */
function chargeAuditOf(
  practiceId: string,
  input: Omit<ChargeOffSessionInput, 'practiceId'>,
  paymentMethodId: string,
  currency: string,
  result: ChargeResult,
): AuditEntry {
  return {
    ...auditActorOf(input.actor, input.meta),
    practiceId,
    action: 'payment_method.charge',
    objectType: 'payment_method',
    objectId: paymentMethodId,
    outcome: result.status === 'succeeded' ? 'success' : 'failure',
    details: {
      patientId: input.patientId,
      amountCents: input.amountCents,
      currency,
      idempotencyKey: input.idempotencyKey,
      status: result.status,
      chargeId: result.status === 'error' ? null : result.chargeId,
      ...(result.status === 'declined' ? { declineCode: result.declineCode } : {}),
    },
  };
}

export function createBillingService(deps: BillingServiceDependencies) {
  const { database, clock, patients, gateway } = deps;
  const listeners: GatewayEventListener[] = [];

  async function requirePatient(tx: Transaction, practiceId: string, patientId: string) {
    const patient = await patients.findPatientWithin(tx, practiceId, patientId);
    if (!patient) throw new NotFoundError('Patient', 'patientId');
    return patient;
  }

  async function withGatewayErrorsMapped<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapCardGatewayError(error);
    }
  }

  /** The patient's customer at the gateway, created on first use. Runs between transactions. */
  async function ensureGatewayCustomer(actor: StaffActor | PatientBillingActor, patientId: string): Promise<string> {
    const { patient, customerId } = await inPractice(database, actor.practiceId, async (tx) => ({
      patient: await requirePatient(tx, actor.practiceId, patientId),
      customerId: await repository.findGatewayCustomerId(tx, actor.practiceId, patientId, gateway.name),
    }));
    if (customerId) return customerId;
    const created = await withGatewayErrorsMapped(() =>
      gateway.ensureCustomer({
        practiceId: actor.practiceId,
        patientId,
        name: `${patient.firstName} ${patient.lastName}`,
        email: patient.email,
        idempotencyKey: `customer:${actor.practiceId}:${patientId}`,
      }),
    );
    return inPractice(database, actor.practiceId, (tx) =>
      repository.saveGatewayCustomerId(tx, actor.practiceId, patientId, gateway.name, created.customerId),
    );
  }

  async function insertCard(
    tx: Transaction,
    actor: StaffActor | PatientBillingActor,
    patientId: string,
    card: SavedCard,
    makeDefault: boolean,
  ): Promise<PaymentMethodRecord> {
    const currentDefault = await repository.findDefaultPaymentMethod(tx, actor.practiceId, patientId);
    const isDefault = makeDefault || currentDefault === undefined;
    if (isDefault && currentDefault) await repository.clearDefault(tx, actor.practiceId, patientId);
    try {
      return await repository.insertPaymentMethod(tx, actor.practiceId, {
        patientId,
        gateway: gateway.name,
        gatewayCustomerId: card.customerId,
        gatewayPaymentMethodId: card.paymentMethodId,
        brand: card.brand,
        last4: card.last4,
        expMonth: card.expMonth,
        expYear: card.expYear,
        fingerprint: card.fingerprint,
        isDefault,
        createdBy: actor.kind === 'staff' ? actor.staffId : null,
      });
    } catch (error) {
      if (sqlStateOf(error) === '23505' && constraintOf(error) === 'payment_methods_gateway_payment_method_key') {
        throw new ConflictError('This card is already on file for another patient.', 'payment_method_exists', { field: 'gatewayToken' });
      }
      throw error;
    }
  }

  return {
    gatewayName: gateway.name,

    /** What the web app needs to collect cards (GET /api/v1/billing/config). */
    billingConfig(): BillingConfig {
      return { gateway: gateway.name, ...gateway.clientConfig };
    },

    /** A patient's cards; a patient actor reads only their own (the portal passes its own id). */
    async listPaymentMethods(
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      meta: RequestMeta,
    ): Promise<PaymentMethodRecord[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await requirePatient(tx, actor.practiceId, patientId);
        const methods = await repository.listPaymentMethods(tx, actor.practiceId, patientId);
        await recordAudit(tx, {
          ...auditActorOf(actor, meta),
          practiceId: actor.practiceId,
          action: 'payment_method.list',
          objectType: 'patient',
          objectId: patientId,
          details: { paymentMethodIds: methods.map((method) => method.id) },
        });
        return methods;
      });
    },

    /** Starts saving a card in the browser (Stripe: a SetupIntent for off-session use). */
    async createSetupSession(actor: StaffActor | PatientBillingActor, patientId: string, meta: RequestMeta): Promise<SetupSession> {
      const customerId = await ensureGatewayCustomer(actor, patientId);
      const session = await withGatewayErrorsMapped(() => gateway.createSetupSession({ customerId }));
      await inPractice(database, actor.practiceId, (tx) =>
        recordAudit(tx, {
          ...auditActorOf(actor, meta),
          practiceId: actor.practiceId,
          action: 'payment_method.setup_session',
          objectType: 'patient',
          objectId: patientId,
          details: { gateway: gateway.name, setupSessionId: session.setupSessionId },
        }),
      );
      return {
        gateway: gateway.name,
        ...session,
        publishableKey: gateway.clientConfig.publishableKey,
        tokenizeUrl: gateway.clientConfig.tokenizeUrl,
      };
    },

    /**
     * Saves the card behind a gateway token for the patient. The first card becomes the
     * default. Sending the same token again returns the card saved the first time.
     */
    async addPaymentMethod(
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      input: AddPaymentMethodRequest,
      meta: RequestMeta,
    ): Promise<{ paymentMethod: PaymentMethodRecord; created: boolean }> {
      const customerId = await ensureGatewayCustomer(actor, patientId);
      const card = await withGatewayErrorsMapped(() => gateway.attachPaymentMethod({ customerId, token: input.gatewayToken }));
      return inPractice(database, actor.practiceId, async (tx) => {
        await repository.lockPatientPaymentMethods(tx, actor.practiceId, patientId);
        const existing = await repository.findByGatewayPaymentMethod(tx, actor.practiceId, patientId, gateway.name, card.paymentMethodId);
        if (existing) return { paymentMethod: existing, created: false };
        const paymentMethod = await insertCard(tx, actor, patientId, card, input.makeDefault ?? false);
        await recordAudit(tx, {
          ...auditActorOf(actor, meta),
          practiceId: actor.practiceId,
          action: 'payment_method.create',
          objectType: 'payment_method',
          objectId: paymentMethod.id,
          details: {
            patientId,
            gateway: gateway.name,
            brand: paymentMethod.brand,
            last4: paymentMethod.last4,
            isDefault: paymentMethod.isDefault,
          },
        });
        return { paymentMethod, created: true };
      });
    },

    /** Detaches the card at the gateway and takes it off file; the newest other card becomes the default. */
    async removePaymentMethod(
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      paymentMethodId: string,
      meta: RequestMeta,
    ): Promise<void> {
      const method = await inPractice(database, actor.practiceId, async (tx) => {
        await requirePatient(tx, actor.practiceId, patientId);
        const found = await repository.findPaymentMethod(tx, actor.practiceId, patientId, paymentMethodId);
        if (!found) throw new NotFoundError('Payment method', 'paymentMethodId');
        return found;
      });
      if (method.gateway === gateway.name) {
        await withGatewayErrorsMapped(() => gateway.detachPaymentMethod({ paymentMethodId: method.gatewayPaymentMethodId }));
      }
      await inPractice(database, actor.practiceId, async (tx) => {
        await repository.lockPatientPaymentMethods(tx, actor.practiceId, patientId);
        const stillOnFile = await repository.findPaymentMethod(tx, actor.practiceId, patientId, paymentMethodId);
        if (!stillOnFile) return;
        await repository.markRemoved(tx, actor.practiceId, paymentMethodId, actor.kind === 'staff' ? actor : 'patient', clock.now());
        let newDefaultId: string | null = null;
        if (stillOnFile.isDefault) {
          const [newest] = await repository.listPaymentMethods(tx, actor.practiceId, patientId);
          if (newest) newDefaultId = (await repository.markDefault(tx, actor.practiceId, newest.id))?.id ?? null;
        }
        await recordAudit(tx, {
          ...auditActorOf(actor, meta),
          practiceId: actor.practiceId,
          action: 'payment_method.remove',
          objectType: 'payment_method',
          objectId: paymentMethodId,
          details: { patientId, gateway: method.gateway, last4: method.last4, newDefaultPaymentMethodId: newDefaultId },
        });
      });
    },

    async setDefaultPaymentMethod(
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      paymentMethodId: string,
      meta: RequestMeta,
    ): Promise<PaymentMethodRecord> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await requirePatient(tx, actor.practiceId, patientId);
        await repository.lockPatientPaymentMethods(tx, actor.practiceId, patientId);
        const method = await repository.findPaymentMethod(tx, actor.practiceId, patientId, paymentMethodId);
        if (!method) throw new NotFoundError('Payment method', 'paymentMethodId');
        if (method.isDefault) return method;
        await repository.clearDefault(tx, actor.practiceId, patientId);
        const updated = await repository.markDefault(tx, actor.practiceId, paymentMethodId);
        if (!updated) throw new NotFoundError('Payment method', 'paymentMethodId');
        await recordAudit(tx, {
          ...auditActorOf(actor, meta),
          practiceId: actor.practiceId,
          action: 'payment_method.set_default',
          objectType: 'payment_method',
          objectId: paymentMethodId,
          details: { patientId },
        });
        return updated;
      });
    },

    /**
     * Changes a card's expiry at the gateway (a reissued card keeps its number), then on file.
     * The number never reaches Glowdesk: only month and year travel.
     */
    async updatePaymentMethodExpiry(
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      paymentMethodId: string,
      expiry: { expMonth: number; expYear: number },
      meta: RequestMeta,
    ): Promise<PaymentMethodRecord> {
      checkExpiry(expiry, clock.now());
      const method = await inPractice(database, actor.practiceId, async (tx) => {
        await requirePatient(tx, actor.practiceId, patientId);
        const found = await repository.findPaymentMethod(tx, actor.practiceId, patientId, paymentMethodId);
        if (!found) throw new NotFoundError('Payment method', 'paymentMethodId');
        return found;
      });
      if (method.gateway !== gateway.name) {
        throw new ConflictError(
          `This card was saved with the ${method.gateway} gateway, which is no longer in use. Add the card again.`,
          'payment_method_gateway_mismatch',
          { field: 'paymentMethodId' },
        );
      }
      let card: SavedCard;
      try {
        card = await gateway.updatePaymentMethod({
          customerId: method.gatewayCustomerId,
          paymentMethodId: method.gatewayPaymentMethodId,
          ...expiry,
        });
      } catch (error) {
        if (error instanceof GatewayRequestError && error.code === 'payment_method_unavailable') {
          throw new ConflictError('The payment gateway no longer holds this card. Add it again.', 'payment_method_unavailable', {
            field: 'paymentMethodId',
          });
        }
        if (error instanceof GatewayRequestError) {
          throw new ValidationError(`The payment gateway refused this expiry: ${error.message}`, {
            field: 'expYear',
            code: 'invalid_expiry',
          });
        }
        throw mapCardGatewayError(error);
      }
      return inPractice(database, actor.practiceId, async (tx) => {
        await repository.lockPatientPaymentMethods(tx, actor.practiceId, patientId);
        const updated = await repository.updateExpiry(tx, actor.practiceId, paymentMethodId, {
          expMonth: card.expMonth,
          expYear: card.expYear,
        });
        if (!updated) throw new NotFoundError('Payment method', 'paymentMethodId');
        await recordAudit(tx, {
          ...auditActorOf(actor, meta),
          practiceId: actor.practiceId,
          action: 'payment_method.update',
          objectType: 'payment_method',
          objectId: paymentMethodId,
          details: {
            patientId,
            from: { expMonth: method.expMonth, expYear: method.expYear },
            to: { expMonth: updated.expMonth, expYear: updated.expYear },
          },
        });
        return updated;
      });
    },

    /** A card on file of this patient inside the caller's transaction, or undefined (removed, another patient's). Not audited. */
    async findPaymentMethodWithin(tx: Transaction, practiceId: string, patientId: string, paymentMethodId: string) {
      return repository.findPaymentMethod(tx, practiceId, patientId, paymentMethodId);
    },

    /** Cards on file by id inside the caller's transaction (removed ones left out); the caller checks each one's patient. Not audited. */
    async findPaymentMethodsWithin(tx: Transaction, practiceId: string, paymentMethodIds: readonly string[]) {
      return repository.findPaymentMethodsByIds(tx, practiceId, paymentMethodIds);
    },

    /** The patient's default card inside the caller's transaction, or undefined. Not audited. */
    async findDefaultPaymentMethodWithin(tx: Transaction, practiceId: string, patientId: string) {
      return repository.findDefaultPaymentMethod(tx, practiceId, patientId);
    },

    /**
     * Charges a card on file with the patient absent (no-show and cancellation fees).
     *
     * Call it between transactions, never inside one: it reads the card in its own short
     * transaction, calls the gateway over the network, then audits the outcome. Record the
     * attempt (with its idempotency key) before calling and the result after; a retry with
     * the same key returns the first result and never charges twice.
     *
     * Throws ValidationError for bad input and NotFoundError when the card is not this
     * patient's; every gateway outcome (decline, authentication required, outage) is a
     * ChargeResult, never an exception.
     */
    async chargeOffSession(input: ChargeOffSessionInput): Promise<ChargeResult> {
      const checked = checkedChargeOf(input);
      const method = await inPractice(database, input.practiceId, (tx) =>
        repository.findPaymentMethod(tx, input.practiceId, input.patientId, input.paymentMethodId),
      );
      const request = offSessionRequestOf(input.practiceId, input, checked, method, gateway.name);
      const result = await gateway.chargeOffSession(request);
      await inPractice(database, input.practiceId, (tx) =>
        recordAudit(
          tx,
          chargeAuditOf(input.practiceId, input, request.metadata[PAYMENT_METHOD_METADATA_KEY] ?? '', request.currency, result),
        ),
      );
      return result;
    },

    /**
     * Charges many cards on file of one practice with the patients absent (a membership billing
     * batch), `concurrency` gateway requests at a time: the cards are read in one transaction
     * and the outcomes audited in one more, each charge under its own idempotency key exactly as
     * `chargeOffSession` sends it. Answers one entry per input, in order: the gateway's
     * ChargeResult, or the error `chargeOffSession` would have thrown (an AppError when the card
     * is not this patient's or was saved with another gateway; anything else leaves the outcome
     * unknown). Call it between transactions.
     */
    async chargeOffSessionMany(
      practiceId: string,
      inputs: readonly Omit<ChargeOffSessionInput, 'practiceId'>[],
      options: { concurrency: number },
    ): Promise<({ result: ChargeResult } | { error: unknown })[]> {
      const methods = await inPractice(database, practiceId, (tx) =>
        repository.findPaymentMethodsByIds(
          tx,
          practiceId,
          inputs.map((input) => input.paymentMethodId),
        ),
      );
      const outcomes: ({ result: ChargeResult } | { error: unknown })[] = Array.from({ length: inputs.length }, () => ({
        error: undefined,
      }));
      const audits: AuditEntry[] = [];
      const requests: { index: number; input: Omit<ChargeOffSessionInput, 'practiceId'>; request: OffSessionChargeInput }[] = [];
      inputs.forEach((input, index) => {
        try {
          const checked = checkedChargeOf(input);
          requests.push({
            index,
            input,
            request: offSessionRequestOf(practiceId, input, checked, methods.get(input.paymentMethodId), gateway.name),
          });
        } catch (error) {
          outcomes[index] = { error };
        }
      });
      const results =
        requests.length === 0
          ? []
          : await gateway.chargeOffSessionMany(
              requests.map(({ request }) => request),
              options,
            );
      requests.forEach(({ index, input, request }, position) => {
        const result = results[position] ?? { status: 'error', retryable: true, message: 'The gateway did not answer.' };
        outcomes[index] = { result };
        audits.push(chargeAuditOf(practiceId, input, request.metadata[PAYMENT_METHOD_METADATA_KEY] ?? '', request.currency, result));
      });
      if (audits.length > 0) await inPractice(database, practiceId, (tx) => recordAudits(tx, audits));
      return outcomes;
    },

    /**
     * Refunds all or part of a charge this practice made. The caller checks what may be
     * refunded (its own payments table) and records the result; the gateway refuses a
     * charge of another practice or more than is left. Call it between transactions.
     */
    async refundCharge(input: RefundChargeInput): Promise<RefundResult> {
      if (input.amountCents !== undefined) checkAmountCents(input.amountCents, 'amountCents');
      checkIdempotencyKey(input.idempotencyKey);
      const metadata = input.metadata ?? {};
      checkMetadata(metadata);
      if (!/^[A-Za-z0-9_]{1,255}$/.test(input.chargeId))
        throw new ValidationError('Must be a gateway charge id.', { field: 'chargeId', code: 'invalid_charge_id' });
      const result = await gateway.refund({
        chargeId: input.chargeId,
        ...(input.amountCents === undefined ? {} : { amountCents: input.amountCents }),
        idempotencyKey: gatewayIdempotencyKey(input.practiceId, input.idempotencyKey),
        ...(input.reason ? { reason: input.reason } : {}),
        practiceId: input.practiceId,
        metadata,
      });
      await inPractice(database, input.practiceId, (tx) =>
        recordAudit(tx, {
          ...auditActorOf(input.actor, input.meta),
          practiceId: input.practiceId,
          action: 'payment.refund',
          objectType: 'charge',
          objectId: input.chargeId,
          outcome: result.status === 'succeeded' || result.status === 'pending' ? 'success' : 'failure',
          details: {
            amountCents: input.amountCents ?? null,
            idempotencyKey: input.idempotencyKey,
            status: result.status,
            refundId: result.status === 'error' ? null : result.refundId,
          },
        }),
      );
      return result;
    },

    /** Registers what runs for each verified, first-seen gateway event (invoices mark payments and refunds). */
    onGatewayEvent(listener: GatewayEventListener): void {
      listeners.push(listener);
    },

    /**
     * Verifies and handles one webhook delivery. A replayed event is acknowledged without
     * running the listeners again; a listener failure leaves the event unprocessed, so the
     * gateway delivers it again.
     */
    async handleWebhook(gatewayName: PaymentGatewayName, rawBody: Buffer, signatureHeader: string | undefined): Promise<WebhookOutcome> {
      const notConfigured = new NotFoundError(`A ${gatewayName} webhook endpoint`);
      if (gatewayName !== gateway.name) throw notConfigured;
      let event: GatewayEvent;
      try {
        event = gateway.parseWebhook(rawBody, signatureHeader);
      } catch (error) {
        if (error instanceof WebhooksNotConfiguredError) throw notConfigured;
        if (error instanceof WebhookSignatureError) {
          throw new ValidationError(`The webhook signature is not valid: ${error.message}`, {
            field: 'Stripe-Signature',
            code: 'invalid_signature',
          });
        }
        throw error;
      }
      if (event.type === 'ignored') return { eventId: event.eventId, outcome: 'ignored' };
      const handled = event;
      const practiceId = handled.metadata[PRACTICE_METADATA_KEY];
      const now = clock.now();
      const claim = await asPlatform(database, (tx) =>
        repository.claimWebhookEvent(
          tx,
          {
            gateway: gateway.name,
            eventId: handled.eventId,
            eventType: handled.type,
            practiceId: practiceId && UUID_PATTERN.test(practiceId) ? practiceId : null,
            objectId: handled.type === 'refund_updated' ? handled.refundId : handled.chargeId,
          },
          now,
          new Date(now.getTime() + WEBHOOK_CLAIM_SECONDS * 1000),
        ),
      );
      if (claim === 'already_processed') return { eventId: handled.eventId, outcome: 'duplicate' };
      if (claim === 'in_progress') {
        throw new ConflictError('Another delivery of this event is being handled; deliver it again later.', 'webhook_in_progress');
      }
      try {
        for (const listener of listeners) await listener(handled);
      } catch (error) {
        await asPlatform(database, (tx) => repository.releaseWebhookEvent(tx, gateway.name, handled.eventId));
        throw error;
      }
      await asPlatform(database, (tx) => repository.markWebhookEventProcessed(tx, gateway.name, handled.eventId, clock.now()));
      return { eventId: handled.eventId, outcome: 'processed' };
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
