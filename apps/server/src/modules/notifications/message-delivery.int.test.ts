import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import { createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { sql } from 'drizzle-orm';
import { appointmentInviteAttachment } from './appointment-invite.ts';
import { defaultMessageTemplates } from './default-message-templates.ts';
import { createMessageDeliveryWorker, retryDelayMs, type MessageDeliveryWorker } from './message-delivery-worker.ts';
import { cancelQueuedMessages, enqueueMessage } from './message-outbox.ts';
import type { MessageTransports } from './message-transports.ts';
import { queueMessage, readMessage, sampleEmail, sampleSms, waitUntil } from './notifications-test-helpers.ts';
import { renderTemplate } from './render-message-template.ts';
import { createSmtpEmailTransport } from './smtp-email-transport.ts';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server.ts';

// The worker's clock moves through hours of backoff; the app keeps real time so sessions stay valid.
const clock = createManualClock(new Date());
const { app, database } = await createTestApp();
const smtp = await startTestSmtpServer();
const workers: MessageDeliveryWorker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await smtp.stop();
});

function smtpTransports(server: TestSmtpServer = smtp): MessageTransports {
  return { email: createSmtpEmailTransport({ url: server.url, from: 'Glow Clinic <appointments@glowclinic.test>', timeoutMs: 5_000 }) };
}

function workerFor(practiceId: string, transports: MessageTransports = smtpTransports()) {
  const worker = createMessageDeliveryWorker({ database, transports, clock, pollIntervalMs: 10, onlyPractices: [practiceId] });
  workers.push(worker);
  return worker;
}

/** Unfolds an .ics and returns its content lines. */
function icsLines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

function icsValue(lines: string[], name: string): string | undefined {
  return lines.find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))?.replace(/^[^:]*:/, '');
}

function receivedBy(address: string) {
  return smtp.received.filter((email) => email.envelopeTo.includes(address));
}

