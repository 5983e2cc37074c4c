/**
 * Membership billing throughput on PostgreSQL: 100,000 memberships due at once, billed by one
 * run of `billDueMemberships` through the simulated gateway (the real sales, billing and
 * gateway code, its idempotency keys and tables), then a second run that must charge nothing.
 * The run bills in batches (docs/decisions/037): each practice's due memberships are claimed,
 * invoiced, charged and recorded a batch at a time.
 *
 *   npm run bench:memberships
 *   BENCH_MEMBERSHIPS=10000 BENCH_PRACTICES=10 npm run bench:memberships
 *
 * It creates a database of its own on the PostgreSQL server DATABASE_URL names (by default
 * postgres://postgres@127.0.0.1:5432/postgres, trust auth), migrates it, writes the practices,
 * patients, cards (at the simulated gateway too) and due memberships with set-based SQL, and
 * drops the database at the end (BENCH_KEEP_DATABASE=1 keeps it). The members are spread over
 * BENCH_PRACTICES practices (100 by default: a platform's run crosses practices, and each
 * practice numbers its invoices in order). BENCH_POOL_SIZE sets the connection pool (20),
 * BENCH_BATCH_SIZE the memberships of a practice billed together (250), BENCH_BATCHES_AT_ONCE the
 * batches billed at once (4) and BENCH_CONCURRENCY the charges a batch has at the gateway at once
 * for a gateway that takes one per request (8).
 */
import { availableParallelism } from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createCoreServices } from '../src/core-services.ts';
import { createManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/database.ts';
import { runMigrations } from '../src/platform/migrations.ts';
import { createSimulatedGateway } from '../src/modules/billing/index.ts';
import { DEFAULT_BATCHES_AT_ONCE } from '../src/modules/memberships/index.ts';

const MEMBERSHIPS = Number(process.env.BENCH_MEMBERSHIPS ?? 100_000);
const PRACTICES = Math.max(1, Math.min(MEMBERSHIPS, Number(process.env.BENCH_PRACTICES ?? 100)));
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 250);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCHES_AT_ONCE = Number(process.env.BENCH_BATCHES_AT_ONCE ?? DEFAULT_BATCHES_AT_ONCE);
const PRICE_CENTS = 9_900;
// Enrolled on 15 January 2027; the first draw (period 1) is on 15 February, and the run is that day.
const ENROLLED_ON = '2027-01-15';
const DRAW_ON = '2027-02-15';
const RUN_AT = '2027-02-15T15:00:00Z';
const ZONE = 'America/New_York';

const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const databaseName = `glowdesk_bench_memberships_${process.pid}`;
const adminUrl = new URL(serverUrl);
adminUrl.pathname = '/postgres';
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${databaseName}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Everything a due membership needs, written with one statement per table. */
async function seed(database: Database): Promise<void> {
  const n = MEMBERSHIPS;
  const p = PRACTICES;
  await database.withConnection(async (run) => {
    await run(`
      begin;
      insert into practices (id, name, timezone)
        select md5('practice' || i)::uuid, 'Bench Practice ' || i, '${ZONE}' from generate_series(0, ${p - 1}) i;
      insert into staff (practice_id, id, email, display_name, role, password_hash)
        select md5('practice' || i)::uuid, md5('owner' || i)::uuid, 'owner' || i || '@bench.test', 'Owner ' || i, 'owner', 'not-a-password-hash'
          from generate_series(0, ${p - 1}) i;
      insert into clinics (practice_id, id, name, timezone)
        select md5('practice' || i)::uuid, md5('clinic' || i)::uuid, 'Main Clinic', '${ZONE}' from generate_series(0, ${p - 1}) i;
      insert into membership_plans (practice_id, id, name, currency, monthly_price_cents, created_at, created_by, updated_at)
        select md5('practice' || i)::uuid, md5('plan' || i)::uuid, 'Glow Club', 'USD', ${PRICE_CENTS}, now(), md5('owner' || i)::uuid, now()
          from generate_series(0, ${p - 1}) i;
      insert into membership_plan_clinics (practice_id, plan_id, clinic_id)
        select md5('practice' || i)::uuid, md5('plan' || i)::uuid, md5('clinic' || i)::uuid from generate_series(0, ${p - 1}) i;
      insert into patients (practice_id, id, first_name, last_name, email)
        select md5('practice' || (i % ${p}))::uuid, md5('patient' || i)::uuid, 'Member', 'Number ' || i, 'member' || i || '@bench.test'
          from generate_series(0, ${n - 1}) i;
      insert into simulated_gateway.customers (id, email)
        select 'cus_bench_' || i, 'member' || i || '@bench.test' from generate_series(0, ${n - 1}) i;
      insert into simulated_gateway.payment_methods (id, customer_id, brand, last4, exp_month, exp_year, charge_outcome)
        select 'pm_bench_' || i, 'cus_bench_' || i, 'visa', '4242', 12, 2030, 'succeed' from generate_series(0, ${n - 1}) i;
      insert into payment_methods (practice_id, id, patient_id, gateway, gateway_customer_id, gateway_payment_method_id,
                                   brand, last4, exp_month, exp_year, is_default)
        select md5('practice' || (i % ${p}))::uuid, md5('card' || i)::uuid, md5('patient' || i)::uuid, 'simulated',
               'cus_bench_' || i, 'pm_bench_' || i, 'visa', '4242', 12, 2030, true
          from generate_series(0, ${n - 1}) i;
      insert into memberships (practice_id, id, patient_id, plan_id, clinic_id, status, billing_interval, price_cents, currency,
                               draw_day, draw_month, first_draw_month, enrolled_on, minimum_term_ends_on, payment_method_id,
                               next_period, next_draw_on, next_charge_at, created_at, updated_at)
        select md5('practice' || (i % ${p}))::uuid, md5('membership' || i)::uuid, md5('patient' || i)::uuid,
               md5('plan' || (i % ${p}))::uuid, md5('clinic' || (i % ${p}))::uuid, 'active', 'month', ${PRICE_CENTS}, 'USD',
               15, 1, '2027-02', '${ENROLLED_ON}', '${ENROLLED_ON}', md5('card' || i)::uuid,
               1, '${DRAW_ON}', ('${DRAW_ON}'::date)::timestamp at time zone '${ZONE}', now(), now()
          from generate_series(0, ${n - 1}) i;
      commit;
      analyze;
    `);
    return undefined;
  });
}

