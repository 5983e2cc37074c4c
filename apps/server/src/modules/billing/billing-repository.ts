import type { PaymentGatewayName } from '@glowdesk/contracts';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { isAnyOf, type Transaction } from '../../platform/database.ts';
import { billingCustomers, paymentMethods, webhookEvents } from './billing-tables.ts';

export interface PaymentMethodRecord {
  id: string;
  patientId: string;
  gateway: PaymentGatewayName;
  gatewayCustomerId: string;
  gatewayPaymentMethodId: string;
  brand: (typeof paymentMethods.$inferSelect)['brand'];
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string | null;
  isDefault: boolean;
  createdAt: Date;
  /** Null when the patient saved the card in the portal or on the booking page. */
  createdBy: string | null;
}

const paymentMethodColumns = {
  id: paymentMethods.id,
  patientId: paymentMethods.patientId,
  gateway: paymentMethods.gateway,
  gatewayCustomerId: paymentMethods.gatewayCustomerId,
  gatewayPaymentMethodId: paymentMethods.gatewayPaymentMethodId,
  brand: paymentMethods.brand,
  last4: paymentMethods.last4,
  expMonth: paymentMethods.expMonth,
  expYear: paymentMethods.expYear,
  fingerprint: paymentMethods.fingerprint,
  isDefault: paymentMethods.isDefault,
  createdAt: paymentMethods.createdAt,
  createdBy: paymentMethods.createdBy,
};

export async function findGatewayCustomerId(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  gateway: PaymentGatewayName,
): Promise<string | undefined> {
  const [row] = await tx
    .select({ gatewayCustomerId: billingCustomers.gatewayCustomerId })
    .from(billingCustomers)
    .where(
      and(eq(billingCustomers.practiceId, practiceId), eq(billingCustomers.patientId, patientId), eq(billingCustomers.gateway, gateway)),
    );
  return row?.gatewayCustomerId;
}

/** Records the patient's gateway customer; when another request recorded one first, returns that one. */
export async function saveGatewayCustomerId(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  gateway: PaymentGatewayName,
  gatewayCustomerId: string,
): Promise<string> {
  await tx.insert(billingCustomers).values({ practiceId, patientId, gateway, gatewayCustomerId }).onConflictDoNothing();
  const stored = await findGatewayCustomerId(tx, practiceId, patientId, gateway);
  if (!stored) throw new Error('billing customer vanished after insert');
  return stored;
}

/**
 * Serializes card changes for one patient (add, remove, default), so two requests cannot
 * both make a card the default. Transaction-scoped: released at commit or rollback.
 */
export async function lockPatientPaymentMethods(tx: Transaction, practiceId: string, patientId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment_methods:${practiceId}:${patientId}`}))`);
}

/** The patient's cards on file (removed ones left out), the default first, then newest first. */
export async function listPaymentMethods(tx: Transaction, practiceId: string, patientId: string): Promise<PaymentMethodRecord[]> {
  return tx
    .select(paymentMethodColumns)
    .from(paymentMethods)
    .where(and(eq(paymentMethods.practiceId, practiceId), eq(paymentMethods.patientId, patientId), isNull(paymentMethods.removedAt)))
    .orderBy(desc(paymentMethods.isDefault), desc(paymentMethods.createdAt), desc(paymentMethods.id));
}

/** One card on file of this patient, or undefined (also for another patient's card or a removed one). */
export async function findPaymentMethod(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  paymentMethodId: string,
): Promise<PaymentMethodRecord | undefined> {
  const [row] = await tx
    .select(paymentMethodColumns)
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.practiceId, practiceId),
        eq(paymentMethods.patientId, patientId),
        eq(paymentMethods.id, paymentMethodId),
        isNull(paymentMethods.removedAt),
      ),
    );
  return row;
}

/** Cards on file by id (removed ones left out), whoever's they are: the caller checks the patient. */
export async function findPaymentMethodsByIds(
  tx: Transaction,
  practiceId: string,
  paymentMethodIds: readonly string[],
): Promise<Map<string, PaymentMethodRecord>> {
  if (paymentMethodIds.length === 0) return new Map();
  const rows = await tx
    .select(paymentMethodColumns)
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.practiceId, practiceId),
        isAnyOf(paymentMethods.id, [...new Set(paymentMethodIds)]),
        isNull(paymentMethods.removedAt),
      ),
    );
  return new Map(rows.map((row) => [row.id, row]));
}

export async function findDefaultPaymentMethod(
  tx: Transaction,
  practiceId: string,
  patientId: string,
): Promise<PaymentMethodRecord | undefined> {
  const [row] = await tx
    .select(paymentMethodColumns)
    .from(paymentMethods)
    .where(and(eq(paymentMethods.practiceId, practiceId), eq(paymentMethods.patientId, patientId), eq(paymentMethods.isDefault, true)));
  return row;
}

