import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { getTableColumns, is, Placeholder, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
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
/**
 * The handle of one transaction (`Database.transaction`): the same drizzle API, its
 * statements all on the transaction's connection.
 */
export type Transaction = Executor;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Executor;
  /**
   * Runs work in one transaction. `prelude` and `reads` run first, right after BEGIN; on
   * PostgreSQL they are pipelined with it (sent together, one wait for the answers). Each
   * statement's error is thrown by the call that ran it, the same on both engines; any error
   * rolls everything back.
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
  prelude?: BoundStatement;
  /**
   * Reads run right after the prelude, whose decoded answers `work` receives in order. A
   * decoder that throws (a validation error) rolls the transaction back before `work` runs.
   */
  reads?: readonly Read<unknown>[];
}

export type ScriptRunner = (script: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Called with the text of every statement sent to PostgreSQL (the booking benchmark counts them). */
  onStatement?: (text: string) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE, options.onStatement);
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
      // PGlite is one connection whose statements run one at a time: the statements of a
      // transaction run one after the other, each a function call rather than a round trip.
      return db.transaction(async (tx) => {
        if (options?.prelude) await runStatement(tx, options.prelude.statement, options.prelude.values);
        const read: unknown[] = [];
        for (const early of options?.reads ?? []) read.push(await runRead(tx, early));
        const result = await work(tx, read);
        // As on PostgreSQL (where COMMIT then answers ROLLBACK): a statement failed earlier and
        // the work went on regardless, so nothing is written and the caller must be told.
        await tx.execute(sql`select 1`).catch((error: unknown) => {
          if (sqlStateOf(error) === IN_FAILED_TRANSACTION) throw new RolledBackError();
          throw error;
        });
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

async function openPostgres(databaseUrl: string, poolSize: number, onStatement: ((text: string) => void) | undefined): Promise<Database> {
  // Named so that pg_stat_activity tells which process holds a connection, unless the URL or
  // PGAPPNAME gives an application_name. Pipelined (node-postgres' `pipeline` option): a
  // client sends a query without waiting for the answer to the one before, so statements
  // issued together (`runInOrder`, a transaction's opening reads) cost one wait, not one each.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    fallback_application_name: `glowdesk pid ${process.pid}`,
    pipeline: true,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const logger = onStatement ? { logQuery: (text: string) => onStatement(text) } : undefined;
  const db = drizzleNodePostgres({ client: pool, ...(logger ? { logger } : {}) }) as unknown as Executor;
  senders.set(db, (query) => {
    onStatement?.(query.text);
    return pool.query(query);
  });
  await pool.query('select 1');
  /** One drizzle handle per pooled connection, made the first time it serves a transaction. */
  const handles = new WeakMap<pg.PoolClient, Executor>();
  const handleOf = (connection: pg.PoolClient): Executor => {
    let handle = handles.get(connection);
    if (!handle) {
      handle = drizzleNodePostgres({ client: connection, ...(logger ? { logger } : {}) });
      senders.set(handle, (query) => {
        onStatement?.(query.text);
        return connection.query(query);
      });
      oneConnection.add(handle);
      handles.set(connection, handle);
    }
    return handle;
  };
  let closed = false;
  return {
    engine: 'postgres',
    db,
    async transaction(work, options) {
      const connection = await pool.connect();
      const tx = handleOf(connection);
      const send = (text: string) => {
        onStatement?.(text);
        return connection.query(text);
      };
      let broken: Error | undefined;
      try {
        const reads = options?.reads ?? [];
        const opening: Promise<unknown>[] = [send('begin')];
        if (options?.prelude) opening.push(runStatement(tx, options.prelude.statement, options.prelude.values));
        const answers = reads.map((early) => early.statement(tx, early.values));
        const rows = await settleInOrder([...opening, ...answers]);
        const read = reads.map((early, index) => early.decode(rows[opening.length + index] as Record<string, unknown>[]));
        const result = await work(tx, read);
        const committed = await send('commit');
        // COMMIT answers ROLLBACK, without an error, when a statement failed earlier and the
        // work went on regardless: nothing was written, so the caller must not be told otherwise.
        if (committed.command !== 'COMMIT') throw new RolledBackError();
        return result;
      } catch (error) {
        await send('rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
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

/** SQLSTATE 25P02: a statement of the transaction failed, and it accepts nothing but ROLLBACK. */
const IN_FAILED_TRANSACTION = '25P02';

/** A transaction's work returned normally after one of its statements had failed: nothing was committed. */
export class RolledBackError extends Error {
  constructor() {
    super('The transaction was rolled back: one of its statements failed and the work carried on');
    this.name = 'RolledBackError';
  }
}

/**
 * Waits for statements sent together and returns their answers in order; when any failed,
 * throws the error of the first that failed (inside a transaction the ones after it fail
 * only because it did), once all have answered.
 */
async function settleInOrder(sent: readonly Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
}

const dialect = new PgDialect();

/** A named query for node-postgres: parsed once per connection, then only bound and run. */
type NamedQuery = { name: string; text: string; values: unknown[]; types: typeof rawTimestamps };
/** How named queries reach PostgreSQL from a drizzle handle this module made (the pool, or a transaction's connection). */
const senders = new WeakMap<Executor, (query: NamedQuery) => Promise<pg.QueryResult>>();
/** The handles whose statements all go to one pipelined connection, in the order sent. */
const oneConnection = new WeakSet<Executor>();

/** A statement prepared once: run it with the values its `value(…)`s name. */
export interface PreparedStatement<Row extends Record<string, unknown>, Values extends object> {
  (tx: Executor, values: Values): Promise<Row[]>;
  /** The server-side name, unique per text. */
  readonly statementName: string;
  /** The text with `$n` parameters, and the value each one takes, by name. */
  readonly text: string;
  readonly parameterNames: readonly (keyof Values & string)[];
}

/** What a prepared statement's SQL is built with: a value by name (a placeholder, or the value itself). */
export type ValueOf<Values extends object> = <Name extends keyof Values & string>(name: Name) => unknown;

/**
 * A plain-SQL statement built once and run as a named prepared statement on PostgreSQL
 * (node-postgres' `{ name, text, values }`: each connection parses it once and, once its
 * plan proves generic, stops planning it); every value is a bound parameter. `build` writes
 * the SQL with `value('name')` wherever a value goes; it is called once with placeholders to
 * make the text, and on PGlite, with the values, for each run. For the few hot statements
 * whose building and planning cost more than their execution. Select timestamps as text or
 * epoch numbers: both drivers hand timestamp columns over as strings.
 */
export function prepareStatement<Row extends Record<string, unknown>, Values extends object>(
  name: string,
  build: (value: ValueOf<Values>) => SQL,
): PreparedStatement<Row, Values> {
  if (!/^[a-z0-9_.:-]{1,63}$/.test(name)) throw new Error(`Unusable prepared statement name: ${name}`);
  const built = dialect.sqlToQuery(build((parameter) => sql.placeholder(parameter)));
  const parameterNames = built.params.map((param) => {
    if (!is(param, Placeholder)) throw new Error(`${name}: every value of a prepared statement is a value('…')`);
    return param.name as keyof Values & string;
  });
  const run = async (tx: Executor, values: Values) => {
    const send = senders.get(tx);
    if (!send) {
      // PGlite (or a transaction drizzle opened itself): an ordinary statement with bound values.
      const byName = values as Record<string, unknown>;
      // `sql.param`, so that an array stays one value rather than becoming a list of them.
      const result = await tx.execute<Row>(build((parameter) => sql.param(byName[parameter])));
      return result.rows;
    }
    const result = await send({
      name,
      text: built.sql,
      values: parameterNames.map((parameter) => (values as Record<string, unknown>)[parameter]),
      types: rawTimestamps,
    });
    return result.rows as Row[];
  };
  return Object.assign(run, { statementName: name, text: built.sql, parameterNames });
}

/** A prepared statement with its values, to run later (after BEGIN, or with `runInOrder`). */
export interface BoundStatement {
  readonly statement: PreparedStatement<Record<string, unknown>, object>;
  readonly values: object;
}

export function bind<Values extends object>(statement: PreparedStatement<Record<string, unknown>, Values>, values: Values): BoundStatement {
  return { statement: statement as unknown as PreparedStatement<Record<string, unknown>, object>, values };
}

function runStatement(tx: Executor, statement: PreparedStatement<Record<string, unknown>, object>, values: object) {
  return statement(tx, values);
}

/**
 * Runs statements in the order given and returns their rows. On PostgreSQL, inside
 * `Database.transaction`, they are sent together (pipelined): one wait for all the answers.
 * When one fails, its error is thrown here on both engines, after the statements before it
 * ran (on PostgreSQL the ones after it fail too, the transaction being aborted, and are not
 * reported), and the transaction rolls back.
 */
export async function runInOrder(tx: Executor, statements: readonly BoundStatement[]): Promise<Record<string, unknown>[][]> {
  if (oneConnection.has(tx)) {
    const rows = await settleInOrder(statements.map(({ statement, values }) => statement(tx, values)));
    return rows as Record<string, unknown>[][];
  }
  const rows: Record<string, unknown>[][] = [];
  for (const { statement, values } of statements) rows.push(await statement(tx, values));
  return rows;
}

/**
 * Runs independent pieces of one transaction's work together and returns their results in
 * order. On PostgreSQL their statements are sent without waiting for one another
 * (pipelined: the round trips overlap); on PGlite, which runs one statement at a time, one
 * after another. When any fails, its error is thrown once all have finished, and the
 * transaction rolls back. Only for work whose statements do not depend on each other.
 */
export async function runTogether<T extends readonly unknown[]>(
  tx: Executor,
  works: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (oneConnection.has(tx)) return (await settleInOrder(works.map((work) => work()))) as unknown as T;
  const results: unknown[] = [];
  for (const work of works) results.push(await work());
  return results as unknown as T;
}

/**
 * `column = any($1::uuid[])`: the ids travel as one array value. Drizzle's `inArray` writes
 * a placeholder per id and builds each one on every call, which costs more than the query
 * for the hundreds of ids of a week's book.
 */
export function isAnyOf(column: SQLWrapper, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...ids])}::uuid[])`;
}

/**
 * A read that can run with the transaction's BEGIN (see `TransactionOptions.reads`): a
 * prepared statement, its values, and how its rows become the answer (which may throw the
 * module's validation errors).
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
export async function runRead<T>(tx: Executor, read: Read<T>): Promise<T> {
  return read.decode(await read.statement(tx, read.values));
}

/** Timestamps, dates and intervals as the server writes them, as drizzle's node-postgres driver reads them. */
const RAW_TYPE_IDS = new Set([1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187]);
type TypeParserLookup = typeof pg.types.getTypeParser;
const rawTimestamps: { getTypeParser: TypeParserLookup } = {
  getTypeParser: ((...[typeId, format]: Parameters<TypeParserLookup>): unknown =>
    RAW_TYPE_IDS.has(typeId) ? (value: string) => value : pg.types.getTypeParser(typeId, format)) as TypeParserLookup,
};

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

/**
 * Inserts many rows with one statement whose values travel as one array per column
 * (`insert … select * from unnest($1::uuid[], $2::text[], …)`): a few parameters whatever the
 * number of rows, so neither drizzle nor PostgreSQL builds and parses a statement with a
 * placeholder per value. Every row must name the same columns (a column left out takes its
 * default). Answers the `returning` columns, snake_case as PostgreSQL names them.
 */
export async function insertByColumns<Table extends PgTable>(
  tx: Executor,
  table: Table,
  rows: readonly Table['$inferInsert'][],
  options: { onConflictDoNothing?: boolean; returning?: readonly string[] } = {},
): Promise<Record<string, unknown>[]> {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const arrays = columns.map(([key, column]) => {
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(', '));
  const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const returning = options.returning?.length ? sql` returning ${sql.raw(options.returning.map((name) => `"${name}"`).join(', '))}` : sql``;
  const result = await tx.execute(
    sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})${conflict}${returning}`,
  );
  return result.rows;
}
