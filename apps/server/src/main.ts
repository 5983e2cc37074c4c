import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { DEMO_PASSWORD } from './demo/demo-staff.ts';
import { seedDemo } from './demo/seed-demo.ts';
import {
  createMessageDeliveryWorker,
  createMessageTransports,
  createReminderScheduler,
  loadMessagingConfig,
} from './modules/notifications/index.ts';
import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/database.ts';
import { runMigrations } from './platform/migrations.ts';

const usage = `Usage: glowdesk <command>

Commands:
  start          migrate, load demo data into an empty embedded database, serve API + web UI
  migrate        apply pending database migrations and exit
  seed-demo      load the demo practice into an empty database and exit
  create-owner   create a practice and its owner:
                   --practice "Name" --timezone America/New_York --email you@clinic.com --name "Your Name"
                   (password from GLOWDESK_OWNER_PASSWORD, or asked for on the terminal)`;

async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await runMigrations(database);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  return database;
}

function printLogins(logins: { email: string; role: string }[]): void {
  console.log('\nDemo sign-ins (password for all: %s):', DEMO_PASSWORD);
  for (const login of logins) console.log(`  ${login.role.padEnd(11)} ${login.email}`);
  console.log('');
}

async function start(config: Config): Promise<void> {
  const startedAt = performance.now();
  const messagingConfig = loadMessagingConfig();
  const database = await openMigratedDatabase(config);
  const app = await buildApp({ config, database, logger: { level: config.logLevel } });
  const messageDelivery = createMessageDeliveryWorker({ database, transports: createMessageTransports(messagingConfig), logger: app.log });
  const reminders = createReminderScheduler({
    database,
    patients: app.services.patients,
    cancellationPolicies: app.services.sales,
    logger: app.log,
  });
  if (config.demo) {
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
    await app.close();
    await reminders.stop();
    await messageDelivery.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  messageDelivery.start();
  reminders.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
  console.log(`Glowdesk is running at http://localhost:${port} on the ${where} (ready in ${Math.round(performance.now() - startedAt)} ms)`);
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
