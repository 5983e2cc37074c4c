import type { MessageDetail, MessagePage } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createTestApp, createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { appointmentInviteAttachment } from './appointment-invite.ts';
import { createMessageDeliveryWorker } from './message-delivery-worker.ts';
import { cancelQueuedMessages, enqueueMessage, type OutgoingMessage } from './message-outbox.ts';
import { queueMessage, readMessage, sampleEmail, sampleSms } from './notifications-test-helpers.ts';

const { app, database } = await createTestApp();

const appointmentId = '0f8b7a6c-5d4e-4f3a-8b2c-1d0e9f8a7b6c';

async function listMessages(practice: TestPractice, query = ''): Promise<MessagePage> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/messages${query}`, headers: practice.owner.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MessagePage>();
}

async function createPatientId(practice: TestPractice): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: practice.owner.headers,
    payload: { firstName: 'Camila', lastName: 'Ortega', email: 'camila@example.com' },
  });
  return response.json<{ id: string }>().id;
}

/** A held message: what a trial practice sees without a provider. */
async function holdAll(practice: TestPractice): Promise<void> {
  await createMessageDeliveryWorker({ database, transports: {}, onlyPractices: [practice.practiceId] }).deliverDueMessages();
}

function invite() {
  return appointmentInviteAttachment({
    uid: `${appointmentId}@glowdesk.app`,
    sequence: 0,
    method: 'REQUEST',
    startsAt: new Date('2026-11-02T15:00:00Z'),
    endsAt: new Date('2026-11-02T16:00:00Z'),
    stampedAt: new Date('2026-10-01T12:00:00Z'),
    summary: 'Hydrafacial at Glow Clinic',
    organizer: { name: 'Glow Clinic', email: 'hello@glowclinic.test' },
  });
}

describe('reading messages', () => {
  it('lists messages newest first, filters them, and pages with a cursor', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatientId(practice);
    const first = await queueMessage(database, practice.practiceId, sampleEmail({ patientId, appointmentId }));
    const second = await queueMessage(database, practice.practiceId, sampleSms({ patientId }));
    const third = await queueMessage(database, practice.practiceId, sampleEmail({ to: 'other@example.com' }));

    expect((await listMessages(practice)).items.map((message) => message.id)).toEqual([third, second, first]);
    expect((await listMessages(practice, `?appointmentId=${appointmentId}`)).items.map((message) => message.id)).toEqual([first]);
    expect((await listMessages(practice, `?patientId=${patientId}`)).items.map((message) => message.id)).toEqual([second, first]);
    expect((await listMessages(practice, '?channel=sms')).items.map((message) => message.id)).toEqual([second]);
    expect((await listMessages(practice, '?status=held')).items).toEqual([]);
    await holdAll(practice);
    expect((await listMessages(practice, '?status=held&channel=email')).items.map((message) => message.id)).toEqual([third, first]);

    const page1 = await listMessages(practice, '?limit=2');
    expect(page1.items.map((message) => message.id)).toEqual([third, second]);
    const page2 = await listMessages(practice, `?limit=2&cursor=${page1.nextCursor ?? ''}`);
    expect(page2).toEqual({ items: [expect.objectContaining({ id: first })], nextCursor: null });
  });

  it('shows a message with its bodies, recipient, attachments and delivery state, and serves the .ics', async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(
      database,
      practice.practiceId,
      sampleEmail({ htmlBody: '<p>Hi Camila,</p>', attachments: [invite()], appointmentId, templateKey: 'booking_confirmation' }),
    );
    const message = await readMessage(app, practice, messageId);
    expect(message).toMatchObject({
      id: messageId,
      channel: 'email',
      to: 'camila.ortega@example.com',
      subject: 'Your appointment at Glow Clinic is confirmed',
      textBody: 'Hi Camila,\n\nSee you on Tuesday.',
      htmlBody: '<p>Hi Camila,</p>',
      status: 'queued',
      attempts: 0,
      maxAttempts: 10,
      appointmentId,
      templateKey: 'booking_confirmation',
      attachments: [
        {
          index: 0,
          filename: 'invite.ics',
          contentType: 'text/calendar; charset=utf-8; method=REQUEST',
          sizeBytes: expect.any(Number),
          url: `/api/v1/messages/${messageId}/attachments/0`,
        },
      ],
    });

    const download = await app.inject({ method: 'GET', url: message.attachments[0]?.url ?? '', headers: practice.owner.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(download.headers['content-disposition']).toContain('filename="invite.ics"');
    expect(download.body).toContain('DTSTART:20261102T150000Z\r\n');
    expect(download.rawPayload.length).toBe(message.attachments[0]?.sizeBytes);

    const missing = await app.inject({
      method: 'GET',
      url: `/api/v1/messages/${messageId}/attachments/1`,
      headers: practice.owner.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().field).toBe('index');
  });

  it('audits every read of message contents', async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ attachments: [invite()] }));
    await listMessages(practice);
    await readMessage(app, practice, messageId);
    await app.inject({ method: 'GET', url: `/api/v1/messages/${messageId}/attachments/0`, headers: practice.owner.headers });
    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit-events?objectType=message', headers: practice.owner.headers });
    const actions = audit.json<{ items: { action: string; objectId: string | null; actorId: string }[] }>().items;
    expect(actions.map((event) => event.action).sort()).toEqual(['message.attachment_read', 'message.list', 'message.read']);
    expect(actions.every((event) => event.actorId === practice.owner.id)).toBe(true);
  });
});

describe('resending', () => {
  it('resends a held message as a new message and returns the pending resend on a second click', async () => {
    const practice = await createTestPractice(app);
    const originalId = await queueMessage(database, practice.practiceId, sampleEmail({ attachments: [invite()] }));
    await holdAll(practice);

    const resend = await app.inject({ method: 'POST', url: `/api/v1/messages/${originalId}/resend`, headers: practice.owner.headers });
    expect(resend.statusCode).toBe(201);
    const copy = resend.json<MessageDetail>();
    expect(copy).toMatchObject({
      status: 'queued',
      attempts: 0,
      resendOfId: originalId,
      createdBy: practice.owner.id,
      to: 'camila.ortega@example.com',
    });
    expect(copy.attachments).toHaveLength(1);
    expect(resend.headers.location).toBe(`/api/v1/messages/${copy.id}`);
    expect((await readMessage(app, practice, originalId)).status).toBe('held');

    const again = await app.inject({ method: 'POST', url: `/api/v1/messages/${originalId}/resend`, headers: practice.owner.headers });
    expect(again.statusCode).toBe(200);
    expect(again.json<MessageDetail>().id).toBe(copy.id);

    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit-events?action=message.resend', headers: practice.owner.headers });
    expect(audit.json().items).toEqual([
      expect.objectContaining({ objectId: copy.id, details: expect.objectContaining({ resendOfId: originalId }) }),
    ]);
  });

  it('refuses to resend a message that is still waiting or was cancelled', async () => {
    const practice = await createTestPractice(app);
    const waiting = await queueMessage(database, practice.practiceId, sampleSms());
    const response = await app.inject({ method: 'POST', url: `/api/v1/messages/${waiting}/resend`, headers: practice.owner.headers });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'message_not_finished', field: 'messageId' });

    const reminder = await queueMessage(database, practice.practiceId, sampleSms({ appointmentId, templateKey: 'reminder' }));
    await inPractice(database, practice.practiceId, (tx) => cancelQueuedMessages(tx, practice.practiceId, { appointmentId }));
    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/messages/${reminder}/resend`, headers: practice.owner.headers });
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().code).toBe('message_cancelled');
  });
});