describe('delivering email over SMTP', () => {
  it('delivers a confirmation with its calendar invite in a real SMTP conversation', async () => {
    const practice = await createTestPractice(app);
    // 2:30 PM in New York the day after the spring-forward change: 18:30Z, not 19:30Z.
    const startsAt = new Date('2026-03-09T18:30:00Z');
    const endsAt = new Date('2026-03-09T19:30:00Z');
    const rendered = renderTemplate(defaultMessageTemplates.booking_confirmation, {
      patient: { firstName: 'Camila' },
      clinic: { name: 'Glow Clinic', timeZone: 'America/New_York', phone: '+12125550100', address: '200 Spring St, New York' },
      service: { name: 'Botox' },
      provider: { name: 'Dr. Ana Ruiz' },
      appointment: { startsAt },
    });
    const invite = appointmentInviteAttachment({
      uid: 'appointment-1@glowdesk.app',
      sequence: 0,
      method: 'REQUEST',
      startsAt,
      endsAt,
      stampedAt: clock.now(),
      summary: 'Botox at Glow Clinic',
      location: '200 Spring St, New York',
      organizer: { name: 'Glow Clinic', email: 'appointments@glowclinic.test' },
      attendee: { name: 'Camila Ortega', email: 'camila.confirm@example.com' },
    });
    const messageId = await queueMessage(database, practice.practiceId, {
      channel: 'email',
      to: 'camila.confirm@example.com',
      subject: rendered.email.subject,
      textBody: rendered.email.textBody,
      htmlBody: rendered.email.htmlBody,
      attachments: [invite],
      templateKey: 'booking_confirmation',
    });

    const result = await workerFor(practice.practiceId).deliverDueMessages();
    expect(result).toMatchObject({ claimed: 1, sent: 1 });

    const [email] = receivedBy('camila.confirm@example.com');
    const parsed = email?.parsed;
    expect(parsed?.subject).toBe('Your appointment at Glow Clinic is confirmed');
    expect(parsed?.text).toContain('Monday, March 9, 2026 at 2:30 PM EDT');
    expect(parsed?.html).toContain('Hi Camila,');
    expect(parsed?.messageId).toBe(`<${messageId}@glowclinic.test>`);
    const calendar = parsed?.attachments.find((attachment) => attachment.filename === 'invite.ics');
    expect(calendar?.contentType).toBe('text/calendar');
    const lines = icsLines(calendar?.content.toString('utf8') ?? '');
    expect(icsValue(lines, 'METHOD')).toBe('REQUEST');
    expect(icsValue(lines, 'UID')).toBe('appointment-1@glowdesk.app');
    expect(icsValue(lines, 'DTSTART')).toBe('20260309T183000Z');
    expect(icsValue(lines, 'DTEND')).toBe('20260309T193000Z');
    expect(icsValue(lines, 'SUMMARY')).toBe('Botox at Glow Clinic');
    expect(icsValue(lines, 'LOCATION')).toBe('200 Spring St\\, New York');

    const message = await readMessage(app, practice, messageId);
    expect(message).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: clock.now().toISOString() });
    expect(message.providerMessageId).toMatch(/^test\d+$/);
  });

  it('retries with exponential backoff through an outage and delivers every message exactly once', async () => {
    const practice = await createTestPractice(app);
    const recipients = Array.from({ length: 5 }, (_, index) => `outage-${index}@example.com`);
    smtp.refuseRecipients({ code: 451, message: '4.3.0 Mail system temporarily unavailable' });
    const ids: string[] = [];
    for (const to of recipients) ids.push(await queueMessage(database, practice.practiceId, sampleEmail({ to })));
    const worker = workerFor(practice.practiceId);
    worker.start();

    // Each failure schedules the next attempt further out: 30 s, 60 s, 120 s …
    const settledAfter = (attempts: number) => async () => {
      const message = await readMessage(app, practice, ids[0] ?? '');
      return message.attempts === attempts && message.status === 'queued';
    };
    await waitUntil(settledAfter(1));
    const afterFirst = await readMessage(app, practice, ids[0] ?? '');
    expect(afterFirst.status).toBe('queued');
    expect(afterFirst.lastError).toContain('451');
    expect(new Date(afterFirst.nextAttemptAt ?? '').getTime() - clock.now().getTime()).toBe(retryDelayMs(1));

    // Without the clock moving nothing is retried.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await readMessage(app, practice, ids[0] ?? '')).attempts).toBe(1);

    clock.advanceMinutes(0.5);
    await waitUntil(settledAfter(2));
    const afterSecond = await readMessage(app, practice, ids[0] ?? '');
    expect(new Date(afterSecond.nextAttemptAt ?? '').getTime() - clock.now().getTime()).toBe(retryDelayMs(2));

    clock.advanceMinutes(1);
    await waitUntil(settledAfter(3));

    smtp.refuseRecipients(null);
    clock.advanceMinutes(2);
    await waitUntil(async () => {
      const statuses = await Promise.all(ids.map(async (id) => (await readMessage(app, practice, id)).status));
      return statuses.every((status) => status === 'sent');
    });
    for (const to of recipients) expect(receivedBy(to)).toHaveLength(1);
    expect((await readMessage(app, practice, ids[0] ?? '')).attempts).toBe(4);

    // Later passes never send them again.
    clock.advanceMinutes(600);
    await worker.deliverDueMessages();
    for (const to of recipients) expect(receivedBy(to)).toHaveLength(1);
  });

  it('retries while the SMTP server is down entirely and delivers once it is back', async () => {
    const practice = await createTestPractice(app);
    const server = await startTestSmtpServer();
    const worker = workerFor(practice.practiceId, smtpTransports(server));
    await server.stop();
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'down@example.com' }));

    expect(await worker.deliverDueMessages()).toMatchObject({ claimed: 1, retried: 1 });
    const failed = await readMessage(app, practice, messageId);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
    expect(failed.lastError).toMatch(/SMTP/);

    await server.start();
    clock.advanceMinutes(1);
    expect(await worker.deliverDueMessages()).toMatchObject({ sent: 1 });
    expect(server.received).toHaveLength(1);
    await server.stop();
  });

  it('fails a message at once when the server refuses the recipient for good', async () => {
    const practice = await createTestPractice(app);
    const server = await startTestSmtpServer();
    server.refuseRecipients({ code: 550, message: '5.1.1 No such user' });
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'nobody@example.com' }));
    expect(await workerFor(practice.practiceId, smtpTransports(server)).deliverDueMessages()).toMatchObject({ failed: 1 });
    const message = await readMessage(app, practice, messageId);
    expect(message).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(message.lastError).toContain('550');
    await server.stop();
  });

  it('marks a message failed after its last attempt', async () => {
    const practice = await createTestPractice(app);
    const server = await startTestSmtpServer();
    server.refuseRecipients({ code: 421, message: '4.7.0 Try again later' });
    const worker = workerFor(practice.practiceId, smtpTransports(server));
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'flaky@example.com', maxAttempts: 3 }));
    for (let attempt = 1; attempt <= 3; attempt++) {
      await worker.deliverDueMessages();
      clock.advanceMinutes(120);
    }
    const message = await readMessage(app, practice, messageId);
    expect(message).toMatchObject({ status: 'failed', attempts: 3, maxAttempts: 3 });
    expect(message.lastError).toContain('gave up after 3 attempts');
    expect(await worker.deliverDueMessages()).toMatchObject({ claimed: 0 });
    expect(server.refusals).toBe(3);
    await server.stop();
  });

  it('takes back a message whose sender died mid-send once its lease has expired', async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'interrupted@example.com' }));
    // A worker claimed it and died: the row is left `sending` with a lease.
    await asPlatform(database, (tx) =>
      tx.execute(sql`update messages set status = 'sending', attempts = 1, claim_token = gen_random_uuid(),
        locked_until = ${new Date(clock.now().getTime() + 60_000)} where id = ${messageId}`),
    );
    const worker = workerFor(practice.practiceId);
    expect(await worker.deliverDueMessages()).toMatchObject({ claimed: 0, released: 0 });
    clock.advanceMinutes(2);
    expect(await worker.deliverDueMessages()).toMatchObject({ released: 1, sent: 1 });
    expect(receivedBy('interrupted@example.com')).toHaveLength(1);
    expect(await readMessage(app, practice, messageId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('never sends a message twice when two workers race for the same queue', async () => {
    const practice = await createTestPractice(app);
    const recipients = Array.from({ length: 30 }, (_, index) => `race-${index}@example.com`);
    for (const to of recipients) await queueMessage(database, practice.practiceId, sampleEmail({ to }));
    const first = workerFor(practice.practiceId);
    const second = workerFor(practice.practiceId);
    const passes = await Promise.all([first.deliverDueMessages(), second.deliverDueMessages(), first.deliverDueMessages()]);
    expect(passes.reduce((total, pass) => total + pass.sent, 0)).toBe(30);
    for (const to of recipients) expect(receivedBy(to)).toHaveLength(1);
  });
});

