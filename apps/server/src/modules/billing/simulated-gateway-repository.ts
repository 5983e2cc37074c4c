import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { insertByColumns, type Executor, type Transaction } from '../../platform/database.ts';
import {
  simulatedCustomers,
  simulatedIdempotencyKeys,
  simulatedPaymentIntents,
  simulatedPaymentMethods,
  simulatedRefunds,
  simulatedSetupIntents,
  simulatedTokens,
} from './simulated-gateway-tables.ts';

/** The simulated processor's SQL. It runs as the owning role, never inside a Glowdesk transaction. */
type Store = Executor;

export type SimulatedCard = Pick<
  typeof simulatedPaymentMethods.$inferInsert,
  'brand' | 'last4' | 'expMonth' | 'expYear' | 'chargeOutcome' | 'declineCode'
>;
export type SimulatedPaymentMethodRecord = typeof simulatedPaymentMethods.$inferSelect;
export type SimulatedTokenRecord = typeof simulatedTokens.$inferSelect;
export type SimulatedPaymentIntentRecord = typeof simulatedPaymentIntents.$inferSelect;

export async function insertCustomer(
  store: Store,
  customer: { id: string; name: string; email: string | null; metadata: Record<string, string> },
): Promise<void> {
  await store.insert(simulatedCustomers).values(customer);
}

export async function customerExists(store: Store, customerId: string): Promise<boolean> {
  const [row] = await store.select({ id: simulatedCustomers.id }).from(simulatedCustomers).where(eq(simulatedCustomers.id, customerId));
  return row !== undefined;
}

export async function insertToken(store: Store, token: { id: string } & SimulatedCard): Promise<void> {
  await store.insert(simulatedTokens).values(token);
}

export async function findTokenForUpdate(tx: Transaction, tokenId: string): Promise<SimulatedTokenRecord | undefined> {
  const [row] = await tx.select().from(simulatedTokens).where(eq(simulatedTokens.id, tokenId)).for('update');
  return row;
}

export async function markTokenUsed(tx: Transaction, tokenId: string, paymentMethodId: string, customerId: string): Promise<void> {
  await tx.update(simulatedTokens).set({ paymentMethodId, customerId }).where(eq(simulatedTokens.id, tokenId));
}

export async function insertPaymentMethod(
  store: Store,
  paymentMethod: { id: string; customerId: string | null } & SimulatedCard,
): Promise<SimulatedPaymentMethodRecord> {
  const [row] = await store.insert(simulatedPaymentMethods).values(paymentMethod).returning();
  if (!row) throw new Error('insert into simulated_gateway.payment_methods returned no row');
  return row;
}

