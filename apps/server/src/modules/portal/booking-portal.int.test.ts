import { describe, expect, it } from 'vitest';
import { book } from '../appointments/appointments-test-builders.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { auditTrailOf, createPortalPractice, createPortalWithPatient, type PortalPractice, signInPatient } from './portal-test-support.ts';

const clock = createManualClock('2027-03-01T12:00:00Z');
const { app, database } = await createTestApp({ clock });

const windows = {
  confirm: { enabled: true, closesHoursBefore: 0 },
  reschedule: { enabled: true, closesHoursBefore: 24 },
  cancel: { enabled: true, closesHoursBefore: 24 },
};

function putSettings(headers: Record<string, string>, payload: object, extraHeaders: Record<string, string> = {}) {
  return app.inject({ method: 'PUT', url: '/api/v1/booking-portal', headers: { ...headers, ...extraHeaders }, payload });
}

function addBanner(practice: PortalPractice, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/booking-portal/banners', headers: practice.owner.headers, payload });
}

describe('Booking Portal settings', () => {
  it('start with the defaults, and an owner saves reminders and windows that an admin reads back, audited', async () => {
    clock.set('2027-03-01T12:00:00Z');
    const practice = await createPortalPractice(app);
    const initial = await app.inject({ method: 'GET', url: '/api/v1/booking-portal', headers: practice.owner.headers });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ importantReminders: null, patientActions: windows, isDefault: true, version: 0 });

    const saved = await putSettings(practice.owner.headers, {
      importantReminders: '  Arrive 10 minutes early. Bring your ID.  ',
      patientActions: {
        ...windows,
        cancel: { enabled: false, closesHoursBefore: 0 },
        reschedule: { enabled: true, closesHoursBefore: 48 },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    const admin = await practice.signInAs('admin');
    const read = await app.inject({ method: 'GET', url: '/api/v1/booking-portal', headers: admin.headers });
    expect(read.json()).toMatchObject({
      importantReminders: 'Arrive 10 minutes early. Bring your ID.',
      patientActions: { cancel: { enabled: false }, reschedule: { enabled: true, closesHoursBefore: 48 } },
      isDefault: false,
      version: 1,
    });
    const audit = (await auditTrailOf(database, practice.practiceId)).filter((row) => row.action === 'portal_settings.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ after: { importantReminders: 'Arrive 10 minutes early. Bring your ID.' } });
  });

  it('refuse more than 50 words, hours beyond 30 days and a stale version, naming the field, and keep what was saved', async () => {
    const practice = await createPortalPractice(app);
    const wordy = await putSettings(practice.owner.headers, { importantReminders: 'word '.repeat(51), patientActions: windows });
    expect(wordy.statusCode).toBe(400);
    expect(wordy.headers['content-type']).toContain('application/problem+json');
    expect(wordy.json().errors?.[0]?.field ?? wordy.json().field).toBe('importantReminders');
    const far = await putSettings(practice.owner.headers, {
      importantReminders: null,
      patientActions: { ...windows, confirm: { enabled: true, closesHoursBefore: 721 } },
    });
    expect(far.statusCode).toBe(400);
    expect(JSON.stringify(far.json())).toContain('patientActions.confirm.closesHoursBefore');
    expect(
      (await putSettings(practice.owner.headers, { importantReminders: 'Fifty words at most.', patientActions: windows })).statusCode,
    ).toBe(200);
    const stale = await putSettings(
      practice.owner.headers,
      { importantReminders: 'Changed', patientActions: windows },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    const read = await app.inject({ method: 'GET', url: '/api/v1/booking-portal', headers: practice.owner.headers });
    expect(read.json().importantReminders).toBe('Fifty words at most.');
  });

  it('are for owners and admins only: the front desk and providers are refused', async () => {
    const practice = await createPortalPractice(app);
    for (const role of ['front_desk', 'provider'] as const) {
      const member = await practice.signInAs(role);
      expect((await app.inject({ method: 'GET', url: '/api/v1/booking-portal', headers: member.headers })).statusCode).toBe(403);
      expect((await putSettings(member.headers, { importantReminders: null, patientActions: windows })).statusCode).toBe(403);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/booking-portal/banners',
            headers: member.headers,
            payload: { body: 'Sale', startsOn: '2027-03-01', endsOn: '2027-03-02' },
          })
        ).statusCode,
      ).toBe(403);
    }
  });
});

