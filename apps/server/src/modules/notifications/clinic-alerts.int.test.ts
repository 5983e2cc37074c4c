import type { MessageSummary } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createTestApp, createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { notifyClinicOfPatientAction, type ClinicAlert } from './clinic-alerts.ts';
import { readMessage } from './notifications-test-helpers.ts';

const { app, database } = await createTestApp();

async function alert(practice: TestPractice, clinicId: string, message: ClinicAlert) {
  return inPractice(database, practice.practiceId, (tx) => notifyClinicOfPatientAction(tx, practice.practiceId, clinicId, message));
}

async function messagesOf(practice: TestPractice): Promise<MessageSummary[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/messages', headers: practice.owner.headers });
  return response.json<{ items: MessageSummary[] }>().items;
}

describe('alerting the clinic of a patient’s action', () => {
  it('emails the clinic’s notification address and texts its SMS number', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice, {
      name: 'Glow SoHo',
      notificationEmail: 'Desk@GlowSoho.example',
      smsNotificationPhone: '+12125550100',
    });
    const queued = await alert(practice, clinic.id, {
      subject: 'Grace Hopper confirmed her appointment',
      text: 'Thursday, March 5 at 10:00 AM with Dr. Ruiz.',
    });
    expect(queued.messageIds).toHaveLength(2);
    const [email, sms] = await Promise.all(queued.messageIds.map((messageId) => readMessage(app, practice, messageId)));
    expect(email).toMatchObject({
      channel: 'email',
      to: 'desk@glowsoho.example',
      subject: 'Grace Hopper confirmed her appointment',
      textBody: 'Thursday, March 5 at 10:00 AM with Dr. Ruiz.',
      status: 'queued',
    });
    expect(email?.htmlBody).toContain('Thursday, March 5 at 10:00 AM with Dr. Ruiz.');
    expect(sms).toMatchObject({
      channel: 'sms',
      to: '+12125550100',
      textBody: 'Glow SoHo: Grace Hopper confirmed her appointment. Thursday, March 5 at 10:00 AM with Dr. Ruiz.',
    });
  });

  it('sends only what the clinic has set, and nothing when it has neither', async () => {
    const practice = await createTestPractice(app);
    const emailOnly = await createClinic(app, practice, { notificationEmail: 'front@clinic.example' });
    const neither = await createClinic(app, practice);
    expect((await alert(practice, emailOnly.id, { subject: 'Cancelled', text: 'Grace cancelled.' })).messageIds).toHaveLength(1);
    expect((await alert(practice, neither.id, { subject: 'Cancelled', text: 'Grace cancelled.' })).messageIds).toEqual([]);
    expect((await messagesOf(practice)).map((message) => message.channel)).toEqual(['email']);
  });

  it('queues an alert once per dedupe key, and shortens a long SMS instead of refusing it', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice, { notificationEmail: 'front@clinic.example', smsNotificationPhone: '+12125550100' });
    const long = 'Answers: '.padEnd(3000, 'x');
    const first = await alert(practice, clinic.id, { subject: 'Questionnaire filled', text: long, dedupeKey: 'portal:filled:1' });
    const again = await alert(practice, clinic.id, { subject: 'Questionnaire filled', text: long, dedupeKey: 'portal:filled:1' });
    expect(again.messageIds).toEqual(first.messageIds);
    expect(await messagesOf(practice)).toHaveLength(2);
    const [email, sms] = await Promise.all(first.messageIds.map((messageId) => readMessage(app, practice, messageId)));
    expect(email?.textBody).toBe(long);
    expect(sms?.textBody).toHaveLength(1600);
    expect(sms?.textBody.endsWith('…')).toBe(true);
  });

  it('refuses a clinic of another practice', async () => {
    const practice = await createTestPractice(app);
    const other = await createTestPractice(app);
    const clinic = await createClinic(app, other, { notificationEmail: 'front@other.example' });
    await expect(alert(practice, clinic.id, { subject: 'x', text: 'y' })).rejects.toThrow('Clinic was not found.');
  });
});
