import type { MessageSummary, NotifyAppointmentResult, NotifyPreview } from '@glowdesk/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock, createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';
import { attachPaperwork, createConsent, createQuestionnaire } from '../paperwork/paperwork-test-builders.ts';
import { createMessageDeliveryWorker, type MessageDeliveryWorker } from './message-delivery-worker.ts';
import { readMessage } from './notifications-test-helpers.ts';
import { createSmtpEmailTransport } from './smtp-email-transport.ts';
import { startTestSmtpServer } from './test-smtp-server.ts';

// Monday 2 March 2026, 09:00 in New York; clocks spring forward on Sunday 8 March.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });
const smtp = await startTestSmtpServer();
const workers: MessageDeliveryWorker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await smtp.stop();
});

/** Delivers the practice's queued email over a real SMTP conversation with the in-process server. */
async function deliverEmail(setup: BookablePractice): Promise<void> {
  const worker = createMessageDeliveryWorker({
    database: app.database,
    transports: {
      email: createSmtpEmailTransport({ url: smtp.url, from: 'Glow Clinic <appointments@glowclinic.test>', timeoutMs: 5_000 }),
    },
    clock,
    onlyPractices: [setup.practice.practiceId],
  });
  workers.push(worker);
  await worker.deliverDueMessages();
}

function receivedBy(address: string) {
  return smtp.received.filter((email) => email.envelopeTo.includes(address));
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

function icsOf(email: ReturnType<typeof receivedBy>[number] | undefined): string[] {
  const calendar = email?.parsed?.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  return icsLines(calendar?.content.toString('utf8') ?? '');
}

/** `20260309T140000Z` for an ISO instant. */
function icsTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

async function createPatient(setup: BookablePractice, payload: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/patients', headers: setup.practice.owner.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function booked(
  setup: BookablePractice,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; start: string; end: string }> {
  const response = await book(app, setup, overrides);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function notify(
  setup: BookablePractice,
  appointmentId: string,
  payload: Record<string, unknown>,
  headers = setup.practice.owner.headers,
) {
  return app.inject({ method: 'POST', url: `/api/v1/appointments/${appointmentId}/notify`, headers, payload });
}

async function notified(
  setup: BookablePractice,
  appointmentId: string,
  payload: Record<string, unknown>,
): Promise<NotifyAppointmentResult> {
  const response = await notify(setup, appointmentId, payload);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<NotifyAppointmentResult>();
}

async function messagesOf(setup: BookablePractice, appointmentId: string): Promise<MessageSummary[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/messages?appointmentId=${appointmentId}`,
    headers: setup.practice.owner.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: MessageSummary[] }>().items;
}

async function historyTypes(setup: BookablePractice, appointmentId: string): Promise<{ type: string; details: Record<string, unknown> }[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${appointmentId}/history`,
    headers: setup.practice.owner.headers,
  });
  return response.json().items;
}

