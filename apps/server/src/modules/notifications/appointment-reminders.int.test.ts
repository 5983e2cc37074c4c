import type { MessageSummary, NotificationSettings } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';
import { readMessage } from './notifications-test-helpers.ts';
import { createReminderBookingObserver, createReminderScheduler, reminderDedupeKey, type ReminderScheduler } from './reminder-scheduler.ts';

// The app's clock stays on Monday 2 March 2026, 09:00 in New York (bookings and sessions);
// each scan is given its own "now".
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createTestApp({ clock });

/** Thursday 5 March 2026, 10:00 in New York. */
const START = '2026-03-05T15:00:00Z';
const HOUR = 3_600_000;
const before = (iso: string, hours: number) => new Date(new Date(iso).getTime() - hours * HOUR);

function schedulerFor(setup: BookablePractice): ReminderScheduler {
  return createReminderScheduler({
    database,
    clock,
    patients: app.services.patients,
    cancellationPolicies: app.services.sales,
    onlyPractices: [setup.practice.practiceId],
  });
}

async function booked(setup: BookablePractice, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await book(app, setup, { start: START, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function remindersOf(setup: BookablePractice, appointmentId: string): Promise<MessageSummary[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/messages?appointmentId=${appointmentId}`,
    headers: setup.practice.owner.headers,
  });
  return response.json<{ items: MessageSummary[] }>().items.filter((message) => message.templateKey === 'reminder');
}

async function historyOf(
  setup: BookablePractice,
  appointmentId: string,
): Promise<{ type: string; actorStaffId: string | null; details: Record<string, unknown> }[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${appointmentId}/history`,
    headers: setup.practice.owner.headers,
  });
  return response.json().items;
}

async function createPatient(setup: BookablePractice, payload: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/patients', headers: setup.practice.owner.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function putSettings(
  setup: BookablePractice,
  payload: Record<string, unknown>,
  headers: Record<string, string> = setup.practice.owner.headers,
) {
  return app.inject({ method: 'PUT', url: '/api/v1/notification-settings', headers, payload });
}

describe('appointment reminders', () => {
  it('queues the 48-hour reminder when its time comes, with the cancellation policy, and records it on the history', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const reminders = schedulerFor(setup);

    expect((await reminders.runReminderScan(new Date(before(START, 48).getTime() - 60_000))).queued).toBe(0);
    const due = await reminders.runReminderScan(before(START, 48));
    expect(due).toMatchObject({ considered: 1, queued: 1 });

    const [reminder] = await remindersOf(setup, appointmentId);
    const message = await readMessage(app, setup.practice, reminder?.id ?? '');
    expect(message).toMatchObject({ channel: 'email', to: 'grace@example.com', status: 'queued', createdBy: null });
    expect(message.subject).toBe(`Reminder: your appointment at ${setup.clinic.name} on Thursday, March 5, 2026`);
    expect(message.textBody).toContain('Thursday, March 5, 2026 at 10:00 AM EST');
    expect(message.textBody).toContain('Our cancellation policy: Appointments cancelled or rescheduled less than 24 hours');
    expect(message.textBody).not.toMatch(/portal|localhost/);

    const queued = (await historyOf(setup, appointmentId)).filter((event) => event.type === 'reminder_queued');
    expect(queued).toEqual([
      expect.objectContaining({
        actorStaffId: null,
        details: {
          offsetMinutes: 2880,
          startsAt: '2026-03-05T15:00:00.000Z',
          channel: 'email',
          messageId: reminder?.id,
          dedupeKey: reminderDedupeKey({ appointmentId, offsetMinutes: 2880, startsAt: new Date(START) }),
        },
      }),
    ]);
  });

  it('never sends a reminder twice, whether scanned again or by two scans at once', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const reminders = schedulerFor(setup);
    const other = schedulerFor(setup);
    const results = await Promise.all([reminders.runReminderScan(before(START, 47)), other.runReminderScan(before(START, 47))]);
    expect(results.map((result) => result.queued).sort()).toEqual([0, 1]);
    expect((await reminders.runReminderScan(before(START, 30))).queued).toBe(0);
    expect(await remindersOf(setup, appointmentId)).toHaveLength(1);
    expect((await historyOf(setup, appointmentId)).filter((event) => event.type === 'reminder_queued')).toHaveLength(1);
  });

  it('sends the 2-hour reminder after the 48-hour one, and nothing once the appointment has started', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const reminders = schedulerFor(setup);
    await reminders.runReminderScan(before(START, 48));
    expect((await reminders.runReminderScan(before(START, 3))).queued).toBe(0);
    expect((await reminders.runReminderScan(before(START, 2))).queued).toBe(1);
    expect((await reminders.runReminderScan(before(START, 1))).queued).toBe(0);
    expect(await reminders.runReminderScan(new Date(new Date(START).getTime() + 60_000))).toMatchObject({ considered: 0, queued: 0 });
    const offsets = (await historyOf(setup, appointmentId))
      .filter((event) => event.type === 'reminder_queued')
      .map((event) => event.details.offsetMinutes);
    expect(offsets).toEqual([2880, 120]);
  });

  it('sends only the nearest reminder for an appointment booked inside its offsets', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const reminders = schedulerFor(setup);
    expect((await reminders.runReminderScan(before(START, 1))).queued).toBe(1);
    expect((await reminders.runReminderScan(before(START, 0.5))).queued).toBe(0);
    const [reminder] = await remindersOf(setup, appointmentId);
    expect((await readMessage(app, setup.practice, reminder?.id ?? '')).textBody).toContain('10:00 AM EST');
    expect(await remindersOf(setup, appointmentId)).toHaveLength(1);
  });

  it('never reminds of a cancelled appointment', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${appointmentId}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient is ill' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await schedulerFor(setup).runReminderScan(before(START, 2))).toMatchObject({ considered: 0, queued: 0 });
    expect(await remindersOf(setup, appointmentId)).toEqual([]);
  });

  it('gives a moved appointment its own reminders for its new start', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const reminders = schedulerFor(setup);
    await reminders.runReminderScan(before(START, 48));
    const newStart = '2026-03-06T15:00:00Z';
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: setup.practice.owner.headers,
      payload: { start: newStart },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // Still 48 hours before the old start: nothing more for the old time.
    expect((await reminders.runReminderScan(before(START, 47))).queued).toBe(0);
    expect((await reminders.runReminderScan(before(newStart, 48))).queued).toBe(1);
    const keys = await Promise.all(
      (await remindersOf(setup, appointmentId)).map(async (message) => (await readMessage(app, setup.practice, message.id)).textBody),
    );
    expect(keys.some((text) => text.includes('Friday, March 6, 2026 at 10:00 AM EST'))).toBe(true);
    const queued = (await historyOf(setup, appointmentId)).filter((event) => event.type === 'reminder_queued');
    expect(queued.map((event) => event.details.startsAt)).toEqual(['2026-03-05T15:00:00.000Z', '2026-03-06T15:00:00.000Z']);
  });

  it('withdraws a reminder still waiting in the outbox when the appointment is moved or cancelled', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    await schedulerFor(setup).runReminderScan(before(START, 2));
    const observer = createReminderBookingObserver();
    const moved = { id: appointmentId, patientId: setup.patientId, serviceIds: [setup.consultation.id] };
    // A change that keeps the time keeps the reminder.
    await inPractice(database, setup.practice.practiceId, async (tx) =>
      observer.onAppointmentRescheduled?.(tx, setup.practice.practiceId, {
        ...moved,
        startsAt: new Date(START),
        previousStartsAt: new Date(START),
      }),
    );
    expect((await remindersOf(setup, appointmentId))[0]?.status).toBe('queued');
    await inPractice(database, setup.practice.practiceId, async (tx) =>
      observer.onAppointmentRescheduled?.(tx, setup.practice.practiceId, {
        ...moved,
        startsAt: new Date('2026-03-06T15:00:00Z'),
        previousStartsAt: new Date(START),
      }),
    );
    expect((await remindersOf(setup, appointmentId))[0]?.status).toBe('cancelled');

    const other = await booked(setup, { start: '2026-03-05T16:00:00Z' });
    await schedulerFor(setup).runReminderScan(before(START, 2));
    await inPractice(database, setup.practice.practiceId, async (tx) =>
      observer.onAppointmentCancelled?.(tx, setup.practice.practiceId, { id: other }),
    );
    expect((await remindersOf(setup, other))[0]?.status).toBe('cancelled');
  });

  it('withdraws a waiting reminder when staff cancel or move the appointment', async () => {
    const setup = await createBookablePractice(app);
    const cancelled = await booked(setup);
    const moved = await booked(setup, { start: '2026-03-05T17:00:00Z' });
    await schedulerFor(setup).runReminderScan(before(START, 45));
    expect((await remindersOf(setup, cancelled))[0]?.status).toBe('queued');
    expect((await remindersOf(setup, moved))[0]?.status).toBe('queued');

    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${cancelled}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient is travelling', chargeFee: false },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await remindersOf(setup, cancelled))[0]?.status).toBe('cancelled');

    const move = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${moved}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"1"' },
      payload: { start: '2026-03-06T17:00:00Z' },
    });
    expect(move.statusCode, move.body).toBe(200);
    expect((await remindersOf(setup, moved))[0]?.status).toBe('cancelled');
  });

  it('uses the patient’s preferred channel, falls back to the other, and records a patient with neither once', async () => {
    const setup = await createBookablePractice(app);
    const smsFirst = await createPatient(setup, {
      firstName: 'Lin',
      lastName: 'Chen',
      email: 'lin@example.com',
      phone: '+12125550143',
      preferredChannel: 'sms',
    });
    const smsWithoutPhone = await createPatient(setup, {
      firstName: 'Ada',
      lastName: 'Byron',
      email: 'ada@example.com',
      preferredChannel: 'sms',
    });
    const unreachable = await createPatient(setup, { firstName: 'Noor', lastName: 'Haddad' });
    const bySms = await booked(setup, { patientId: smsFirst, start: '2026-03-05T15:00:00Z' });
    const byEmail = await booked(setup, { patientId: smsWithoutPhone, start: '2026-03-05T16:00:00Z' });
    const nobody = await booked(setup, { patientId: unreachable, start: '2026-03-05T17:00:00Z' });
    const reminders = schedulerFor(setup);
    expect(await reminders.runReminderScan(before(START, 24))).toMatchObject({ considered: 3, queued: 2, skipped: 1 });
    expect(await reminders.runReminderScan(before(START, 23))).toMatchObject({ queued: 0, skipped: 0 });

    const [sms] = await remindersOf(setup, bySms);
    expect(sms).toMatchObject({ channel: 'sms', to: '+12125550143' });
    expect((await readMessage(app, setup.practice, sms?.id ?? '')).textBody).toContain('Reminder for Lin');
    expect((await remindersOf(setup, byEmail))[0]).toMatchObject({ channel: 'email', to: 'ada@example.com' });
    expect(await remindersOf(setup, nobody)).toEqual([]);
    expect((await historyOf(setup, nobody)).filter((event) => event.type === 'reminder_skipped')).toHaveLength(1);
  });
});

