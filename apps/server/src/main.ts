import cluster, { type Worker } from 'node:cluster';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Temporal } from 'temporal-polyfill';
import { buildApp } from './app.ts';
import { DEMO_PASSWORD } from './demo/demo-staff.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { createPhotoFileCleanupScheduler } from './modules/emr/index.ts';
import { practiceSlugWithin } from './modules/identity/index.ts';
import { createMembershipBillingScheduler } from './modules/memberships/index.ts';
import {
  createMessageDeliveryWorker,
  createMessageTransports,
  createReminderScheduler,
  portalLinkSource,
} from './modules/notifications/index.ts';
import { fitProcessesToConnections, loadConfig, type Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/database.ts';
import { runMigrations } from './platform/migrations.ts';

const usage = `Usage: glowdesk <command>

Commands:
  start          migrate, load demo data into an empty embedded database, serve API + web UI
  migrate        apply pending database migrations and exit
  seed-demo      load the demo practice into an empty database and exit
  bill-memberships [--through YYYY-MM-DD]
                 charge the membership draws and retries due now (with --through, only draws on or
                 before that date) and exit; safe to repeat: a period is never charged twice
  create-owner   create a practice and its owner:
                   --practice "Name" --timezone America/New_York --email you@clinic.com --name "Your Name"
                   (password from GLOWDESK_OWNER_PASSWORD, or asked for on the terminal)`;

async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  const applied = await runMigrations(database);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  return database;
}

/**
 * Connections PostgreSQL accepts from this server: max_connections less the slots it keeps
 * for superusers (and, from PostgreSQL 16, for roles granted pg_use_reserved_connections).
 * Undefined on the embedded database, which has no connections to run out of.
 */
async function allowedConnections(database: Database): Promise<number | undefined> {
  if (database.engine !== 'postgres') return undefined;
  const [row] = await database.withConnection((run) =>
    run(
      `select current_setting('max_connections')::int
                - current_setting('superuser_reserved_connections')::int
                - coalesce(current_setting('reserved_connections', true)::int, 0) as allowed`,
    ),
  );
  return Number(row?.allowed);
}

/**
 * The configuration to serve with once PostgreSQL's connection limit is known: refuses one
 * that would run out of connections under load, and fits 'auto' to it.
 */
async function fitToDatabase(config: Config, database: Database): Promise<Config> {
  const allowed = await allowedConnections(database);
  if (allowed === undefined) return config;
  const { processes, lowered } = fitProcessesToConnections(config, allowed);
  if (lowered) {
    console.log(
      `GLOWDESK_PROCESSES=auto: running ${processes} server process${processes === 1 ? '' : 'es'}, not ${config.processes}: PostgreSQL accepts ${allowed} connections and each process keeps up to DATABASE_POOL_SIZE=${config.databasePoolSize}.`,
    );
  }
  return { ...config, processes };
}

function printLogins(logins: { email: string; role: string }[]): void {
  console.log('\nDemo sign-ins (password for all: %s):', DEMO_PASSWORD);
  for (const login of logins) console.log(`  ${login.role.padEnd(11)} ${login.email}`);
  console.log('');
}

/** How often a production server writes out log lines it holds. */
const LOG_FLUSH_INTERVAL_MS = 1_000;

/**
 * In production, log lines go to stdout in 4 KB writes, and at least every second: a write per
 * line costs a system call per request, about a tenth of a busy server's time. What is held
 * is written when the process exits, also on a crash; a killed process (SIGKILL) loses up to
 * a second of lines (the audit trail is in the database, not the log).
 */
function loggerOptions(config: Config): { level: string; stream?: pino.DestinationStream } {
  if (!config.production) return { level: config.logLevel };
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stream.flush(), LOG_FLUSH_INTERVAL_MS).unref();
  return { level: config.logLevel, stream };
}

/**
 * Serves the API and web UI in this process until SIGTERM or SIGINT. A process of a cluster
 * (GLOWDESK_PROCESSES above 1) neither loads demo data nor announces itself: the primary
 * process did the one and does the other.
 */
