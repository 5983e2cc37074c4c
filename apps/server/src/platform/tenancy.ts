import { sql } from 'drizzle-orm';
import type { Database, Transaction } from './database.ts';

/**
 * Runs work in one transaction as the restricted `glowdesk_app` role with the practice
 * set, so row-level security hides every other practice's rows even if a query forgets
 * its `practice_id` filter.
 */
export async function inPractice<T>(database: Database, practiceId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return database.transaction(work, {
    prelude: sql`select set_config('app.practice_id', ${practiceId}, true), set_config('role', 'glowdesk_app', true)`,
  });
}

/**
 * Runs work in one transaction as the owning role, outside any practice: only for the
 * few lookups that happen before a practice is known (sign-in, session resolution,
 * setup) and for platform-wide records. Every caller is named in docs/decisions/002.
 */
export async function asPlatform<T>(database: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return database.transaction(work);
}