describe('the outbox', () => {
  it('queues a message only if the transaction that caused it commits', async () => {
    const practice = await createTestPractice(app);
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await enqueueMessage(tx, practice.practiceId, sampleEmail({ to: 'rolled-back@example.com' }));
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    const list = await app.inject({ method: 'GET', url: '/api/v1/messages', headers: practice.owner.headers });
    expect(list.json().items).toEqual([]);
  });

  it('returns the existing message for a dedupe key that is already queued', async () => {
    const practice = await createTestPractice(app);
    const dedupeKey = 'reminder:5a4d6a3e-0b5c-4d38-9f7e-2a8f7d0f3c11:48h';
    const first = await inPractice(database, practice.practiceId, (tx) =>
      enqueueMessage(tx, practice.practiceId, sampleSms({ dedupeKey, templateKey: 'reminder' })),
    );
    const second = await inPractice(database, practice.practiceId, (tx) =>
      enqueueMessage(tx, practice.practiceId, sampleSms({ dedupeKey, templateKey: 'reminder', textBody: 'A second copy' })),
    );
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ messageId: first.messageId, duplicate: true });
    const list = await app.inject({ method: 'GET', url: '/api/v1/messages', headers: practice.owner.headers });
    expect(list.json().items).toHaveLength(1);

    // Another practice may use the same key.
    const other = await createTestPractice(app);
    const elsewhere = await inPractice(database, other.practiceId, (tx) => enqueueMessage(tx, other.practiceId, sampleSms({ dedupeKey })));
    expect(elsewhere.duplicate).toBe(false);
  });

  it('holds messages when no provider is configured, and a resend delivers them once one is', async () => {
    const practice = await createTestPractice(app);
    const emailId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'held@example.com' }));
    const smsId = await queueMessage(database, practice.practiceId, sampleSms());
    const trial = workerFor(practice.practiceId, {});
    expect(await trial.deliverDueMessages()).toMatchObject({ held: 2, claimed: 0 });
    const held = await readMessage(app, practice, emailId);
    expect(held).toMatchObject({ status: 'held', attempts: 0, textBody: 'Hi Camila,\n\nSee you on Tuesday.' });
    expect(held.lastError).toContain('SMTP_URL');
    expect((await readMessage(app, practice, smsId)).lastError).toContain('TWILIO_ACCOUNT_SID');

    // Configuring a provider later does not send old held messages by itself…
    const configured = workerFor(practice.practiceId);
    expect(await configured.deliverDueMessages()).toMatchObject({ claimed: 0 });
    expect(receivedBy('held@example.com')).toHaveLength(0);

    // …an explicit resend does.
    const resend = await app.inject({ method: 'POST', url: `/api/v1/messages/${emailId}/resend`, headers: practice.owner.headers });
    expect(resend.statusCode).toBe(201);
    expect(await configured.deliverDueMessages()).toMatchObject({ sent: 1 });
    expect(receivedBy('held@example.com')).toHaveLength(1);
  });

  it('does not send a message before its send time', async () => {
    const practice = await createTestPractice(app);
    const sendAfter = new Date(clock.now().getTime() + 48 * 3_600_000);
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'later@example.com', sendAfter }));
    const worker = workerFor(practice.practiceId);
    expect(await worker.deliverDueMessages()).toMatchObject({ claimed: 0 });
    expect((await readMessage(app, practice, messageId)).nextAttemptAt).toBe(sendAfter.toISOString());
    clock.advanceMinutes(48 * 60);
    expect(await worker.deliverDueMessages()).toMatchObject({ sent: 1 });
    expect(receivedBy('later@example.com')).toHaveLength(1);
  });

  it("cancels an appointment's waiting messages and leaves finished ones alone", async () => {
    const practice = await createTestPractice(app);
    const appointmentId = '7d1f8a52-3c4e-4b8a-9e0f-1a2b3c4d5e6f';
    const sentId = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'cancel-sent@example.com', appointmentId }));
    await workerFor(practice.practiceId).deliverDueMessages();
    const reminderAt = new Date(clock.now().getTime() + 3_600_000);
    const reminderId = await queueMessage(
      database,
      practice.practiceId,
      sampleEmail({ to: 'cancel-reminder@example.com', appointmentId, templateKey: 'reminder', sendAfter: reminderAt }),
    );
    const cancelled = await inPractice(database, practice.practiceId, (tx) =>
      cancelQueuedMessages(tx, practice.practiceId, { appointmentId, templateKeys: ['reminder'] }, 'The appointment was cancelled.'),
    );
    expect(cancelled).toEqual([reminderId]);
    expect(await readMessage(app, practice, reminderId)).toMatchObject({
      status: 'cancelled',
      lastError: 'The appointment was cancelled.',
    });
    expect((await readMessage(app, practice, sentId)).status).toBe('sent');
    clock.advanceMinutes(120);
    await workerFor(practice.practiceId).deliverDueMessages();
    expect(receivedBy('cancel-reminder@example.com')).toHaveLength(0);
  });

  it("refuses to change a queued message's content", async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail());
    await expect(
      inPractice(database, practice.practiceId, (tx) => tx.execute(sql`update messages set text_body = 'changed' where id = ${messageId}`)),
    ).rejects.toThrow();
  });
});