describe('reminder settings', () => {
  it('starts with reminders 48 and 2 hours before, and applies a practice’s own offsets', async () => {
    const setup = await createBookablePractice(app);
    const defaults = await app.inject({ method: 'GET', url: '/api/v1/notification-settings', headers: setup.practice.owner.headers });
    expect(defaults.json<NotificationSettings>()).toEqual({
      remindersEnabled: true,
      reminderOffsetsMinutes: [2880, 120],
      isDefault: true,
      updatedAt: null,
      version: 0,
    });

    const saved = await putSettings(setup, { remindersEnabled: true, reminderOffsetsMinutes: [60, 1440] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ reminderOffsetsMinutes: [1440, 60], isDefault: false, version: 1 });
    expect(saved.headers.etag).toBe('"1"');

    const appointmentId = await booked(setup);
    const reminders = schedulerFor(setup);
    expect((await reminders.runReminderScan(before(START, 47))).queued).toBe(0);
    expect((await reminders.runReminderScan(before(START, 24))).queued).toBe(1);
    expect((await reminders.runReminderScan(before(START, 1))).queued).toBe(1);
    const offsets = (await historyOf(setup, appointmentId))
      .filter((event) => event.type === 'reminder_queued')
      .map((event) => event.details.offsetMinutes);
    expect(offsets).toEqual([1440, 60]);
  });

  it('sends no reminders while they are turned off', async () => {
    const setup = await createBookablePractice(app);
    expect((await putSettings(setup, { remindersEnabled: false, reminderOffsetsMinutes: [2880, 120] })).statusCode).toBe(200);
    const appointmentId = await booked(setup);
    expect((await schedulerFor(setup).runReminderScan(before(START, 1))).queued).toBe(0);
    expect(await remindersOf(setup, appointmentId)).toEqual([]);
  });

  it.each([
    ['an offset under 15 minutes', { remindersEnabled: true, reminderOffsetsMinutes: [10] }, 'reminderOffsetsMinutes[0]'],
    ['an offset over 14 days', { remindersEnabled: true, reminderOffsetsMinutes: [20_161] }, 'reminderOffsetsMinutes[0]'],
    ['the same offset twice', { remindersEnabled: true, reminderOffsetsMinutes: [120, 120] }, 'reminderOffsetsMinutes'],
    ['six offsets', { remindersEnabled: true, reminderOffsetsMinutes: [60, 120, 180, 240, 300, 360] }, 'reminderOffsetsMinutes'],
    ['a fractional offset', { remindersEnabled: true, reminderOffsetsMinutes: [90.5] }, 'reminderOffsetsMinutes[0]'],
    ['a missing switch', { reminderOffsetsMinutes: [120] }, 'remindersEnabled'],
  ])('refuses %s with 400 naming the field', async (_label, payload, field) => {
    const setup = await createBookablePractice(app);
    const response = await putSettings(setup, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it('lets only owners and admins change them, and refuses a stale If-Match', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const admin = await setup.practice.signInAs('admin');
    const body = { remindersEnabled: true, reminderOffsetsMinutes: [120] };
    expect((await putSettings(setup, body, frontDesk.headers)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/notification-settings', headers: frontDesk.headers })).statusCode).toBe(403);
    expect((await putSettings(setup, body, { ...admin.headers, 'if-match': '"0"' })).statusCode).toBe(200);
    expect((await putSettings(setup, body, { ...admin.headers, 'if-match': '"0"' })).statusCode).toBe(412);
  });

  it('keeps each practice’s settings to itself', async () => {
    const first = await createBookablePractice(app);
    const second = await createBookablePractice(app);
    await putSettings(first, { remindersEnabled: false, reminderOffsetsMinutes: [] });
    const other = await app.inject({ method: 'GET', url: '/api/v1/notification-settings', headers: second.practice.owner.headers });
    expect(other.json().isDefault).toBe(true);
    const appointmentId = await booked(second);
    expect((await schedulerFor(second).runReminderScan(before(START, 2))).queued).toBe(1);
    expect(await remindersOf(second, appointmentId)).toHaveLength(1);
  });
});

describe('the reminder scheduler', () => {
  it('scans on its own timer and stops cleanly', async () => {
    const setup = await createBookablePractice(app);
    const appointmentId = await booked(setup);
    const scanClock = createManualClock(before(START, 2));
    const reminders = createReminderScheduler({
      database,
      clock: scanClock,
      intervalMs: 20,
      patients: app.services.patients,
      onlyPractices: [setup.practice.practiceId],
    });
    reminders.start();
    expect(reminders.running).toBe(true);
    const deadline = Date.now() + 10_000;
    while ((await remindersOf(setup, appointmentId)).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await reminders.stop();
    expect(reminders.running).toBe(false);
    expect(await remindersOf(setup, appointmentId)).toHaveLength(1);
  });
});
