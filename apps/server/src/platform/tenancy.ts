import { sql } from 'drizzle-orm';
import { bind, prepareStatement, type Database, type Read, type Transaction } from './database.ts';

/** Every practice transaction starts with it: prepared, so PostgreSQL plans it once per connection. */
const practiceSettingsStatement = prepareStatement<Record<string, unknown>, { practiceId: string }>(
  'platform.practice_settings',
  (value) => sql`select set_config('app.practice_id', ${value('practiceId')}::text, true), set_config('role', 'glowdesk_app', true)`,
);

const practiceSettings = (practiceId: string) => bind(practiceSettingsStatement, { practiceId });

/**
 * Runs work in one transaction as the restricted `glowdesk_app` role with the practice
 * set, so row-level security hides every other practice's rows even if a query forgets
 * its `practice_id` filter.
 */
export async function inPractice<T>(database: Database, practiceId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return database.transaction((tx) => work(tx), { prelude: practiceSettings(practiceId) });
}

type ReadsByName = Record<string, Read<unknown> | readonly (Read<unknown> | undefined)[] | undefined>;
type AnswerOfRead<Entry> = [NonNullable<Entry>] extends [Read<infer Answer>]
  ? Answer | (undefined extends Entry ? undefined : never)
  : undefined;
type AnswerOf<Entry> = [Entry] extends [readonly (infer Item)[]] ? AnswerOfRead<Item>[] : AnswerOfRead<Entry>;
type AnswersOf<Reads extends ReadsByName> = { [Name in keyof Reads]: AnswerOf<Reads[Name]> };

/**
 * `inPractice` whose first reads travel with BEGIN in one round trip (on PostgreSQL): work
 * receives their answers by name (a list of reads gives a list of answers; a read left out,
 * undefined). The reads are decoded in the order given, so the first decoder to refuse the
 * request names the error. For hot paths whose reads do not depend on each other.
 */
export async function inPracticeReading<Reads extends ReadsByName, T>(
  database: Database,
  practiceId: string,
  reads: Reads,
  work: (tx: Transaction, answers: AnswersOf<Reads>) => Promise<T>,
): Promise<T> {
  const flat: Read<unknown>[] = [];
  const slots = Object.entries(reads).map(([name, entry]) => {
    const place = (read: Read<unknown> | undefined) => (read ? flat.push(read) - 1 : -1);
    return { name, at: Array.isArray(entry) ? entry.map(place) : place(entry as Read<unknown> | undefined) };
  });
  return database.transaction(
    (tx, answers) => {
      const answerAt = (index: number) => (index < 0 ? undefined : answers[index]);
      const named = slots.map(({ name, at }) => [name, Array.isArray(at) ? at.map(answerAt) : answerAt(at)]);
      return work(tx, Object.fromEntries(named) as AnswersOf<Reads>);
    },
    { prelude: practiceSettings(practiceId), reads: flat },
  );
}

/**
 * Runs work in one transaction as the owning role, outside any practice: only for the
 * few lookups that happen before a practice is known (sign-in, session resolution,
 * setup) and for platform-wide records. Every caller is named in docs/decisions/002.
 */
export async function asPlatform<T>(database: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return database.transaction((tx) => work(tx));
}