describe('who may read messages', () => {
  it('lets owners, admins and the front desk read messages and refuses providers', async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ attachments: [invite()] }));
    for (const role of ['admin', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      const response = await app.inject({ method: 'GET', url: `/api/v1/messages/${messageId}`, headers: member.headers });
      expect({ role, status: response.statusCode }).toEqual({ role, status: 200 });
    }
    const provider = await practice.signInAs('provider');
    const urls = [
      '/api/v1/messages',
      `/api/v1/messages/${messageId}`,
      `/api/v1/messages/${messageId}/attachments/0`,
      '/api/v1/message-templates',
    ];
    for (const url of urls) {
      const response = await app.inject({ method: 'GET', url, headers: provider.headers });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
    }
    const resend = await app.inject({ method: 'POST', url: `/api/v1/messages/${messageId}/resend`, headers: provider.headers });
    expect(resend.statusCode).toBe(403);
  });

  it("never shows one practice's messages to another", async () => {
    const practice = await createTestPractice(app);
    const other = await createTestPractice(app);
    const messageId = await queueMessage(database, practice.practiceId, sampleEmail({ attachments: [invite()] }));
    expect((await listMessages(other)).items).toEqual([]);
    for (const url of [`/api/v1/messages/${messageId}`, `/api/v1/messages/${messageId}/attachments/0`]) {
      const response = await app.inject({ method: 'GET', url, headers: other.owner.headers });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
    const resend = await app.inject({ method: 'POST', url: `/api/v1/messages/${messageId}/resend`, headers: other.owner.headers });
    expect(resend.statusCode).toBe(404);
  });

  it('cannot queue a message into another practice even with its id', async () => {
    const practice = await createTestPractice(app);
    const other = await createTestPractice(app);
    await expect(inPractice(database, practice.practiceId, (tx) => enqueueMessage(tx, other.practiceId, sampleSms()))).rejects.toThrow();
    expect((await listMessages(other)).items).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    ['?status=lost', 'status'],
    ['?channel=fax', 'channel'],
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?appointmentId=nope', 'appointmentId'],
    ['?patientId=123', 'patientId'],
    ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['?unknown=1', 'unknown'],
  ])('answers GET /api/v1/messages%s with 400 naming %s', async (query, field) => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'GET', url: `/api/v1/messages${query}`, headers: practice.owner.headers });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().field).toBe(field);
  });

  it('answers malformed ids and attachment indexes with 400 naming the parameter', async () => {
    const practice = await createTestPractice(app);
    const messageId = await queueMessage(database, practice.practiceId, sampleSms());
    const cases = [
      [`/api/v1/messages/not-a-uuid`, 'messageId'],
      [`/api/v1/messages/${messageId}/attachments/x`, 'index'],
      [`/api/v1/messages/${messageId}/attachments/10`, 'index'],
    ] as const;
    for (const [url, field] of cases) {
      const response = await app.inject({ method: 'GET', url, headers: practice.owner.headers });
      expect({ url, status: response.statusCode, field: response.json().field }).toEqual({ url, status: 400, field });
    }
  });

  it.each<[string, OutgoingMessage, string, string]>([
    ['an invalid email address', sampleEmail({ to: 'camila@' }), 'to', 'invalid_message'],
    ['a phone number not in E.164 form', sampleSms({ to: '212-555-0143' }), 'to', 'invalid_message'],
    ['an empty body', sampleEmail({ textBody: '   ' }), 'textBody', 'invalid_message'],
    ['an empty subject', sampleEmail({ subject: '' }), 'subject', 'invalid_message'],
    ['an SMS over 1600 characters', sampleSms({ textBody: 'x'.repeat(1601) }), 'textBody', 'sms_too_long'],
    [
      'attachments on an SMS',
      { ...sampleSms(), attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }] },
      'attachments',
      'sms_attachment',
    ],
    [
      'an attachment with a path in its name',
      sampleEmail({ attachments: [{ filename: '../x.ics', contentType: 'text/calendar', content: 'x' }] }),
      'attachments[0].filename',
      'invalid_message',
    ],
  ])('refuses to queue a message with %s, naming the field, and queues nothing', async (_label, message, field, code) => {
    const practice = await createTestPractice(app);
    const error = await inPractice(database, practice.practiceId, (tx) => enqueueMessage(tx, practice.practiceId, message)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ status: 400, field, code });
    expect((await listMessages(practice)).items).toEqual([]);
  });

  it('accepts an SMS of exactly 1600 characters', async () => {
    const practice = await createTestPractice(app);
    await queueMessage(database, practice.practiceId, sampleSms({ textBody: 'x'.repeat(1600) }));
    expect((await listMessages(practice)).items).toHaveLength(1);
  });
});
