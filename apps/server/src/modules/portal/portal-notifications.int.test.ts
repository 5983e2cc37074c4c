import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createMessageDeliveryWorker, createMessageTransports, notifyClinicOfPatientAction } from '../notifications/index.ts';
import { queueMessage } from '../notifications/notifications-test-helpers.ts';
import { startTestSmtpServer } from '../notifications/test-smtp-server.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { addPatient, auditTrailOf, createPortalPractice, signInPatient, uniquePatientEmail } from './portal-test-support.ts';

const clock = createManualClock('2026-03-02T15:00:00Z');
const { app, database } = await createTestApp({ clock });

const notifications = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/portal/notifications', headers: { cookie } });
const markRead = (cookie: string, notificationId: string) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/notifications/${notificationId}/read`, headers: { cookie } });
const dashboard = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/portal/dashboard', headers: { cookie } });

/**
 * A practice that has sent Nora Hale a confirmation, a paperwork request and a reminder (by
 * SMTP), her sign-in code and another patient's message, and has alerted its clinic about
 * her; one more message to her is still queued.
 */
async function arrange() {
  clock.set('2026-03-02T15:00:00Z');
  const smtp = await startTestSmtpServer();
  const practice = await createPortalPractice(app);
  const email = uniquePatientEmail();
  const patientId = await addPatient(app, practice, { firstName: 'Nora', lastName: 'Hale', email });
  const otherEmail = uniquePatientEmail();
  const otherId = await addPatient(app, practice, { firstName: 'Ada', lastName: 'King', email: otherEmail });
  const transports = createMessageTransports({ smtp: { url: smtp.url, from: 'Glow Clinic <hello@glow.test>' }, twilio: undefined });
  const worker = createMessageDeliveryWorker({ database, transports, clock, onlyPractices: [practice.practiceId] });
  try {
    const send = (
      templateKey: 'booking_confirmation' | 'paperwork_request' | 'reminder',
      subject: string,
      to = email,
      patient = patientId,
    ) =>
      queueMessage(database, practice.practiceId, {
        channel: 'email',
        to,
        subject,
        textBody: `${subject}.`,
        patientId: patient,
        templateKey,
      });
    const confirmation = await send('booking_confirmation', 'Your appointment is booked');
    const paperwork = await send('paperwork_request', 'Please fill in your forms');
    const reminder = await send('reminder', 'See you tomorrow');
    const othersMessage = await send('reminder', 'See you tomorrow, Ada', otherEmail, otherId);
    const clinicId = (await createClinic(app, practice, { notificationEmail: 'desk@clinic.test' })).id;
    const alert = await inPractice(database, practice.practiceId, (tx) =>
      notifyClinicOfPatientAction(tx, practice.practiceId, clinicId, { subject: 'Nora Hale confirmed', text: 'Confirmed.', patientId }),
    );
    const { cookie } = await signInPatient(app, practice, { channel: 'email', email });
    await worker.deliverDueMessages();
    await smtp.waitForMessages(6);
    const queued = await queueMessage(database, practice.practiceId, {
      channel: 'email',
      to: email,
      subject: 'Not sent yet',
      textBody: 'Later.',
      patientId,
      templateKey: 'reminder',
    });
    return { practice, patientId, cookie, confirmation, paperwork, reminder, othersMessage, alertIds: alert.messageIds, queued };
  } finally {
    await worker.stop();
    await smtp.stop();
  }
}

describe('portal notifications', () => {
  it('lists what the practice sent the patient, newest first and unread, and never a sign-in code, an alert, an unsent message or another patient’s', async () => {
    const { practice, patientId, cookie, confirmation, paperwork, reminder, othersMessage, alertIds, queued } = await arrange();
    const listed = await notifications(cookie);
    expect(listed.statusCode, listed.body).toBe(200);
    const body = listed.json();
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([reminder, paperwork, confirmation]);
    expect(body.items[0]).toMatchObject({
      kind: 'reminder',
      channel: 'email',
      subject: 'See you tomorrow',
      body: 'See you tomorrow.',
      sentAt: '2026-03-02T15:00:00.000Z',
      read: false,
      readAt: null,
    });
    expect(body.unreadCount).toBe(3);
    for (const hidden of [othersMessage, queued, ...alertIds]) expect(listed.body).not.toContain(hidden);
    expect(listed.body).not.toMatch(/sign-in code|\b\d{6}\b/);
    const audited = (await auditTrailOf(database, practice.practiceId)).filter((event) => event.action === 'portal.notifications_read');
    expect(audited).toEqual([
      expect.objectContaining({
        actorType: 'patient',
        actorId: patientId,
        details: { via: 'portal', messageIds: [reminder, paperwork, confirmation] },
      }),
    ]);
  });

  it('marks a notification read once, and the dashboard badge counts only the unread', async () => {
    const { cookie, paperwork } = await arrange();
    expect((await dashboard(cookie)).json().counts.unreadNotifications).toBe(3);
    clock.set('2026-03-02T15:05:00Z');
    const read = await markRead(cookie, paperwork);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: paperwork, kind: 'paperwork_request', read: true, readAt: '2026-03-02T15:05:00.000Z' });
    clock.set('2026-03-02T15:06:00Z');
    expect((await markRead(cookie, paperwork)).json().readAt).toBe('2026-03-02T15:05:00.000Z');
    const listed = (await notifications(cookie)).json();
    expect(listed.unreadCount).toBe(2);
    expect(listed.items.find((item: { id: string }) => item.id === paperwork)).toMatchObject({ read: true });
    expect((await dashboard(cookie)).json().counts.unreadNotifications).toBe(2);
  });

  it("answers 404 for another patient's message, a clinic alert or an unknown id, 400 for a malformed id, and 401 to a staff session", async () => {
    const { practice, cookie, othersMessage, alertIds, confirmation } = await arrange();
    for (const notificationId of [othersMessage, ...alertIds, '00000000-0000-4000-8000-000000000000']) {
      const refused = await markRead(cookie, notificationId);
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'not_found', field: 'notificationId' });
    }
    expect((await markRead(cookie, 'not-an-id')).json()).toMatchObject({ field: 'notificationId' });
    const asStaff = await app.inject({ method: 'GET', url: '/api/v1/portal/notifications', headers: practice.owner.headers });
    expect(asStaff.statusCode).toBe(401);
    const staffMark = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/notifications/${confirmation}/read`,
      headers: practice.owner.headers,
    });
    expect(staffMark.statusCode).toBe(401);
  });
});
