/**
 * One membership billing run in a process of its own, for the test that kills it mid-run
 * (memberships-restart.int.test.ts). Reads the database from DATABASE_URL or GLOWDESK_DATA_DIR,
 * the run's instant from BILL_NOW and the practice from BILL_PRACTICE_ID; prints a line after
 * each answer from the gateway (before billing records it) and "done" at the end. With
 * BILL_STALL_AFTER_CHARGES=n it stops after the gateway's nth answer, before billing records it,
 * so a kill lands between a charge and its record. BILL_CONCURRENCY sets how many memberships the
 * run bills at once (the run's default unless set).
 */
import { buildApp } from '../../app.ts';
import { createManualClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase } from '../../platform/database.ts';
import { runMigrations } from '../../platform/migrations.ts';
import { chargeEachOffSession, createSimulatedGateway, type PaymentGateway } from '../billing/index.ts';

const config = { ...loadConfig(), demo: false };
const practiceId = process.env.BILL_PRACTICE_ID ?? '';
const clock = createManualClock(process.env.BILL_NOW ?? '');
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
if (!config.databaseUrl) await runMigrations(database);
const stallAfter = Number(process.env.BILL_STALL_AFTER_CHARGES ?? 0);
let answers = 0;
const simulated = createSimulatedGateway({ database, clock, tokenRateLimit: { maxAttempts: 1000, windowSeconds: 60 } });
async function chargeOffSession(input: Parameters<PaymentGateway['chargeOffSession']>[0]) {
  const result = await simulated.chargeOffSession(input);
  process.stdout.write(`charged ${input.idempotencyKey} ${result.status}\n`);
  answers += 1;
  if (answers === stallAfter) await new Promise(() => undefined);
  return result;
}
// A batch goes to the gateway one charge at a time (as Stripe takes it), so a kill can land
// between two answers of one batch.
const gateway: PaymentGateway = Object.assign(Object.create(simulated) as PaymentGateway, {
  chargeOffSession,
  chargeOffSessionMany: (inputs: Parameters<PaymentGateway['chargeOffSessionMany']>[0], options: { concurrency: number }) =>
    chargeEachOffSession(chargeOffSession, inputs, options.concurrency),
});
const app = await buildApp({ config, database, clock, paymentGateway: gateway });
const concurrency = process.env.BILL_CONCURRENCY ? Number(process.env.BILL_CONCURRENCY) : undefined;
const result = await app.services.memberships.billDueMemberships({ practiceIds: [practiceId], ...(concurrency ? { concurrency } : {}) });
process.stdout.write(`done ${JSON.stringify(result)}\n`);
await app.close();
await database.close();