/** A card of this patient already saved from the same gateway payment method (a retried add). */
export async function findByGatewayPaymentMethod(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  gateway: PaymentGatewayName,
  gatewayPaymentMethodId: string,
): Promise<PaymentMethodRecord | undefined> {
  const [row] = await tx
    .select(paymentMethodColumns)
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.practiceId, practiceId),
        eq(paymentMethods.patientId, patientId),
        eq(paymentMethods.gateway, gateway),
        eq(paymentMethods.gatewayPaymentMethodId, gatewayPaymentMethodId),
        isNull(paymentMethods.removedAt),
      ),
    );
  return row;
}

export interface PaymentMethodWrite {
  patientId: string;
  gateway: PaymentGatewayName;
  gatewayCustomerId: string;
  gatewayPaymentMethodId: string;
  brand: PaymentMethodRecord['brand'];
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string | null;
  isDefault: boolean;
  createdBy: string | null;
}

export async function insertPaymentMethod(tx: Transaction, practiceId: string, write: PaymentMethodWrite): Promise<PaymentMethodRecord> {
  const [row] = await tx
    .insert(paymentMethods)
    .values({ practiceId, ...write })
    .returning(paymentMethodColumns);
  if (!row) throw new Error('insert into payment_methods returned no row');
  return row;
}

export async function clearDefault(tx: Transaction, practiceId: string, patientId: string): Promise<void> {
  await tx
    .update(paymentMethods)
    .set({ isDefault: false })
    .where(and(eq(paymentMethods.practiceId, practiceId), eq(paymentMethods.patientId, patientId), eq(paymentMethods.isDefault, true)));
}

export async function markDefault(tx: Transaction, practiceId: string, paymentMethodId: string): Promise<PaymentMethodRecord | undefined> {
  const [row] = await tx
    .update(paymentMethods)
    .set({ isDefault: true })
    .where(and(eq(paymentMethods.practiceId, practiceId), eq(paymentMethods.id, paymentMethodId), isNull(paymentMethods.removedAt)))
    .returning(paymentMethodColumns);
  return row;
}

export async function updateExpiry(
  tx: Transaction,
  practiceId: string,
  paymentMethodId: string,
  expiry: { expMonth: number; expYear: number },
): Promise<PaymentMethodRecord | undefined> {
  const [row] = await tx
    .update(paymentMethods)
    .set(expiry)
    .where(and(eq(paymentMethods.practiceId, practiceId), eq(paymentMethods.id, paymentMethodId), isNull(paymentMethods.removedAt)))
    .returning(paymentMethodColumns);
  return row;
}

export async function markRemoved(
  tx: Transaction,
  practiceId: string,
  paymentMethodId: string,
  removedBy: { staffId: string } | 'patient',
  now: Date,
): Promise<void> {
  await tx
    .update(paymentMethods)
    .set({
      removedAt: now,
      removedBy: removedBy === 'patient' ? null : removedBy.staffId,
      removedByPatient: removedBy === 'patient',
      isDefault: false,
    })
    .where(and(eq(paymentMethods.practiceId, practiceId), eq(paymentMethods.id, paymentMethodId), isNull(paymentMethods.removedAt)));
}

export type WebhookClaim = 'claimed' | 'already_processed' | 'in_progress';

/**
 * Takes a webhook event for handling: recorded and not yet processed, and not held by
 * another delivery until `claimUntil`. Runs as the owning role (a platform table).
 */
export async function claimWebhookEvent(
  tx: Transaction,
  event: { gateway: PaymentGatewayName; eventId: string; eventType: string; practiceId: string | null; objectId: string | null },
  now: Date,
  claimUntil: Date,
): Promise<WebhookClaim> {
  await tx
    .insert(webhookEvents)
    .values({ ...event, receivedAt: now })
    .onConflictDoNothing();
  const [claimed] = await tx
    .update(webhookEvents)
    .set({ claimedUntil: claimUntil, attempts: sql`${webhookEvents.attempts} + 1` })
    .where(
      and(
        eq(webhookEvents.gateway, event.gateway),
        eq(webhookEvents.eventId, event.eventId),
        isNull(webhookEvents.processedAt),
        or(isNull(webhookEvents.claimedUntil), lt(webhookEvents.claimedUntil, now)),
      ),
    )
    .returning({ eventId: webhookEvents.eventId });
  if (claimed) return 'claimed';
  const [existing] = await tx
    .select({ processedAt: webhookEvents.processedAt })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.gateway, event.gateway), eq(webhookEvents.eventId, event.eventId)));
  return existing?.processedAt ? 'already_processed' : 'in_progress';
}

export async function markWebhookEventProcessed(tx: Transaction, gateway: PaymentGatewayName, eventId: string, now: Date): Promise<void> {
  await tx
    .update(webhookEvents)
    .set({ processedAt: now, claimedUntil: null })
    .where(and(eq(webhookEvents.gateway, gateway), eq(webhookEvents.eventId, eventId)));
}

export async function releaseWebhookEvent(tx: Transaction, gateway: PaymentGatewayName, eventId: string): Promise<void> {
  await tx
    .update(webhookEvents)
    .set({ claimedUntil: null })
    .where(and(eq(webhookEvents.gateway, gateway), eq(webhookEvents.eventId, eventId), isNull(webhookEvents.processedAt)));
}