export async function findPaymentMethod(
  store: Store,
  paymentMethodId: string,
  options: { lock?: boolean } = {},
): Promise<SimulatedPaymentMethodRecord | undefined> {
  const query = store.select().from(simulatedPaymentMethods).where(eq(simulatedPaymentMethods.id, paymentMethodId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findPaymentMethods(
  store: Store,
  paymentMethodIds: readonly string[],
): Promise<Map<string, SimulatedPaymentMethodRecord>> {
  if (paymentMethodIds.length === 0) return new Map();
  const rows = await store
    .select()
    .from(simulatedPaymentMethods)
    .where(inArray(simulatedPaymentMethods.id, [...new Set(paymentMethodIds)]));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function attachPaymentMethod(tx: Transaction, paymentMethodId: string, customerId: string): Promise<void> {
  await tx.update(simulatedPaymentMethods).set({ customerId }).where(eq(simulatedPaymentMethods.id, paymentMethodId));
}

export async function updatePaymentMethodExpiry(
  tx: Transaction,
  paymentMethodId: string,
  expMonth: number,
  expYear: number,
): Promise<SimulatedPaymentMethodRecord> {
  const [row] = await tx
    .update(simulatedPaymentMethods)
    .set({ expMonth, expYear })
    .where(eq(simulatedPaymentMethods.id, paymentMethodId))
    .returning();
  if (!row) throw new Error('update of simulated_gateway.payment_methods returned no row');
  return row;
}

export async function detachPaymentMethod(store: Store, paymentMethodId: string, now: Date): Promise<void> {
  await store
    .update(simulatedPaymentMethods)
    .set({ detachedAt: now })
    .where(and(eq(simulatedPaymentMethods.id, paymentMethodId), isNull(simulatedPaymentMethods.detachedAt)));
}

export async function insertSetupIntent(
  store: Store,
  setupIntent: { id: string; customerId: string; clientSecret: string },
): Promise<void> {
  await store.insert(simulatedSetupIntents).values(setupIntent);
}

export async function insertPaymentIntent(
  tx: Transaction,
  paymentIntent: Omit<typeof simulatedPaymentIntents.$inferInsert, 'amountRefunded' | 'createdAt'>,
): Promise<void> {
  await tx.insert(simulatedPaymentIntents).values(paymentIntent);
}

export async function insertPaymentIntents(
  tx: Transaction,
  paymentIntents: readonly Omit<typeof simulatedPaymentIntents.$inferInsert, 'amountRefunded' | 'createdAt'>[],
): Promise<void> {
  await insertByColumns(tx, simulatedPaymentIntents, paymentIntents);
}

export async function findPaymentIntentForUpdate(
  tx: Transaction,
  paymentIntentId: string,
): Promise<SimulatedPaymentIntentRecord | undefined> {
  const [row] = await tx.select().from(simulatedPaymentIntents).where(eq(simulatedPaymentIntents.id, paymentIntentId)).for('update');
  return row;
}

export async function recordRefund(
  tx: Transaction,
  refund: { id: string; paymentIntentId: string; amount: number; reason: string | null },
): Promise<void> {
  await tx.insert(simulatedRefunds).values({ ...refund, status: 'succeeded' });
  await tx
    .update(simulatedPaymentIntents)
    .set({ amountRefunded: sql`${simulatedPaymentIntents.amountRefunded} + ${refund.amount}` })
    .where(eq(simulatedPaymentIntents.id, refund.paymentIntentId));
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; requestHash: string; response: unknown };

/**
 * Claims an idempotency key for this transaction. A concurrent claim of the same key waits
 * for this transaction to end (the primary key's lock), then sees the stored response.
 */
export async function claimIdempotencyKey(tx: Transaction, operation: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
  const inserted = await tx
    .insert(simulatedIdempotencyKeys)
    .values({ operation, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: simulatedIdempotencyKeys.key });
  if (inserted.length > 0) return { claimed: true };
  const [existing] = await tx
    .select({ requestHash: simulatedIdempotencyKeys.requestHash, response: simulatedIdempotencyKeys.response })
    .from(simulatedIdempotencyKeys)
    .where(and(eq(simulatedIdempotencyKeys.operation, operation), eq(simulatedIdempotencyKeys.key, key)));
  if (!existing) throw new Error('idempotency key vanished between insert and select');
  return { claimed: false, requestHash: existing.requestHash, response: existing.response };
}

export async function storeIdempotentResponse(tx: Transaction, operation: string, key: string, response: unknown): Promise<void> {
  await tx
    .update(simulatedIdempotencyKeys)
    .set({ response })
    .where(and(eq(simulatedIdempotencyKeys.operation, operation), eq(simulatedIdempotencyKeys.key, key)));
}

/**
 * Claims many keys of one operation for this transaction with one statement, in key order, so
 * two transactions claiming overlapping keys wait for each other rather than deadlock. Answers
 * the keys claimed; each key taken already is answered by `findIdempotencyKeys`.
 */
export async function claimIdempotencyKeys(
  tx: Transaction,
  operation: string,
  claims: readonly { key: string; requestHash: string }[],
): Promise<Set<string>> {
  const rows = [...claims]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((claim) => ({ operation, key: claim.key, requestHash: claim.requestHash }));
  const inserted = await insertByColumns(tx, simulatedIdempotencyKeys, rows, { onConflictDoNothing: true, returning: ['key'] });
  return new Set(inserted.map((row) => String(row.key)));
}

export async function findIdempotencyKeys(
  tx: Transaction,
  operation: string,
  keys: readonly string[],
): Promise<Map<string, { requestHash: string; response: unknown }>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .select({
      key: simulatedIdempotencyKeys.key,
      requestHash: simulatedIdempotencyKeys.requestHash,
      response: simulatedIdempotencyKeys.response,
    })
    .from(simulatedIdempotencyKeys)
    .where(and(eq(simulatedIdempotencyKeys.operation, operation), inArray(simulatedIdempotencyKeys.key, [...keys])));
  return new Map(rows.map((row) => [row.key, { requestHash: row.requestHash, response: row.response }]));
}

/** Stores each key's response with one statement. */
export async function storeIdempotentResponses(
  tx: Transaction,
  operation: string,
  responses: readonly { key: string; response: unknown }[],
): Promise<void> {
  if (responses.length === 0) return;
  await tx.execute(sql`
    update ${simulatedIdempotencyKeys} set response = stored.response
      from unnest(${sql.param(responses.map((entry) => entry.key))}::text[],
                  ${sql.param(responses.map((entry) => JSON.stringify(entry.response)))}::jsonb[]) as stored (key, response)
     where ${simulatedIdempotencyKeys.operation} = ${operation} and ${simulatedIdempotencyKeys.key} = stored.key`);
}

/** Gives back keys claimed in this transaction for requests that were refused (as a rollback would). */
export async function releaseIdempotencyKeys(tx: Transaction, operation: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx
    .delete(simulatedIdempotencyKeys)
    .where(and(eq(simulatedIdempotencyKeys.operation, operation), inArray(simulatedIdempotencyKeys.key, [...keys])));
}
