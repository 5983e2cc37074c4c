import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { is, Placeholder, SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { DEFAULT_POOL_SIZE } from './config.ts';

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
  transaction<T>(work: (tx: Transaction, read: unknown[]) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs work on one dedicated connection that accepts multi-statement scripts
   * (migrations, session-level advisory locks).
   */
  withConnection<T>(work: (runScript: ScriptRunner) => Promise<T>): Promise<T>;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /** A statement run right after BEGIN (the tenancy settings). */
  prelude?: SQL | BoundStatement;
  /**
   * Reads sent with BEGIN, in the same round trip, whose decoded answers `work` receives in
   * order. A decoder that throws (a validation error) rolls the transaction back before `work` runs.
   */
  reads?: readonly Read<unknown>[];
}

export type ScriptRunner = (script: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE);
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
        const prelude = options?.prelude;
        if (prelude) await (is(prelude, SQL) ? tx.execute(prelude) : prelude.statement(tx, prelude.values));
        const read: unknown[] = [];
        for (const early of options?.reads ?? []) read.push(await runRead(tx, early));
        const deferred: (SQL | BoundStatement)[] = [];
        // Queued writes run at once here: PGlite's round trips are function calls.
        pendingWrites.set(tx, { deferred });
        const result = await work(tx, read);
        pendingWrites.delete(tx);
        for (const statement of deferred) {
          if (is(statement, SQL)) await tx.execute(statement);
          else await statement.statement(tx, statement.values);
        }
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
  // Named so that pg_stat_activity tells which process holds a connection, unless the URL or
  // PGAPPNAME gives an application_name.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, fallback_application_name: `glowdesk pid ${process.pid}` });
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
      const deferred: (SQL | BoundStatement)[] = [];
      const queued: (SQL | BoundStatement)[] = [];
      let failedScript: Script | undefined;
      const runScript = (script: Script) =>
        script.run().catch((error: unknown) => {
          failedScript = script;
          throw error;
        });
      // The transaction's own statements go through this client: queued writes are sent
      // first, so whatever the work reads or writes next sees them.
      const client = Object.create(connection) as pg.PoolClient;
      client.query = ((...args: Parameters<pg.PoolClient['query']>) => {
        if (queued.length === 0) return connection.query(...args);
        const flush = new Script(connection);
        for (const statement of queued.splice(0)) flush.add(statement);
        return runScript(flush).then(() => connection.query(...args));
      }) as pg.PoolClient['query'];
      const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined) as unknown as Transaction;
      let broken: Error | undefined;
      try {
        // Simple-protocol scripts: BEGIN with the prelude and the early reads; the queued and
        // deferred writes with COMMIT.
        const opening = new Script(connection);
        opening.add('begin');
        if (options?.prelude) opening.add(options.prelude);
        const readAt = (options?.reads ?? []).map((early) => opening.add(early));
        const results = await runScript(opening);
        const read = (options?.reads ?? []).map((early, index) =>
          early.decode((results[readAt[index] ?? -1]?.rows ?? []) as Record<string, unknown>[]),
        );
        pendingWrites.set(tx, { deferred, queued });
        const result = await work(tx, read);
        pendingWrites.delete(tx);
        const closing = new Script(connection);
        for (const statement of queued) closing.add(statement);
        for (const statement of deferred) closing.add(statement);
        closing.add('commit');
        await runScript(closing);
        return result;
      } catch (error) {
        pendingWrites.delete(tx);
        // Rolls back and, when a script failed part way, learns which of its PREPAREs ran
        // (prepared statements outlive a rollback), so the connection stays usable.
        const recovery = failedScript?.recovery() ?? { text: 'rollback', apply: () => undefined };
        await connection
          .query(recovery.text)
          .then((answers: unknown) => recovery.apply(answers))
          .catch((recoveryError: unknown) => {
            broken = recoveryError instanceof Error ? recoveryError : new Error(String(recoveryError));
          });
        throw error;
      } finally {
        // A connection in an unknown state is discarded, not returned to the pool.
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

/**
 * Writes a transaction has not sent yet: `deferred` ones go with COMMIT; `queued` ones
 * (PostgreSQL only) with the transaction's next statement or its COMMIT, whichever comes first.
 */
interface PendingWrites {
  deferred: (SQL | BoundStatement)[];
  queued?: (SQL | BoundStatement)[];
}
const pendingWrites = new WeakMap<Transaction | Executor, PendingWrites>();

/**
 * Queues a write to run with the transaction's COMMIT (one round trip fewer) and returns
 * true; returns false, queuing nothing, when `tx` is not a transaction opened by
 * `Database.transaction` (run the statement yourself then). Only for writes nothing in the
 * transaction reads back or refers to, such as audit events: statements sent before COMMIT
 * do not see them. A failure still rolls the whole transaction back.
 */
export function deferUntilCommit(tx: Transaction | Executor, statement: SQL | BoundStatement): boolean {
  const pending = pendingWrites.get(tx);
  if (!pending) return false;
  pending.deferred.push(statement);
  return true;
}

/**
 * A write whose effects the transaction may rely on later. On PostgreSQL, inside
 * `Database.transaction`, it is queued and sent in the same round trip as the
 * transaction's next statement (ahead of it, so that statement sees it) or its COMMIT;
 * otherwise it runs now. Its errors (a constraint, a raised conflict) therefore surface at
 * that later statement or at COMMIT, and roll the whole transaction back either way: the
 * caller learns of them from the transaction, not from this call.
 */
export async function writeAhead(tx: Transaction | Executor, statement: SQL | BoundStatement): Promise<void> {
  const queued = pendingWrites.get(tx)?.queued;
  if (queued) {
    queued.push(statement);
    return;
  }
  if (is(statement, SQL)) await tx.execute(statement);
  else await statement.statement(tx, statement.values);
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
  if (Array.isArray(value)) return sqlLiteral(arrayText(value));
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  if (text.includes('\u0000')) throw new TypeError('Text for the database cannot contain a NUL character');
  return pg.escapeLiteral(text);
}

/** A one-dimensional PostgreSQL array in its text form: `{"a","b",NULL}`. */
function arrayText(values: readonly unknown[]): string {
  const items = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) throw new TypeError('Nested arrays are not written as SQL literals');
    let text: string;
    if (item instanceof Date) text = item.toISOString();
    else if (typeof item === 'string') text = item;
    else if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint') text = String(item);
    else text = JSON.stringify(item);
    return `"${text.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
  });
  return `{${items.join(',')}}`;
}

/** A statement's text with its parameters written in as literals, for the simple query protocol. */
function inlineSql(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_match, position: string) => sqlLiteral(params[Number(position) - 1]));
}

/** A statement prepared once: run it with the values of its `sql.placeholder`s. */
export interface PreparedStatement<Row extends Record<string, unknown>, Values extends object> {
  (tx: Transaction | Executor, values: Values): Promise<Row[]>;
  /** The server-side name, unique per text. */
  readonly statementName: string;
  /** The text with `$n` parameters, and the placeholder each one takes its value from. */
  readonly text: string;
  readonly parameterNames: readonly string[];
}

/**
 * Builds a plain-SQL statement once (values are `sql.placeholder('name')`) and runs it as a
 * named prepared statement: PostgreSQL parses it once per connection and, once its plan
 * proves generic, stops planning it; PGlite runs it as usual. For the few hot statements
 * whose building and planning cost more than their execution. Select timestamps as text or
 * epoch numbers: both drivers hand timestamp columns over as strings.
 */
export function prepareStatement<Row extends Record<string, unknown>, Values extends object>(
  name: string,
  query: SQL,
): PreparedStatement<Row, Values> {
  if (!/^[a-z0-9_.:-]{1,63}$/.test(name)) throw new Error(`Unusable prepared statement name: ${name}`);
  const built = dialect.sqlToQuery(query);
  const parameterNames = built.params.map((param) => {
    if (!is(param, Placeholder)) throw new Error(`${name}: every value of a prepared statement is a sql.placeholder`);
    return param.name;
  });
  const run = async (tx: Transaction | Executor, values: Values) => {
    const prepared = tx._.session.prepareQuery<{ execute: unknown; all: unknown; values: unknown }>(built, undefined, name, false);
    const result = (await prepared.execute(values as Record<string, unknown>)) as RowsOf<Row>;
    return result.rows;
  };
  return Object.assign(run, { statementName: name, text: built.sql, parameterNames });
}

/** A prepared statement with its values, to run later (in a script with BEGIN or COMMIT). */
export interface BoundStatement {
  readonly statement: PreparedStatement<Record<string, unknown>, object>;
  readonly values: object;
}

export function bind<Values extends object>(statement: PreparedStatement<Record<string, unknown>, Values>, values: Values): BoundStatement {
  return { statement: statement as unknown as PreparedStatement<Record<string, unknown>, object>, values };
}

/**
 * A read that can travel ahead of the work that uses it (with BEGIN, see
 * `TransactionOptions.reads`): a prepared statement, its values, and how its rows become
 * the answer (which may throw the module's validation errors).
 */
export interface Read<T> extends BoundStatement {
  decode(rows: Record<string, unknown>[]): T;
}

export function readOf<Row extends Record<string, unknown>, Values extends object, T>(
  statement: PreparedStatement<Row, Values>,
  values: Values,
  decode: (rows: Row[]) => T,
): Read<T> {
  return {
    statement: statement as unknown as PreparedStatement<Record<string, unknown>, object>,
    values,
    decode: (rows) => decode(rows as Row[]),
  };
}

/** Runs a read now, in the caller's transaction. */
export async function runRead<T>(tx: Transaction | Executor, read: Read<T>): Promise<T> {
  return read.decode(await read.statement(tx, read.values));
}

/** Timestamps, dates and intervals as the server writes them, as drizzle's node-postgres driver reads them. */
const RAW_TYPE_IDS = new Set([1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187]);
type TypeParserLookup = typeof pg.types.getTypeParser;
const rawTimestamps: { getTypeParser: TypeParserLookup } = {
  getTypeParser: ((...[typeId, format]: Parameters<TypeParserLookup>): unknown =>
    RAW_TYPE_IDS.has(typeId) ? (value: string) => value : pg.types.getTypeParser(typeId, format)) as TypeParserLookup,
};

/** Which statements pg has prepared on a connection (its own record, shared with named queries). */
function preparedOn(connection: pg.PoolClient): Record<string, string> {
  return (connection as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
}

/**
 * A simple-protocol script for one connection. A prepared statement is PREPAREd the first
 * time the connection sees it (and recorded where pg records the statements it prepares
 * itself, so either path reuses it), then run by EXECUTE with its values as literals.
 */
class Script {
  private readonly parts: string[] = [];
  private readonly preparing = new Map<string, string>();
  private readonly known: Record<string, string>;

  constructor(private readonly connection: pg.PoolClient) {
    this.known = preparedOn(connection);
  }

  /** Appends a statement; returns the index of its result. */
  add(statement: SQL | string | BoundStatement): number {
    if (typeof statement === 'string') return this.parts.push(statement) - 1;
    if (is(statement, SQL)) return this.parts.push(inlineSql(statement)) - 1;
    const { statement: prepared, values } = statement;
    if (this.known[prepared.statementName] === undefined && !this.preparing.has(prepared.statementName)) {
      this.parts.push(`prepare "${prepared.statementName}" as ${prepared.text}`);
      this.preparing.set(prepared.statementName, prepared.text);
    }
    const literals = prepared.parameterNames.map((name) => sqlLiteral((values as Record<string, unknown>)[name]));
    const argumentList = literals.length > 0 ? `(${literals.join(', ')})` : '';
    return this.parts.push(`execute "${prepared.statementName}"${argumentList}`) - 1;
  }

  /** Runs the script; after a failure, `recovery` tells which of its PREPAREs ran. */
  async run(): Promise<pg.QueryResult[]> {
    const results: unknown = await this.connection.query({ text: this.parts.join(';\n'), types: rawTimestamps });
    const record = preparedOn(this.connection);
    for (const [name, text] of this.preparing) record[name] = text;
    return (Array.isArray(results) ? results : [results]) as pg.QueryResult[];
  }

  /**
   * After the script failed inside a transaction: a ROLLBACK, then a read of which of the
   * script's PREPAREs took effect (a prepared statement outlives a rollback), to record
   * them as the driver's own.
   */
  recovery(): { text: string; apply(answers: unknown): void } {
    if (this.preparing.size === 0) return { text: 'rollback', apply: () => undefined };
    const names = [...this.preparing.keys()].map((name) => sqlLiteral(name)).join(', ');
    return {
      text: `rollback;\nselect name from pg_prepared_statements where name in (${names})`,
      apply: (answers) => {
        const last = (Array.isArray(answers) ? answers.at(-1) : answers) as pg.QueryResult<{ name: string }>;
        const record = preparedOn(this.connection);
        for (const { name } of last.rows) {
          const text = this.preparing.get(name);
          if (text !== undefined) record[name] = text;
        }
      },
    };
  }
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
