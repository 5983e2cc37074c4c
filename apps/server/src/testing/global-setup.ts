import { openDatabase } from '../platform/database.ts';
import { runMigrations } from '../platform/migrations.ts';

/** With DATABASE_URL set, migrate that database once before the integration tests. */
export default async function setup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return;
  const database = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
}