async function serve(config: Config): Promise<void> {
  const startedAt = performance.now();
  const inCluster = cluster.isWorker;
  const database = await openMigratedDatabase(config);
  // A cluster's primary checked the connection budget for all its processes.
  if (!inCluster) {
    try {
      await fitToDatabase(config, database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  const app = await buildApp({ config, database, logger: loggerOptions(config) });
  const messageDelivery = createMessageDeliveryWorker({ database, transports: createMessageTransports(config), logger: app.log });
  const reminders = createReminderScheduler({
    database,
    patients: app.services.patients,
    cancellationPolicies: app.services.sales,
    portalLinks: portalLinkSource(config.publicBaseUrl, practiceSlugWithin),
    logger: app.log,
  });
  const membershipBilling = createMembershipBillingScheduler({
    billDueMemberships: (options) => app.services.memberships.billDueMemberships(options),
    logger: app.log,
  });
  const photoFileCleanup = createPhotoFileCleanupScheduler({
    deletePendingPhotoFiles: (options) => app.services.emr.deletePendingPhotoFiles(options),
    logger: app.log,
  });
  if (config.demo && !inCluster) {
    const demo = await seedDemo(app);
    if (demo.seeded) console.log('Loaded the demo practice.');
    printLogins(demo.logins);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const forceExit = setTimeout(() => process.exit(1), 15_000);
    forceExit.unref();
    // The cleanup job uses the file store, which closing the app closes.
    await photoFileCleanup.stop();
    // close() lets requests in flight finish; a keep-alive connection whose request finished
    // after close() began would hold it open until it timed out, so idle ones are closed as
    // they appear.
    const closeIdle = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(closeIdle);
    await reminders.stop();
    await membershipBilling.stop();
    await messageDelivery.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  messageDelivery.start();
  reminders.start();
  membershipBilling.start();
  photoFileCleanup.start();
  if (inCluster) return;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  announce(config, port, startedAt);
}

function announce(config: Config, port: number, startedAt: number): void {
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
  const processes = config.processes > 1 ? ` with ${config.processes} server processes` : '';
  console.log(
    `Glowdesk is running at http://localhost:${port} on the ${where}${processes} (ready in ${Math.round(performance.now() - startedAt)} ms)`,
  );
}

/** A replaced process that fails again this soon means something is wrong with all of them. */
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_IN_WINDOW = 5;

/**
 * The primary of GLOWDESK_PROCESSES server processes: migrates and loads demo data once,
 * then forks the processes, which share the port (node:cluster hands each new connection to
 * one of them in turn). Replaces a process that dies, unless processes keep dying; on SIGTERM
 * or SIGINT stops them all, each finishing its in-flight requests.
 */
async function startCluster(requested: Config): Promise<void> {
  const startedAt = performance.now();
  const database = await openMigratedDatabase(requested);
  let config = requested;
  try {
    config = await fitToDatabase(requested, database);
    if (config.demo) {
      const app = await buildApp({ config, database });
      const demo = await seedDemo(app);
      if (demo.seeded) console.log('Loaded the demo practice.');
      printLogins(demo.logins);
      await app.close();
    }
  } finally {
    await database.close();
  }

  let stopping = false;
  let announced = false;
  const listening = new Set<Worker>();
  const restarts: number[] = [];
  const fork = () => cluster.fork();

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    if (!announced && listening.size === config.processes) {
      announced = true;
      announce(config, address.port, startedAt);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const wasServing = listening.delete(worker);
    if (stopping) return; // stopAll waits for each one
    const now = Date.now();
    const recent = restarts.filter((restartedAt) => restartedAt > now - RESTART_WINDOW_MS);
    restarts.splice(0, restarts.length, ...recent);
    if (!wasServing || restarts.length >= MAX_RESTARTS_IN_WINDOW) {
      console.error(
        `A server process exited (${signal ?? `code ${String(code)}`}) ${wasServing ? 'again and again' : 'before it was serving'}; stopping.`,
      );
      void stopAll(1);
      return;
    }
    restarts.push(now);
    console.error(`A server process exited (${signal ?? `code ${String(code)}`}); starting another.`);
    fork();
  });

  const stopAll = async (exitCode: number) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    const forceExit = setTimeout(() => process.exit(1), 20_000);
    forceExit.unref();
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGINT', () => void stopAll(0));

  for (let index = 0; index < config.processes; index++) fork();
}

async function start(config: Config): Promise<void> {
  if (config.processes > 1 && cluster.isPrimary) return startCluster(config);
  return serve(config);
}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env.GLOWDESK_OWNER_PASSWORD;
  if (fromEnvironment) return fromEnvironment;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question('Owner password (at least 10 characters): ');
  } finally {
    prompt.close();
  }
}

async function createOwner(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { practice: { type: 'string' }, timezone: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
  });
  const missing = ['practice', 'timezone', 'email', 'name'].filter((key) => !values[key as keyof typeof values]);
  if (missing.length > 0) throw new Error(`create-owner needs --${missing.join(', --')}`);
  const { createPracticeWithOwnerInput } = await import('./modules/identity/setup-input.ts');
  const input = createPracticeWithOwnerInput.parse({
    practiceName: values.practice,
    timezone: values.timezone,
    ownerEmail: values.email,
    ownerName: values.name,
    password: await readPassword(),
  });
  const database = await openMigratedDatabase(config);
  try {
    const app = await buildApp({ config, database });
    const { practice, owner } = await app.services.identity.createPracticeWithOwner(input);
    console.log(`Created practice "${practice.name}" (${practice.id}) with owner ${owner.email}.`);
    await app.close();
  } finally {
    await database.close();
  }
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** Runs membership billing once and reports what it did (operators run it after downtime). */
async function billMemberships(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { through: { type: 'string' } } });
  const throughDate = values.through;
  if (throughDate !== undefined && !isCalendarDate(throughDate)) throw new Error('--through takes a date, YYYY-MM-DD');
  const database = await openMigratedDatabase(config);
  try {
    const app = await buildApp({ config, database });
    const result = await app.services.memberships.billDueMemberships({
      throughDate,
      logger: { error: (details, message) => console.error(message, details) },
    });
    console.log(
      `Membership billing: ${result.considered} due, ${result.paid} paid, ${result.declined} declined, ${result.unknown} awaiting the gateway (marked for attention), ${result.held} held periods skipped, ${result.busy} being billed by another process, ${result.errors} errors.`,
    );
    await app.close();
    if (result.errors > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const database = await openMigratedDatabase(config);
      await database.close();
      console.log('Database is up to date.');
      return;
    }
    case 'seed-demo': {
      const database = await openMigratedDatabase(config);
      try {
        const app = await buildApp({ config, database });
        const demo = await seedDemo(app);
        console.log(demo.seeded ? 'Loaded the demo practice.' : 'The database already holds a practice; demo data not loaded.');
        if (demo.seeded) printLogins(demo.logins);
        await app.close();
      } finally {
        await database.close();
      }
      return;
    }
    case 'create-owner':
      return createOwner(config, rest);
    case 'bill-memberships':
      return billMemberships(config, rest);
    case 'help':
    case '--help':
      console.log(usage);
      return;
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