describe('the after-booking notification over SMTP', () => {
  it('emails a confirmation with its forms (and no link to a patient portal that is not served) and an .ics whose times are the appointment’s, the day after a DST change', async () => {
    const setup = await createBookablePractice(app);
    const questionnaire = await createQuestionnaire(app, setup.practice, { name: 'Medical history' });
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
    // 10:00 in New York on Monday 9 March, the day after clocks sprang forward: 14:00Z, not 15:00Z.
    const appointment = await booked(setup, { start: '2026-03-09T14:00:00Z' });

    const result = await notified(setup, appointment.id, { channels: ['email'] });
    expect(result).toMatchObject({ kind: 'confirmation', sent: true, messages: [{ channel: 'email', duplicate: false }] });
    await deliverEmail(setup);

    const [email] = receivedBy('grace@example.com').filter((received) => received.parsed?.subject?.includes(setup.clinic.name));
    expect(email?.parsed?.subject).toBe(`Your appointment at ${setup.clinic.name} is confirmed`);
    expect(email?.parsed?.text).toContain('Monday, March 9, 2026 at 10:00 AM EDT');
    expect(email?.parsed?.text).toContain('- Medical history');
    expect(email?.parsed?.text).not.toMatch(/portal|localhost/);
    const lines = icsOf(email);
    expect(icsValue(lines, 'METHOD')).toBe('REQUEST');
    expect(icsValue(lines, 'UID')).toBe(`${appointment.id}@glowdesk`);
    expect(icsValue(lines, 'SEQUENCE')).toBe('0');
    expect(icsValue(lines, 'DTSTART')).toBe(icsTime(appointment.start));
    expect(icsValue(lines, 'DTSTART')).toBe('20260309T140000Z');
    expect(icsValue(lines, 'DTEND')).toBe(icsTime(appointment.end));
    expect(icsValue(lines, 'SUMMARY')).toBe(`Consultation at ${setup.clinic.name}`);

    // Sending the confirmation assigned the forms it lists.
    const paperwork = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    expect(paperwork.json().items).toEqual([expect.objectContaining({ templateId: questionnaire.id, status: 'not_filled' })]);
    const sent = (await historyTypes(setup, appointment.id)).find((event) => event.type === 'notification_sent');
    expect(sent?.details).toMatchObject({
      kind: 'confirmation',
      channels: ['email'],
      edited: false,
      calendarSequence: 0,
      paperwork: ['Medical history'],
    });
  });

  it('sends a cancellation with METHOD:CANCEL, the same UID and a higher SEQUENCE', async () => {
    const setup = await createBookablePractice(app);
    const patientId = await createPatient(setup, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.cancel@example.com' });
    const appointment = await booked(setup, { patientId, start: '2026-03-06T15:00:00Z' });
    await notified(setup, appointment.id, { channels: ['email'] });
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${appointment.id}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient asked' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const result = await notified(setup, appointment.id, { channels: ['email'] });
    expect(result.kind).toBe('cancellation');
    await deliverEmail(setup);

    const emails = receivedBy('ada.cancel@example.com');
    expect(emails).toHaveLength(2);
    const request = icsOf(emails.find((email) => email.parsed?.subject?.includes('confirmed')));
    const cancel = icsOf(emails.find((email) => email.parsed?.subject?.includes('cancelled')));
    expect(icsValue(cancel, 'METHOD')).toBe('CANCEL');
    expect(icsValue(cancel, 'STATUS')).toBe('CANCELLED');
    expect(icsValue(cancel, 'UID')).toBe(icsValue(request, 'UID'));
    expect(Number(icsValue(cancel, 'SEQUENCE'))).toBeGreaterThan(Number(icsValue(request, 'SEQUENCE')));
    expect(icsValue(cancel, 'DTSTART')).toBe('20260306T150000Z');
    expect(emails.find((email) => email.parsed?.subject?.includes('cancelled'))?.parsed?.text).toContain(
      'Friday, March 6, 2026 at 10:00 AM EST',
    );
  });

  it('sends a reschedule as an updated REQUEST with a higher SEQUENCE and the previous time', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup, { start: '2026-03-06T15:00:00Z' });
    await notified(setup, appointment.id, { channels: ['email'] });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointment.id}`,
      headers: setup.practice.owner.headers,
      payload: { start: '2026-03-10T18:30:00Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/notify-preview`,
      headers: setup.practice.owner.headers,
    });
    expect(preview.json<NotifyPreview>()).toMatchObject({ kind: 'reschedule', email: { attachments: ['invite.ics'] } });
    expect(preview.json<NotifyPreview>().email.textBody).toContain('(previously Friday, March 6, 2026 at 10:00 AM)');
    const result = await notified(setup, appointment.id, { channels: ['email'] });
    expect(result.kind).toBe('reschedule');

    const [confirmation, reschedule] = (await messagesOf(setup, appointment.id)).reverse();
    const first = await readMessage(app, setup.practice, confirmation?.id ?? '');
    const second = await readMessage(app, setup.practice, reschedule?.id ?? '');
    expect(second.subject).toBe(`Your appointment at ${setup.clinic.name} has moved`);
    expect(second.textBody).toContain('Tuesday, March 10, 2026 at 2:30 PM EDT');
    const ics = async (messageId: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/messages/${messageId}/attachments/0`,
        headers: setup.practice.owner.headers,
      });
      return icsLines(response.body);
    };
    const before = await ics(first.id);
    const after = await ics(second.id);
    expect(icsValue(after, 'METHOD')).toBe('REQUEST');
    expect(icsValue(after, 'UID')).toBe(icsValue(before, 'UID'));
    expect(Number(icsValue(after, 'SEQUENCE'))).toBeGreaterThan(Number(icsValue(before, 'SEQUENCE')));
    expect(icsValue(after, 'DTSTART')).toBe('20260310T183000Z');
  });
});

describe('a virtual visit’s messages', () => {
  it('carry the provider’s room link and no street address: pop-up preview, email, SMS and the invite’s LOCATION and URL', async () => {
    const setup = await createBookablePractice(app);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${setup.clinic.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': `"${setup.clinic.version}"` },
      payload: { addressLine1: '12 Prince Street', city: 'New York' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${setup.patientId}`,
      headers: setup.practice.owner.headers,
      payload: { phone: '+12125550123' },
    });
    const appointment = await booked(setup, { mode: 'virtual', start: '2026-03-09T14:00:00Z' });
    const roomLink = 'https://meet.example.com/room-a';

    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/notify-preview`,
      headers: setup.practice.owner.headers,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const previewed = preview.json<NotifyPreview>();
    expect(previewed.email.textBody).toContain(roomLink);
    expect(previewed.email.textBody).not.toContain('Prince Street');
    expect(previewed.sms.textBody).toContain(roomLink);

    await notified(setup, appointment.id, { channels: ['email'] });
    await deliverEmail(setup);
    const [email] = receivedBy('grace@example.com').filter((received) => received.parsed?.text?.includes(roomLink));
    expect(email?.parsed?.text).not.toContain('Prince Street');
    const lines = icsOf(email);
    expect(icsValue(lines, 'LOCATION')).toBe(roomLink);
    expect(icsValue(lines, 'URL')).toBe(roomLink);
  });

  it('an in-person visit names the clinic’s address and no room link', async () => {
    const setup = await createBookablePractice(app);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${setup.clinic.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': `"${setup.clinic.version}"` },
      payload: { addressLine1: '12 Prince Street', city: 'New York' },
    });
    const appointment = await booked(setup, { start: '2026-03-09T15:00:00Z' });
    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/notify-preview`,
      headers: setup.practice.owner.headers,
    });
    const previewed = preview.json<NotifyPreview>();
    expect(previewed.email.textBody).toContain('12 Prince Street');
    expect(previewed.email.textBody).not.toContain('meet.example.com');
  });
});

