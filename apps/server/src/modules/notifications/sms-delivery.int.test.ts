import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { startFakeTwilioServer } from './fake-twilio-server.ts';
import { createMessageDeliveryWorker, type MessageDeliveryWorker } from './message-delivery-worker.ts';
import { queueMessage, readMessage, sampleSms } from './notifications-test-helpers.ts';
import { createTwilioSmsTransport } from './twilio-sms-transport.ts';

const clock = createManualClock(new Date());
const { app, database } = await createTestApp();
const twilio = await startFakeTwilioServer();
const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
const workers: MessageDeliveryWorker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await twilio.close();
});

function smsWorker(practiceId: string, from = '+15005550006') {
  const sms = createTwilioSmsTransport({ accountSid, authToken: 'test-auth-token', from, apiBaseUrl: twilio.baseUrl, timeoutMs: 5_000 });
  const worker = createMessageDeliveryWorker({ database, transports: { sms }, clock, onlyPractices: [practiceId] });
  workers.push(worker);
  return worker;
}

describe('delivering SMS through Twilio', () => {
  it("sends through the Twilio SDK and records Twilio's message SID", async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(
      database,
      practice.practiceId,
      sampleSms({ to: '+12125550177', textBody: 'Glow Clinic: see you soon!' }),
    );
    expect(await smsWorker(practice.practiceId).deliverDueMessages()).toMatchObject({ sent: 1 });

    const request = twilio.requests.find((candidate) => candidate.to === '+12125550177');
    expect(request).toMatchObject({ accountSid, from: '+15005550006', body: 'Glow Clinic: see you soon!' });
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:test-auth-token`).toString('base64')}`);
    const message = await readMessage(app, practice, messageId);
    expect(message).toMatchObject({ status: 'sent', attempts: 1 });
    expect(message.providerMessageId).toMatch(/^SM[0-9]{32}$/);
  });

  it('sends through a Messaging Service when TWILIO_FROM is an MG… SID', async () => {
    const practice = await createTestPractice(app);
    const messagingServiceSid = `MG${'a'.repeat(32)}`;
    await queueMessage(database, practice.practiceId, sampleSms({ to: '+12125550178' }));
    await smsWorker(practice.practiceId, messagingServiceSid).deliverDueMessages();
    expect(twilio.requests.find((candidate) => candidate.to === '+12125550178')).toMatchObject({ messagingServiceSid, from: undefined });
  });

  it('fails at once when Twilio refuses the number', async () => {
    const practice = await createTestPractice(app);
    twilio.failWith({ status: 400, code: 21211, message: "The 'To' number +12125550100 is not a valid phone number." });
    try {
      const messageId = await queueMessage(database, practice.practiceId, sampleSms({ to: '+12125550100' }));
      expect(await smsWorker(practice.practiceId).deliverDueMessages()).toMatchObject({ failed: 1 });
      const message = await readMessage(app, practice, messageId);
      expect(message).toMatchObject({ status: 'failed', attempts: 1 });
      expect(message.lastError).toContain('21211');
    } finally {
      twilio.failWith(null);
    }
  });

  it('retries when Twilio is overloaded or down, then sends', async () => {
    const practice = await createTestPractice(app);
    const worker = smsWorker(practice.practiceId);
    const messageId = await queueMessage(database, practice.practiceId, sampleSms({ to: '+12125550179' }));
    twilio.failWith({ status: 503, code: 20503, message: 'Service unavailable' });
    try {
      expect(await worker.deliverDueMessages()).toMatchObject({ retried: 1 });
      twilio.failWith({ status: 429, code: 20429, message: 'Too many requests' });
      clock.advanceMinutes(1);
      expect(await worker.deliverDueMessages()).toMatchObject({ retried: 1 });
    } finally {
      twilio.failWith(null);
    }
    clock.advanceMinutes(5);
    expect(await worker.deliverDueMessages()).toMatchObject({ sent: 1 });
    expect(await readMessage(app, practice, messageId)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(twilio.requests.filter((candidate) => candidate.to === '+12125550179')).toHaveLength(1);
  });
});
