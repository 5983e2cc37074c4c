import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createManualClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type Database } from '../../platform/database.ts';
import { runMigrations } from '../../platform/migrations.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createMembershipPractice, createPlan, enrol, type MembershipPractice } from './memberships-test-support.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const databaseUrl = process.env.DATABASE_URL;
// PGlite keeps its data on disk here, so the billing processes and this one share it in turn.
const dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-membership-billing-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function open(): Promise<Database> {
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 4 });
  if (!databaseUrl) await runMigrations(database);
  return database;
}

/**
 * Runs one billing process; with `killAfterCharges`, kills it (SIGKILL) right after that many
 * gateway answers, charging one card at a time, so that it dies in the middle of a batch: some of
 * the batch's periods charged and none of them recorded.
 */
function runBillingProcess(practiceId: string, now: string, killAfterCharges?: number): Promise<{ output: string; killed: boolean }> {
  const env = Object.fromEntries(
    Object.entries({
      ...process.env,
      DATABASE_URL: databaseUrl,
      GLOWDESK_DATA_DIR: dataDir,
      BILL_PRACTICE_ID: practiceId,
      BILL_NOW: now,
      // The run to kill stops after that answer, so it dies between a charge and its record.
      BILL_STALL_AFTER_CHARGES: String(killAfterCharges ?? 0),
      BILL_CONCURRENCY: killAfterCharges === undefined ? undefined : '1',
      LOG_LEVEL: 'warn',
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/modules/memberships/test-billing-run-process.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let killed = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (killAfterCharges !== undefined && !killed && (output.match(/^charged /gm) ?? []).length >= killAfterCharges) {
      killed = child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`billing process did not finish in 120 s:\n${output}`));
    }, 120_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve({ output, killed });
    });
  });
}

describe('a billing run killed mid-way', () => {
  it('is finished by the next run with every period charged exactly once', async () => {
    const clock = createManualClock('2027-01-15T15:00:00Z');
    let database = await open();
    const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl }), demo: false };
    const app = await buildApp({ config, database, clock });
    let setup: MembershipPractice;
    try {
      setup = await createMembershipPractice(app);
      const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
      for (let index = 0; index < 3; index += 1) {
        const patient = await app.inject({
          method: 'POST',
          url: '/api/v1/patients',
          headers: setup.practice.owner.headers,
          payload: { firstName: `Member${index}`, lastName: 'Restart', email: `member${index}@example.com` },
        });
        const patientId = patient.json<{ id: string }>().id;
        const card = await addCard(app, setup.practice, patientId, 'pm_card_visa');
        const response = await enrol(app, setup, { planId: plan.id, paymentMethodId: card.id }, patientId);
        expect(response.statusCode, response.body).toBe(201);
      }
    } finally {
      await app.close();
      await database.close();
    }

    // Six draws are due for each member: the first run dies right after the gateway's fifth answer,
    // the second of its second batch (one round per missed draw, the three members together).
    const first = await runBillingProcess(setup.practice.practiceId, '2027-07-20T15:00:00Z', 5);
    expect(first.killed, first.output).toBe(true);
    expect(first.output).not.toContain('done');
    database = await open();
    try {
      const left = await database.db.execute<{ status: string; count: string | number }>(
        sql`select status, count(*) as count from membership_periods where practice_id = ${setup.practice.practiceId} group by status order by status`,
      );
      // The enrolments and the first batch's three draws were recorded; of the second batch's three
      // periods, two were charged and one not yet, and none was recorded.
      expect(left.rows.map((row) => [row.status, Number(row.count)])).toEqual([
        ['charging', 3],
        ['paid', 3 + 3],
      ]);
      const charged = await database.db.execute<{ count: string | number }>(
        sql`select count(*) as count from simulated_gateway.payment_intents where metadata->>'glowdesk_practice_id' = ${setup.practice.practiceId}`,
      );
      expect(Number(charged.rows[0]?.count)).toBe(3 + 3 + 2);
    } finally {
      await database.close();
    }
    // The next run comes after the dead run's lease (and its attempt's in-flight time) ran out.
    const second = await runBillingProcess(setup.practice.practiceId, '2027-07-20T15:05:00Z');
    expect(second.output, second.output).toContain('done');

    database = await open();
    try {
      const practiceId = setup.practice.practiceId;
      const intents = await database.db.execute<{ count: string | number; keys: string | number }>(
        sql`select count(*) as count, count(distinct metadata->>'invoice_id') as keys from simulated_gateway.payment_intents
            where metadata->>'glowdesk_practice_id' = ${practiceId}`,
      );
      expect(Number(intents.rows[0]?.count)).toBe(3 + 3 * 6);
      expect(Number(intents.rows[0]?.keys)).toBe(3 + 3 * 6);
      const periods = await database.db.execute<{ status: string; payments: string | number; succeeded: string | number }>(
        sql`select p.status,
                   (select count(*) from invoice_payments ip where ip.practice_id = p.practice_id and ip.invoice_id = p.invoice_id) as payments,
                   (select count(*) from invoice_payments ip where ip.practice_id = p.practice_id and ip.invoice_id = p.invoice_id
                      and ip.status = 'succeeded') as succeeded
              from membership_periods p where p.practice_id = ${practiceId}`,
      );
      expect(periods.rows).toHaveLength(3 * 7);
      for (const period of periods.rows) {
        expect(period.status).toBe('paid');
        expect(Number(period.payments)).toBe(1);
        expect(Number(period.succeeded)).toBe(1);
      }
    } finally {
      await database.close();
    }
  }, 240_000);
});