async function count(database: Database, query: ReturnType<typeof sql>): Promise<number> {
  const result = await database.db.execute<{ count: string | number }>(query);
  return Number(result.rows[0]?.count ?? 0);
}

await admin(`create database ${databaseName}`);
let database: Database | undefined;
try {
  database = await openDatabase({ databaseUrl: benchUrl.toString(), poolSize: POOL_SIZE });
  await runMigrations(database);
  const setupStartedAt = performance.now();
  await seed(database);
  const setupSeconds = (performance.now() - setupStartedAt) / 1000;

  const clock = createManualClock(RUN_AT);
  const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: benchUrl.toString() }), demo: false };
  const paymentGateway = createSimulatedGateway({ database, clock });
  const services = createCoreServices(config, database, clock, { paymentGateway });
  const errors: unknown[] = [];
  const logger = { error: (details: object) => void errors.push(details) };

  const startedAt = performance.now();
  const first = await services.memberships.billDueMemberships({
    logger,
    batchSize: BATCH_SIZE,
    batchesAtOnce: BATCHES_AT_ONCE,
    concurrency: CONCURRENCY,
  });
  const seconds = (performance.now() - startedAt) / 1000;

  const secondStartedAt = performance.now();
  const second = await services.memberships.billDueMemberships({
    logger,
    batchSize: BATCH_SIZE,
    batchesAtOnce: BATCHES_AT_ONCE,
    concurrency: CONCURRENCY,
  });
  const secondSeconds = (performance.now() - secondStartedAt) / 1000;

  const charges = await count(database, sql`select count(*) as count from simulated_gateway.payment_intents`);
  const paidPeriods = await count(database, sql`select count(*) as count from membership_periods where status = 'paid' and number = 1`);
  const succeeded = await count(database, sql`select count(*) as count from invoice_payments where status = 'succeeded'`);

  console.log(
    `engine                PostgreSQL (${databaseName}, pool ${POOL_SIZE}, batches of ${BATCH_SIZE}, ${BATCHES_AT_ONCE} at once, ${availableParallelism()} cores)`,
  );
  console.log(`memberships           ${MEMBERSHIPS} due, across ${PRACTICES} practices (set up in ${setupSeconds.toFixed(1)} s)`);
  console.log(
    `first run             ${first.paid} billed, ${first.declined} declined, ${first.unknown} unknown, ${first.errors} errors in ${seconds.toFixed(1)} s`,
  );
  console.log(`throughput            ${(first.paid / seconds).toFixed(0)} charges/s`);
  console.log(
    `second run            ${second.paid + second.declined + second.unknown} charged (${second.considered} considered) in ${secondSeconds.toFixed(2)} s`,
  );
  console.log(`gateway               ${charges} charges; ${succeeded} succeeded payments; ${paidPeriods} paid periods`);
  if (errors.length > 0) console.error('first error:', errors[0]);
  const exactlyOnce = first.paid === MEMBERSHIPS && charges === MEMBERSHIPS && succeeded === MEMBERSHIPS && paidPeriods === MEMBERSHIPS;
  const secondCharged = second.paid + second.declined + second.unknown;
  if (!exactlyOnce || secondCharged !== 0) {
    console.error('not every membership was charged exactly once');
    process.exitCode = 1;
  } else {
    console.log('exactly once          every membership charged once; the second run charged nothing');
  }
} finally {
  await database?.close();
  if (process.env.BENCH_KEEP_DATABASE !== '1') await admin(`drop database if exists ${databaseName} with (force)`);
}
