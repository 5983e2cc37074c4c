import type { MessageTemplate } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createTestApp, createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { defaultMessageTemplates } from './default-message-templates.ts';
import { renderPracticeMessage } from './practice-message-templates.ts';

const { app, database } = await createTestApp();

const validBody = {
  emailSubject: 'See you soon at {{clinic.name}}',
  emailBody: 'Hi {{patient.firstName}},\n\nYour {{service.name}} is on {{appointment.localDate}} at {{appointment.localTime}}.',
  smsBody: '{{clinic.name}}: {{service.name}} on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}.',
};

async function putTemplate(practice: TestPractice, key: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/message-templates/${key}`,
    headers: { ...practice.owner.headers, ...headers },
    payload,
  });
}

async function listTemplates(practice: TestPractice): Promise<MessageTemplate[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/message-templates', headers: practice.owner.headers });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: MessageTemplate[] }>().items;
}

describe('message templates', () => {
  it('starts every practice with the seven default templates and their placeholders', async () => {
    const practice = await createTestPractice(app);
    const templates = await listTemplates(practice);
    expect(templates.map((template) => template.key)).toEqual([
      'booking_confirmation',
      'reschedule',
      'cancellation',
      'reminder',
      'no_show',
      'fee_charged',
      'paperwork_request',
    ]);
    const confirmation = templates[0];
    expect(confirmation).toMatchObject({
      ...defaultMessageTemplates.booking_confirmation,
      isDefault: true,
      version: 0,
      label: 'Booking confirmation',
    });
    expect(confirmation?.placeholders).toContain('paperwork.list');
    expect(templates.find((template) => template.key === 'fee_charged')?.placeholders).toContain('fee.amount');
  });

  it("saves a practice's own wording, which rendering then uses", async () => {
    const practice = await createTestPractice(app);
    const saved = await putTemplate(practice, 'reminder', validBody);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...validBody, key: 'reminder', isDefault: false, version: 1 });
    expect(saved.headers.etag).toBe('"1"');

    const rendered = await inPractice(database, practice.practiceId, (tx) =>
      renderPracticeMessage(tx, practice.practiceId, 'reminder', {
        patient: { firstName: 'Camila' },
        clinic: { name: 'Glow Clinic', timeZone: 'America/Los_Angeles' },
        service: { name: 'Botox' },
        appointment: { startsAt: new Date('2026-11-01T17:00:00Z') },
      }),
    );
    expect(rendered.sms.textBody).toBe('Glow Clinic: Botox on Sunday, November 1, 2026 at 9:00 AM PST.');
    expect(rendered.email.subject).toBe('See you soon at Glow Clinic');

    const other = await createTestPractice(app);
    expect((await listTemplates(other)).find((template) => template.key === 'reminder')?.isDefault).toBe(true);
  });

  it('refuses a stale If-Match and accepts the current version', async () => {
    const practice = await createTestPractice(app);
    expect((await putTemplate(practice, 'no_show', validBody, { 'if-match': '"0"' })).statusCode).toBe(200);
    expect((await putTemplate(practice, 'no_show', validBody, { 'if-match': '"0"' })).statusCode).toBe(412);
    expect((await putTemplate(practice, 'no_show', validBody, { 'if-match': '"1"' })).json().version).toBe(2);
  });

  it('goes back to the default wording', async () => {
    const practice = await createTestPractice(app);
    await putTemplate(practice, 'cancellation', validBody);
    const reset = await app.inject({ method: 'DELETE', url: '/api/v1/message-templates/cancellation', headers: practice.owner.headers });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ ...defaultMessageTemplates.cancellation, isDefault: true });
    expect((await listTemplates(practice)).find((template) => template.key === 'cancellation')?.isDefault).toBe(true);
  });

  it('audits template changes', async () => {
    const practice = await createTestPractice(app);
    await putTemplate(practice, 'reschedule', validBody);
    await app.inject({ method: 'DELETE', url: '/api/v1/message-templates/reschedule', headers: practice.owner.headers });
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?objectType=message_template',
      headers: practice.owner.headers,
    });
    expect(
      audit
        .json()
        .items.map((event: { action: string }) => event.action)
        .sort(),
    ).toEqual(['message_template.reset', 'message_template.update']);
  });

  it('lets owners and admins edit templates, the front desk only read them', async () => {
    const practice = await createTestPractice(app);
    const admin = await practice.signInAs('admin');
    const frontDesk = await practice.signInAs('front_desk');
    const byAdmin = await app.inject({
      method: 'PUT',
      url: '/api/v1/message-templates/reminder',
      headers: admin.headers,
      payload: validBody,
    });
    expect(byAdmin.statusCode).toBe(200);
    const read = await app.inject({ method: 'GET', url: '/api/v1/message-templates', headers: frontDesk.headers });
    expect(read.statusCode).toBe(200);
    const byDesk = await app.inject({
      method: 'PUT',
      url: '/api/v1/message-templates/reminder',
      headers: frontDesk.headers,
      payload: validBody,
    });
    expect(byDesk.statusCode).toBe(403);
    const resetByDesk = await app.inject({ method: 'DELETE', url: '/api/v1/message-templates/reminder', headers: frontDesk.headers });
    expect(resetByDesk.statusCode).toBe(403);
  });
});

describe('template bad input', () => {
  it.each([
    ['an unknown placeholder in the SMS', { ...validBody, smsBody: 'Hi {{patient.lastName}}' }, 'smsBody', 'unknown_placeholder'],
    ['a placeholder another template owns', { ...validBody, emailBody: 'You paid {{fee.amount}}' }, 'emailBody', 'unknown_placeholder'],
    [
      'a misspelt placeholder in the subject',
      { ...validBody, emailSubject: 'Hi {{ patient.firstname }}' },
      'emailSubject',
      'unknown_placeholder',
    ],
    ['an unclosed placeholder', { ...validBody, emailBody: 'Hi {{patient.firstName' }, 'emailBody', 'unclosed_placeholder'],
    ['an unclosed section', { ...validBody, emailBody: 'Hi{{#clinic.phone}} call {{clinic.phone}}' }, 'emailBody', 'unclosed_placeholder'],
    ['an empty email body', { ...validBody, emailBody: '  ' }, 'emailBody', 'validation_failed'],
    ['an empty SMS body', { ...validBody, smsBody: '' }, 'smsBody', 'validation_failed'],
    ['a missing subject', { emailBody: validBody.emailBody, smsBody: validBody.smsBody }, 'emailSubject', 'validation_failed'],
    ['an SMS over 1600 characters', { ...validBody, smsBody: 'x'.repeat(1601) }, 'smsBody', 'validation_failed'],
    ['an unknown field', { ...validBody, pushBody: 'x' }, 'pushBody', 'validation_failed'],
  ])('refuses %s with 400 naming the field and saves nothing', async (_label, payload, field, code) => {
    const practice = await createTestPractice(app);
    const response = await putTemplate(practice, 'reminder', payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field, code });
    expect((await listTemplates(practice)).find((template) => template.key === 'reminder')?.isDefault).toBe(true);
  });

  it('refuses an unknown template key naming the parameter', async () => {
    const practice = await createTestPractice(app);
    const response = await putTemplate(practice, 'birthday', validBody);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('key');
  });
});