describe('choosing and editing the notification', () => {
  it('sends the staff’s edited text by email and SMS', async () => {
    const setup = await createBookablePractice(app);
    const patientId = await createPatient(setup, {
      firstName: 'Lin',
      lastName: 'Chen',
      email: 'lin@example.com',
      phone: '+12125550143',
      preferredChannel: 'sms',
    });
    const appointment = await booked(setup, { patientId });
    const message = 'Hi Lin,\n\nSee you Tuesday at 10 <b>sharp</b>! Park at https://example.com/parking.';
    const result = await notified(setup, appointment.id, { channels: ['sms', 'email'], message, subject: 'See you Tuesday' });
    expect(result.messages.map((queued) => queued.channel)).toEqual(['sms', 'email']);

    const sms = await readMessage(app, setup.practice, result.messages[0]?.messageId ?? '');
    expect(sms).toMatchObject({
      channel: 'sms',
      to: '+12125550143',
      textBody: message,
      templateKey: 'booking_confirmation',
      status: 'queued',
    });
    const email = await readMessage(app, setup.practice, result.messages[1]?.messageId ?? '');
    expect(email).toMatchObject({ channel: 'email', to: 'lin@example.com', subject: 'See you Tuesday', textBody: message });
    expect(email.htmlBody).toContain('&#60;b&#62;sharp&#60;/b&#62;');
    expect(email.htmlBody).toContain('<a href="https://example.com/parking">');
    expect(email.attachments.map((attachment) => attachment.filename)).toEqual(['invite.ics']);
    const sent = (await historyTypes(setup, appointment.id)).find((event) => event.type === 'notification_sent');
    expect(sent?.details).toMatchObject({ channels: ['sms', 'email'], edited: true });
  });

  it('records "Don’t Send Notification" on the history and sends nothing', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    expect(await notified(setup, appointment.id, { channels: [] })).toEqual({
      appointmentId: appointment.id,
      kind: 'confirmation',
      sent: false,
      messages: [],
    });
    await notified(setup, appointment.id, { channels: [] });
    expect(await messagesOf(setup, appointment.id)).toEqual([]);
    const skipped = (await historyTypes(setup, appointment.id)).filter((event) => event.type === 'notification_skipped');
    expect(skipped).toEqual([expect.objectContaining({ details: { kind: 'confirmation', appointmentVersion: 1 } })]);
  });

  it('sends once when "Send Notification" is clicked twice', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    const [first, second] = await Promise.all([
      notify(setup, appointment.id, { channels: ['email'] }),
      notify(setup, appointment.id, { channels: ['email'] }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const ids = [first, second].map((response) => response.json<NotifyAppointmentResult>().messages[0]?.messageId);
    expect(ids[0]).toBe(ids[1]);
    expect([first, second].map((response) => response.json<NotifyAppointmentResult>().messages[0]?.duplicate).sort()).toEqual([
      false,
      true,
    ]);
    expect(await messagesOf(setup, appointment.id)).toHaveLength(1);
    expect((await historyTypes(setup, appointment.id)).filter((event) => event.type === 'notification_sent')).toHaveLength(1);
  });

  it('previews the practice’s template in the clinic’s zone, listing the forms the booking assigned', async () => {
    const setup = await createBookablePractice(app, { timezone: 'America/Los_Angeles' });
    const consent = await createConsent(app, setup.practice, { name: 'Laser consent' });
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const appointment = await booked(setup, { start: '2026-03-09T17:00:00Z' });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/notify-preview`,
      headers: setup.practice.owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json<NotifyPreview>();
    expect(preview).toMatchObject({
      kind: 'confirmation',
      preferredChannel: 'email',
      available: { email: true, sms: false },
      email: { to: 'grace@example.com', subject: `Your appointment at ${setup.clinic.name} is confirmed`, attachments: ['invite.ics'] },
      sms: { to: null, maxLength: 1600 },
      paperwork: ['Laser consent'],
    });
    expect(preview.email.textBody).toContain('Monday, March 9, 2026 at 10:00 AM PDT');
    expect(preview.sms.textBody).toContain('10:00 AM PDT');
    const paperwork = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    expect(paperwork.json().items).toEqual([expect.objectContaining({ templateId: consent.id, status: 'not_signed' })]);
  });

  it('sends the paperwork request on its own, and refuses it when no form is left', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    const none = await notify(setup, appointment.id, { channels: ['email'], kind: 'paperwork_request' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('no_paperwork');
    const questionnaire = await createQuestionnaire(app, setup.practice, { name: 'Skin questionnaire' });
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
    const result = await notified(setup, appointment.id, { channels: ['email'], kind: 'paperwork_request' });
    const message = await readMessage(app, setup.practice, result.messages[0]?.messageId ?? '');
    expect(message.subject).toBe(`Please complete your forms before your visit to ${setup.clinic.name}`);
    expect(message.textBody).toContain('- Skin questionnaire');
    expect(message.attachments).toEqual([]);
  });

  it('lets a provider answer the pop-up and hides the appointment from another practice', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    const provider = await setup.practice.signInAs('provider');
    expect((await notify(setup, appointment.id, { channels: [] }, provider.headers)).statusCode).toBe(200);
    const stranger = await createTestPractice(app);
    expect((await notify(setup, appointment.id, { channels: ['email'] }, stranger.owner.headers)).statusCode).toBe(404);
    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/notify-preview`,
      headers: stranger.owner.headers,
    });
    expect(preview.statusCode).toBe(404);
  });
});