describe('promotional banners', () => {
  it('are listed by first day, saying which show today in the practice’s zone', async () => {
    // 03:00 UTC on 2 March is still 1 March in New York.
    clock.set('2027-03-02T03:00:00Z');
    const practice = await createPortalPractice(app);
    const spring = await addBanner(practice, { body: 'Spring glow: 20% off peels', startsOn: '2027-03-02', endsOn: '2027-03-31' });
    expect(spring.statusCode, spring.body).toBe(201);
    const now = await addBanner(practice, { body: 'Open late on Thursdays', startsOn: '2027-02-01', endsOn: '2027-03-01' });
    const off = await addBanner(practice, { body: 'Holiday hours', startsOn: '2027-02-01', endsOn: '2027-12-31', enabled: false });
    const list = await app.inject({ method: 'GET', url: '/api/v1/booking-portal/banners', headers: practice.owner.headers });
    expect(list.json().items.map((banner: { body: string; showingNow: boolean }) => [banner.body, banner.showingNow])).toEqual([
      ['Open late on Thursdays', true],
      ['Holiday hours', false],
      ['Spring glow: 20% off peels', false],
    ]);
    expect(now.json().showingNow).toBe(true);
    expect(off.json().enabled).toBe(false);
  });

  it('refuse an end before the start, on creating and on changing one date, and empty text', async () => {
    const practice = await createPortalPractice(app);
    const backwards = await addBanner(practice, { body: 'Sale', startsOn: '2027-03-10', endsOn: '2027-03-09' });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toContain('endsOn');
    const empty = await addBanner(practice, { body: '   ', startsOn: '2027-03-10', endsOn: '2027-03-12' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('body');
    const banner = (await addBanner(practice, { body: 'Sale', startsOn: '2027-03-10', endsOn: '2027-03-12' })).json<{ id: string }>();
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/booking-portal/banners/${banner.id}`,
      headers: practice.owner.headers,
      payload: { startsOn: '2027-03-13' },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json()).toMatchObject({ field: 'endsOn' });
  });

  it('are turned off, deleted with an audit trail, and another practice’s banner is not found', async () => {
    const practice = await createPortalPractice(app);
    const other = await createPortalPractice(app);
    const banner = (await addBanner(practice, { body: 'Sale', startsOn: '2027-03-10', endsOn: '2027-03-12' })).json<{ id: string }>();
    const url = `/api/v1/booking-portal/banners/${banner.id}`;
    expect((await app.inject({ method: 'PATCH', url, headers: other.owner.headers, payload: { enabled: false } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url, headers: other.owner.headers })).statusCode).toBe(404);
    const toggled = await app.inject({ method: 'PATCH', url, headers: practice.owner.headers, payload: { enabled: false } });
    expect(toggled.json()).toMatchObject({ enabled: false, version: 2 });
    expect((await app.inject({ method: 'DELETE', url, headers: practice.owner.headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url, headers: practice.owner.headers })).statusCode).toBe(404);
    const actions = (await auditTrailOf(database, practice.practiceId))
      .map((row) => row.action)
      .filter((action) => action.startsWith('portal_banner'));
    expect(actions).toEqual(['portal_banner.create', 'portal_banner.update', 'portal_banner.delete']);
  });
});

describe('the portal dashboard', () => {
  it('shows the reminders, only the banners enabled and inside their dates, and the patient’s own counts', async () => {
    clock.set('2027-03-05T15:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    await putSettings(setup.practice.owner.headers, { importantReminders: 'Arrive 10 minutes early.', patientActions: windows });
    await addBanner(portalPractice, { body: 'Spring glow', startsOn: '2027-03-01', endsOn: '2027-03-31' });
    await addBanner(portalPractice, { body: 'Next month', startsOn: '2027-04-01', endsOn: '2027-04-30' });
    await addBanner(portalPractice, { body: 'Turned off', startsOn: '2027-03-01', endsOn: '2027-03-31', enabled: false });
    for (const start of ['2027-03-10T15:00:00Z', '2027-03-11T15:00:00Z']) {
      expect((await book(app, setup, { patientId, start })).statusCode).toBe(201);
    }
    // Another patient's visit counts for nobody here.
    expect((await book(app, setup, { start: '2027-03-12T15:00:00Z' })).statusCode).toBe(201);
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const upcoming = await app.inject({ method: 'GET', url: '/api/v1/portal/appointments', headers: { cookie } });
    const first = upcoming.json().items[0].id as string;
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${first}/confirm`, headers: { cookie } })).statusCode,
    ).toBe(200);

    const dashboard = await app.inject({ method: 'GET', url: '/api/v1/portal/dashboard', headers: { cookie } });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.json()).toMatchObject({
      importantReminders: 'Arrive 10 minutes early.',
      banners: [{ body: 'Spring glow' }],
      counts: { upcomingAppointments: 2, unconfirmedAppointments: 1 },
    });
    expect(dashboard.json().banners).toHaveLength(1);
    const audit = (await auditTrailOf(database, setup.practice.practiceId)).filter((row) => row.action === 'portal.dashboard_read');
    expect(audit).toMatchObject([{ actorType: 'patient', actorId: patientId }]);
  });

  it('is refused to a staff session and to nobody signed in', async () => {
    const practice = await createPortalPractice(app);
    expect((await app.inject({ method: 'GET', url: '/api/v1/portal/dashboard', headers: practice.owner.headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/portal/dashboard' })).statusCode).toBe(401);
  });
});

describe('the portal’s confirm window', () => {
  it('follows the practice’s settings: offered and accepted inside the window, refused with a reason after it', async () => {
    clock.set('2027-03-08T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const tomorrow = (await book(app, setup, { patientId, start: '2027-03-09T15:00:00Z' })).json<{ id: string }>().id;
    const nextWeek = (await book(app, setup, { patientId, start: '2027-03-15T15:00:00Z' })).json<{ id: string }>().id;
    const saved = await putSettings(setup.practice.owner.headers, {
      importantReminders: null,
      patientActions: { ...windows, confirm: { enabled: true, closesHoursBefore: 48 } },
    });
    expect(saved.statusCode).toBe(200);
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/portal/appointments', headers: { cookie } })).json();
    expect(listed.items.map((item: { id: string; actions: unknown }) => [item.id, item.actions])).toEqual([
      [tomorrow, { confirm: false, reschedule: true, cancel: true }],
      [nextWeek, { confirm: true, reschedule: true, cancel: true }],
    ]);
    const late = await app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${tomorrow}/confirm`, headers: { cookie } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'confirm_window_closed',
      detail: 'Appointments can be confirmed online until 48 hours before they start; please call the clinic.',
    });
    const staffView = await app.inject({ method: 'GET', url: `/api/v1/appointments/${tomorrow}`, headers: setup.practice.owner.headers });
    expect(staffView.json().status).toBe('booked');
    const inTime = await app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${nextWeek}/confirm`, headers: { cookie } });
    expect(inTime.statusCode).toBe(200);
    expect(inTime.json()).toMatchObject({ status: 'confirmed', actions: { confirm: false } });

    await putSettings(setup.practice.owner.headers, {
      importantReminders: null,
      patientActions: { ...windows, confirm: { enabled: false, closesHoursBefore: 0 } },
    });
    const other = (await book(app, setup, { patientId, start: '2027-03-20T15:00:00Z' })).json<{ id: string }>().id;
    const off = await app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${other}/confirm`, headers: { cookie } });
    expect(off.statusCode).toBe(409);
    expect(off.json().detail).toBe('Appointments cannot be confirmed online at this practice; please call the clinic.');
  });
});
