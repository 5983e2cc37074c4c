import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';

interface RowsOf<Row> {
  rows: Row[];
}

/** What `execute` returns on both drivers: node-postgres' QueryResult and PGlite's Results share `rows`. */
export interface RowsResultHKT extends PgQueryResultHKT {
  readonly type: RowsOf<this['row']>;
}

/** The drizzle handle both engines share: repositories accept this or a transaction. */
export type Executor = PgDatabase<RowsResultHKT>;
export type Transaction = PgTransaction<RowsResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Executor;
  /**
   * Runs work on one dedicated connection that accepts multi-statement scripts
   * (migrations, session-level advisory locks).
   */
  withConnection<T>(work: (runScript: ScriptRunner) => Promise<T>): Promise<T>;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type ScriptRunner = (script: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
  const db = drizzlePglite(client) as unknown as Executor;
  let closed = false;
  return {
    engine: 'pglite',
    db,
    async withConnection(work) {
      return work(async (script) => {
        const results = await client.exec(script);
        return results.at(-1)?.rows ?? [];
      });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzleNodePostgres(pool) as unknown as Executor;
  await pool.query('select 1');
  let closed = false;
  return {
    engine: 'postgres',
    db,
    async withConnection(work) {
      const connection = await pool.connect();
      try {
        return await work(async (script) => {
          const results: unknown = await connection.query(script);
          const last = Array.isArray(results) ? (results.at(-1) as pg.QueryResult) : (results as pg.QueryResult);
          return last.rows as Record<string, unknown>[];
        });
      } finally {
        connection.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

const dialect = new PgDialect();

/** A statement prepared once: run it with the values of its `sql.placeholder`s. */
export type PreparedStatement<Row extends Record<string, unknown>, Values extends object> = (
  tx: Transaction | Executor,
  values: Values,
) => Promise<Row[]>;

/**
 * Builds a plain-SQL statement once (values are `sql.placeholder('name')`) and runs it as a
 * named prepared statement: PostgreSQL parses it once per connection and, once its plan
 * proves generic, stops planning it; PGlite runs it as usual. For the few hot statements
 * whose building and planning cost more than their execution.
 */
export function prepareStatement<Row extends Record<string, unknown>, Values extends object>(
  name: string,
  query: SQL,
): PreparedStatement<Row, Values> {
  const built = dialect.sqlToQuery(query);
  return async (tx, values) => {
    const prepared = tx._.session.prepareQuery<{ execute: unknown; all: unknown; values: unknown }>(built, undefined, name, false);
    const result = (await prepared.execute(values as Record<string, unknown>)) as RowsOf<Row>;
    return result.rows;
  };
}

/** The SQLSTATE of a database error, wherever the driver or drizzle put it. */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
      current = (current as { cause?: unknown }).cause;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The constraint a database error names, if any (unique or exclusion violations). */
export function constraintOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const constraint = (current as { constraint?: unknown }).constraint;
      if (typeof constraint === 'string') return constraint;
      current = (current as { cause?: unknown }).cause;
    } else {
      return undefined;
    }
  }
  return undefined;
}