describe('notification bad input', () => {
  it.each([
    ['an unknown channel', { channels: ['fax'] }, /^channels/, 'validation_failed'],
    ['a channel twice', { channels: ['email', 'email'] }, /^channels$/, 'validation_failed'],
    ['an unknown kind', { channels: ['email'], kind: 'birthday' }, /^kind$/, 'validation_failed'],
    ['an empty edited message', { channels: ['email'], message: '  ' }, /^message$/, 'validation_failed'],
    ['an unknown field', { channels: ['email'], push: true }, /^push$/, 'validation_failed'],
  ])('refuses %s with 400 and queues nothing', async (_label, payload, field, code) => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    const response = await notify(setup, appointment.id, payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().field).toMatch(field);
    expect(response.json().code).toBe(code);
    expect(await messagesOf(setup, appointment.id)).toEqual([]);
  });

  it('refuses email for a patient without an email address, naming channels, and queues not even the SMS', async () => {
    const setup = await createBookablePractice(app);
    const patientId = await createPatient(setup, { firstName: 'Noor', lastName: 'Haddad', phone: '+12125550188' });
    const appointment = await booked(setup, { patientId });
    const response = await notify(setup, appointment.id, { channels: ['sms', 'email'] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'channels', code: 'no_email' });
    expect(await messagesOf(setup, appointment.id)).toEqual([]);
    const sms = await notify(setup, appointment.id, { channels: ['sms'] });
    expect(sms.statusCode).toBe(200);
  });

  it('refuses SMS for a patient without a mobile number', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    const response = await notify(setup, appointment.id, { channels: ['sms'] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'channels', code: 'no_phone' });
  });

  it('refuses an edited text too long for one SMS and queues nothing', async () => {
    const setup = await createBookablePractice(app);
    const patientId = await createPatient(setup, { firstName: 'Sam', lastName: 'Okafor', email: 'sam@example.com', phone: '+12125550199' });
    const appointment = await booked(setup, { patientId });
    const response = await notify(setup, appointment.id, { channels: ['email', 'sms'], message: 'x'.repeat(1601) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'message', code: 'sms_too_long' });
    expect(response.json().detail).toContain('1601');
    expect(await messagesOf(setup, appointment.id)).toEqual([]);
  });

  it('refuses a cancellation for a live appointment and a confirmation for a cancelled one', async () => {
    const setup = await createBookablePractice(app);
    const appointment = await booked(setup);
    const early = await notify(setup, appointment.id, { channels: ['email'], kind: 'cancellation' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'invalid_status', field: 'kind' });
    await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${appointment.id}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Moved away' },
    });
    const late = await notify(setup, appointment.id, { channels: ['email'], kind: 'confirmation' });
    expect(late.statusCode).toBe(409);
    expect(await messagesOf(setup, appointment.id)).toEqual([]);
  });

  it('refuses to notify about an out-of-office block', async () => {
    const setup = await createBookablePractice(app);
    const block = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: setup.practice.owner.headers,
      payload: {
        kind: 'out_of_office',
        clinicId: setup.clinic.id,
        providerId: setup.providerA.id,
        start: '2026-03-03T17:00:00Z',
        end: '2026-03-03T18:00:00Z',
        title: 'Lunch',
      },
    });
    expect(block.statusCode, block.body).toBe(201);
    const response = await notify(setup, block.json().id, { channels: ['email'] });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('not_an_appointment');
  });
});
