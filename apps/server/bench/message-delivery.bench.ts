/**
 * Messages delivered per second from a backlog of 10,000 queued emails to an in-process
 * SMTP server on 127.0.0.1, through the real outbox, worker and nodemailer transport.
 *
 *   npx tsx apps/server/bench/message-delivery.bench.ts            (embedded PGlite)
 *   DATABASE_URL=postgres://… npx tsx apps/server/bench/message-delivery.bench.ts
 *
 * On PostgreSQL it uses the given database and creates one practice per run.
 */
import { sql } from 'drizzle-orm';
import { createMessageDeliveryWorker, createSmtpEmailTransport, enqueueMessage } from '../src/modules/notifications/index.ts';
import { startTestSmtpServer } from '../src/modules/notifications/test-smtp-server.ts';
import { openDatabase } from '../src/platform/database.ts';
import { runMigrations } from '../src/platform/migrations.ts';
import { asPlatform, inPractice } from '../src/platform/tenancy.ts';

const BACKLOG = Number(process.env.BENCH_MESSAGES ?? 10_000);
const ENQUEUE_BATCH = 500;

const databaseUrl = process.env.DATABASE_URL;
const database = await openDatabase({ databaseUrl, dataDir: 'memory://', poolSize: 4 });
await runMigrations(database);
const smtp = await startTestSmtpServer({ parse: false });

try {
  const practiceId = await asPlatform(database, async (tx) => {
    const result = await tx.execute<{ id: string }>(
      sql`insert into practices (name, timezone) values ('Benchmark Clinic', 'America/New_York') returning id`,
    );
    const id = result.rows[0]?.id;
    if (!id) throw new Error('no practice created');
    return id;
  });

  const enqueueStartedAt = performance.now();
  for (let start = 0; start < BACKLOG; start += ENQUEUE_BATCH) {
    await inPractice(database, practiceId, async (tx) => {
      for (let index = start; index < Math.min(start + ENQUEUE_BATCH, BACKLOG); index++) {
        await enqueueMessage(tx, practiceId, {
          channel: 'email',
          to: `patient-${index}@example.com`,
          subject: 'Your appointment at Benchmark Clinic is confirmed',
          textBody: `Hi Patient ${index},\n\nYour Botox with Dr. Ana Ruiz is confirmed for Monday, March 9, 2026 at 2:30 PM EDT.\n\nWarm regards,\nBenchmark Clinic`,
          htmlBody: `<p>Hi Patient ${index},</p><p>Your Botox with Dr. Ana Ruiz is confirmed for Monday, March 9, 2026 at 2:30 PM EDT.</p>`,
          dedupeKey: `bench:${index}`,
        });
      }
    });
  }
  const enqueueSeconds = (performance.now() - enqueueStartedAt) / 1000;

  const worker = createMessageDeliveryWorker({
    database,
    transports: {
      email: createSmtpEmailTransport({
        url: smtp.url,
        from: 'Benchmark Clinic <hello@bench.test>',
        maxConnections: Number(process.env.BENCH_CONNECTIONS ?? 5),
      }),
    },
    batchSize: Number(process.env.BENCH_BATCH ?? 100),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 20),
    onlyPractices: [practiceId],
  });
  const deliveryStartedAt = performance.now();
  let sent = 0;
  while (sent < BACKLOG) {
    const pass = await worker.deliverDueMessages();
    sent += pass.sent;
    if (pass.claimed === 0) break;
  }
  const deliverySeconds = (performance.now() - deliveryStartedAt) / 1000;
  await worker.stop();

  const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
  console.log(`engine                ${engine}`);
  console.log(`backlog               ${BACKLOG} emails`);
  console.log(
    `queued                ${(BACKLOG / enqueueSeconds).toFixed(0)} messages/s (enqueueMessage in transactions of ${ENQUEUE_BATCH})`,
  );
  console.log(`delivered             ${sent} sent, ${smtp.received.length} received by the SMTP server in ${deliverySeconds.toFixed(1)} s`);
  console.log(`delivery throughput   ${(sent / deliverySeconds).toFixed(0)} messages/s`);
  if (sent !== BACKLOG || smtp.received.length !== BACKLOG) {
    console.error('not every message was delivered exactly once');
    process.exitCode = 1;
  }
} finally {
  await smtp.stop();
  await database.close();
}
