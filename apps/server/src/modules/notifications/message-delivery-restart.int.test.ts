import type { MessagePage, MessageSummary } from '@glowdesk/contracts';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type GlowdeskApp } from '../../app.ts';
import { createManualClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type Database } from '../../platform/database.ts';
import { runMigrations } from '../../platform/migrations.ts';
import { createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { startFakeTwilioServer } from './fake-twilio-server.ts';
import { createMessageDeliveryWorker } from './message-delivery-worker.ts';
import { queueMessage, readMessage, sampleEmail, waitUntil } from './notifications-test-helpers.ts';
import { createSmtpEmailTransport } from './smtp-email-transport.ts';
import { startTestSmtpServer } from './test-smtp-server.ts';

const databaseUrl = process.env.DATABASE_URL;
// PGlite keeps its data on disk here, so closing and reopening it is a real restart.
const dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-restart-'));
const smtp = await startTestSmtpServer();
const twilio = await startFakeTwilioServer();

afterAll(async () => {
  await smtp.stop();
  await twilio.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function listMessages(app: GlowdeskApp, practice: TestPractice): Promise<MessageSummary[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/messages?limit=200', headers: practice.owner.headers });
  return response.json<MessagePage>().items;
}

/** One server process: its own database connection, app and delivery worker. */
async function startProcess(clock: ReturnType<typeof createManualClock>, onlyPractices?: string[]) {
  const database: Database = await openDatabase({ databaseUrl, dataDir, poolSize: 4 });
  if (!databaseUrl) await runMigrations(database);
  const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl }), demo: false };
  const app: GlowdeskApp = await buildApp({ config, database });
  const transports = { email: createSmtpEmailTransport({ url: smtp.url, from: 'Glow Clinic <hello@glowclinic.test>', timeoutMs: 5_000 }) };
  const worker = createMessageDeliveryWorker({ database, transports, clock, pollIntervalMs: 10, onlyPractices });
  return {
    app,
    database,
    worker,
    async shutDown() {
      await app.close();
      await worker.stop();
      await database.close();
    },
  };
}

describe('a restart while messages wait for a retry', () => {
  it('loses nothing and sends nothing twice', async () => {
    const clock = createManualClock(new Date());
    const first = await startProcess(clock);
    const practice = await createTestPractice(first.app);

    smtp.refuseRecipients({ code: 451, message: '4.3.2 System not accepting network messages' });
    const recipients = Array.from({ length: 12 }, (_, index) => `restart-${index}@example.com`);
    const ids: string[] = [];
    for (const to of recipients) ids.push(await queueMessage(first.database, practice.practiceId, sampleEmail({ to })));
    const worker = createMessageDeliveryWorker({
      database: first.database,
      transports: { email: createSmtpEmailTransport({ url: smtp.url, from: 'hello@glowclinic.test', timeoutMs: 5_000 }) },
      clock,
      pollIntervalMs: 10,
      onlyPractices: [practice.practiceId],
    });
    worker.start();
    await waitUntil(async () => {
      const messages = await listMessages(first.app, practice);
      return messages.length === ids.length && messages.every((message) => message.attempts === 1 && message.status === 'queued');
    });
    // The process stops mid-retry.
    await worker.stop();
    await first.shutDown();

    smtp.refuseRecipients(null);
    clock.advanceMinutes(5);
    const second = await startProcess(clock, [practice.practiceId]);
    try {
      second.worker.start();
      await waitUntil(async () => (await listMessages(second.app, practice)).every((message) => message.status === 'sent'));
      for (const to of recipients) expect(smtp.received.filter((email) => email.envelopeTo.includes(to))).toHaveLength(1);
      const message = await readMessage(second.app, practice, ids[0] ?? '');
      expect(message.attempts).toBe(2);
    } finally {
      await second.shutDown();
    }
  });
});

describe('stopping the worker', () => {
  it('lets the process exit on its own once the worker and the database are closed', { timeout: 120_000 }, async () => {
    const here = (file: string) => pathToFileURL(fileURLToPath(new URL(file, import.meta.url))).href;
    const script = `
      import { sql } from 'drizzle-orm';
      import { openDatabase } from ${JSON.stringify(here('../../platform/database.ts'))};
      import { runMigrations } from ${JSON.stringify(here('../../platform/migrations.ts'))};
      import { asPlatform, inPractice } from ${JSON.stringify(here('../../platform/tenancy.ts'))};
      import { createMessageDeliveryWorker, createSmtpEmailTransport, createTwilioSmsTransport, enqueueMessage } from ${JSON.stringify(here('./index.ts'))};
      const database = await openDatabase({ dataDir: 'memory://' });
      await runMigrations(database);
      const practiceId = await asPlatform(database, async (tx) =>
        (await tx.execute(sql\`insert into practices (name, timezone) values ('Exit Clinic', 'UTC') returning id\`)).rows[0].id);
      await inPractice(database, practiceId, (tx) =>
        enqueueMessage(tx, practiceId, { channel: 'email', to: 'exit@example.com', subject: 'Hello', textBody: 'Hello' }));
      await inPractice(database, practiceId, (tx) =>
        enqueueMessage(tx, practiceId, { channel: 'sms', to: '+12125550199', textBody: 'Hello' }));
      const worker = createMessageDeliveryWorker({
        database,
        transports: {
          email: createSmtpEmailTransport({ url: process.env.TEST_SMTP_URL, from: 'exit@glowclinic.test' }),
          sms: createTwilioSmsTransport({
            accountSid: 'AC' + '0'.repeat(32), authToken: 'token', from: '+15005550006', apiBaseUrl: process.env.TEST_TWILIO_URL,
          }),
        },
        pollIntervalMs: 10,
      });
      worker.start();
      const sent = () => asPlatform(database, async (tx) =>
        (await tx.execute(sql\`select 1 from messages where status = 'sent'\`)).rows.length === 2);
      while (!(await sent())) await new Promise((resolve) => setTimeout(resolve, 10));
      await worker.stop();
      await database.close();
      console.log('stopped');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TEST_SMTP_URL: smtp.url, TEST_TWILIO_URL: twilio.baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stoppedAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (stoppedAt === undefined && output.includes('stopped')) stoppedAt = Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Starting tsx, PGlite and the migrations may be slow on a busy machine; what matters is
    // that once everything is closed nothing holds the process (a leaked SMTP pool would for minutes).
    const exit = await new Promise<{ code: number | null; lingeredMs: number | undefined }>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ code: null, lingeredMs: stoppedAt === undefined ? undefined : Date.now() - stoppedAt });
      }, 100_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, lingeredMs: stoppedAt === undefined ? undefined : Date.now() - stoppedAt });
      });
    });
    expect({ code: exit.code, output: output.trim().split('\n').at(-1) }).toEqual({ code: 0, output: 'stopped' });
    expect(exit.lingeredMs).toBeLessThan(5_000);
    expect(smtp.received.some((email) => email.envelopeTo.includes('exit@example.com'))).toBe(true);
    expect(twilio.requests.map((request) => request.to)).toEqual(['+12125550199']);
  });
});
