import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Arbitrary constant shared by every process that migrates the same database. */
const MIGRATION_LOCK_KEY = 7_271_001;

/**
 * Applies every `migrations/NNNN_name.sql` not yet recorded, in order, each in its own
 * transaction. Processes racing at start serialize on an advisory lock.
 * Returns the names of the migrations it applied.
 */
export async function runMigrations(database: Database): Promise<string[]> {
  const files = readdirSync(migrationsDir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
  return database.withConnection(async (runScript) => {
    await runScript(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await runScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Set((await runScript('SELECT name FROM schema_migrations')).map((row) => String(row.name)));
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file)) continue;
        const script = readFileSync(join(migrationsDir, file), 'utf8');
        try {
          await runScript(`BEGIN;\n${script}\n;\nINSERT INTO schema_migrations (name) VALUES ('${file}');\nCOMMIT;`);
        } catch (error) {
          await runScript('ROLLBACK').catch(() => undefined);
          throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(file);
      }
      return applied;
    } finally {
      await runScript(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
