/** Shared arrangements for the wallet's tests (never imported by the app). */
import type { Wallet } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { TestPractice } from '../../testing/test-app.ts';

export async function addCredit(
  app: GlowdeskApp,
  practice: TestPractice,
  patientId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = practice.owner.headers,
) {
  return app.inject({ method: 'POST', url: `/api/v1/patients/${patientId}/wallet/credits`, headers, payload: body });
}

export async function walletOf(app: GlowdeskApp, practice: TestPractice, patientId: string): Promise<Wallet> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/wallet`, headers: practice.owner.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Wallet>();
}

/** How many ledger rows the practice holds: a refused request must add none. */
export async function walletEntryCount(database: Database, practiceId: string): Promise<number> {
  return inPractice(database, practiceId, async (tx) => {
    const result = await tx.execute<{ count: string | number }>(sql`select count(*) as count from wallet_entries`);
    return Number(result.rows[0]?.count ?? 0);
  });
}
