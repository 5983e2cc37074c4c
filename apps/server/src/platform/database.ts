import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
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
   * Runs work in one transaction. `prelude` runs first (on PostgreSQL in the same round
   * trip as BEGIN) and statements queued with `deferUntilCommit` run last (in the same
   * round trip as COMMIT); a failure anywhere rolls everything back.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: { prelude?: SQL }): Promise<T>;
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
    async transaction(work, options) {
      return db.transaction(async (tx) => {
        if (options?.prelude) await tx.execute(options.prelude);
        const deferred: SQL[] = [];
        deferredStatements.set(tx, deferred);
        const result = await work(tx);
        deferredStatements.delete(tx);
        for (const statement of deferred) await tx.execute(statement);
        return result;
      });
    },
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
    async transaction(work, options) {
      const connection = await pool.connect();
      const tx = new NodePgTransaction(dialect, new NodePgSession(connection, dialect, undefined), undefined) as unknown as Transaction;
      const deferred: SQL[] = [];
      let broken: Error | undefined;
      try {
        // Simple-protocol scripts: BEGIN with the prelude, the deferred statements with COMMIT.
        await connection.query(['begin', ...(options?.prelude ? [inlineSql(options.prelude)] : [])].join(';\n'));
        deferredStatements.set(tx, deferred);
        const result = await work(tx);
        deferredStatements.delete(tx);
        await connection.query([...deferred.map(inlineSql), 'commit'].join(';\n'));
        return result;
      } catch (error) {
        deferredStatements.delete(tx);
        await connection.query('rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        // A connection that could not roll back is discarded, not returned to the pool.
        connection.release(broken);
      }
    },
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

/** Statements waiting for their transaction's COMMIT, by the transaction that queued them. */
const deferredStatements = new WeakMap<Transaction | Executor, SQL[]>();

/**
 * Queues a write to run with the transaction's COMMIT (one round trip fewer) and returns
 * true; returns false, queuing nothing, when `tx` is not a transaction opened by
 * `Database.transaction` (run the statement yourself then). Only for writes nothing in the
 * transaction reads back, such as audit events: a failure still rolls the whole transaction back.
 */
export function deferUntilCommit(tx: Transaction | Executor, statement: SQL): boolean {
  const deferred = deferredStatements.get(tx);
  if (!deferred) return false;
  deferred.push(statement);
  return true;
}

/**
 * A literal for PostgreSQL's simple query protocol (text without bind parameters). The text
 * travels as a C string, so a NUL character, which no text value may hold, is refused
 * rather than allowed to cut the script short.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} as an SQL literal`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  if (text.includes('\u0000')) throw new TypeError('Text for the database cannot contain a NUL character');
  return pg.escapeLiteral(text);
}

/** A statement's text with its parameters written in as literals, for the simple query protocol. */
function inlineSql(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_match, position: string) => sqlLiteral(params[Number(position) - 1]));
}

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
