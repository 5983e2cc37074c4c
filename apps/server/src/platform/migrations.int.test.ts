import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { runMigrations } from './migrations.ts';

const migrationFiles = readdirSync(join(dirname(fileURLToPath(import.meta.url)), '../../migrations'))
  .filter((name) => name.endsWith('.sql'))
  .sort();

async function expectFullyMigrated(database: Database): Promise<void> {
  const extensions = await database.db.execute<{ extname: string }>(sql`select extname from pg_extension where extname = 'btree_gist'`);
  expect(extensions.rows).toHaveLength(1);
  const tables = await database.db.execute<{ tablename: string; rowsecurity: boolean }>(
    sql`select tablename, rowsecurity from pg_tables where schemaname = 'public' and tablename in ('practices', 'staff', 'staff_sessions', 'audit_events')`,
  );
  expect(tables.rows).toHaveLength(4);
  expect(tables.rows.every((table) => table.rowsecurity)).toBe(true);
}

describe('migrations on the embedded database', () => {
  it('migrates an empty PGlite database and then has nothing left to apply', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(await runMigrations(database)).toEqual(migrationFiles);
      await expectFullyMigrated(database);
      expect(await runMigrations(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

const serverUrl = process.env.DATABASE_URL;

describe.runIf(serverUrl)('migrations on a PostgreSQL server', () => {
  async function withFreshDatabase(work: (url: string) => Promise<void>): Promise<void> {
    const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
    const name = `glowdesk_migrate_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await admin.db.execute(sql.raw(`create database ${name}`));
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${name}`;
    try {
      await work(url.toString());
    } finally {
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    }
  }

  it('migrates an empty PostgreSQL database and then has nothing left to apply', async () => {
    await withFreshDatabase(async (url) => {
      const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
      try {
        expect(await runMigrations(database)).toEqual(migrationFiles);
        await expectFullyMigrated(database);
        expect(await runMigrations(database)).toEqual([]);
      } finally {
        await database.close();
      }
    });
  });

  it('lets two processes start on an empty database at once: one migrates, the other waits', async () => {
    await withFreshDatabase(async (url) => {
      const first = await openDatabase({ databaseUrl: url, poolSize: 2 });
      const second = await openDatabase({ databaseUrl: url, poolSize: 2 });
      try {
        const [appliedByFirst, appliedBySecond] = await Promise.all([runMigrations(first), runMigrations(second)]);
        expect([...appliedByFirst, ...appliedBySecond].sort()).toEqual(migrationFiles);
        await expectFullyMigrated(first);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
});
