import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York. Two apps on one database stand for two server
// processes: each remembers the sessions it resolved; neither knows what the other did.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database, config } = await createTestApp({ clock });
const otherProcess = await buildApp({ config, database, clock });
afterAll(() => otherProcess.close());

function tokenOf(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1);
}

async function appointmentStarts(setup: BookablePractice): Promise<string[]> {
  const list = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments?clinicId=${setup.clinic.id}&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z`,
    headers: setup.practice.owner.headers,
  });
  expect(list.statusCode, list.body).toBe(200);
  return list.json<{ items: { start: string }[] }>().items.map((item) => item.start);
}

describe('sessions remembered by a server process (booking)', () => {
  it('answers from memory only for routes that confirm the session in their transaction, and only once resolved', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const token = tokenOf(frontDesk.cookie);
    const identity = app.services.identity;
    // Nothing remembered yet: the database answers, and the actor needs no confirming.
    const first = await identity.resolveSession(token, { mayRemember: true });
    expect(first).toMatchObject({ practiceId: setup.practice.practiceId, staffId: frontDesk.id, role: 'front_desk' });
    expect(first?.unconfirmedSession).toBeUndefined();
    const recalled = await identity.resolveSession(token, { mayRemember: true });
    expect(recalled?.unconfirmedSession).toMatchObject({ staffId: frontDesk.id, role: 'front_desk', checked: false });
    expect((await identity.resolveSession(token))?.unconfirmedSession).toBeUndefined();
  });

  it('goes back to the database once the session’s idle timer is due to be refreshed', async () => {
    const local = createManualClock('2026-03-02T14:00:00Z');
    const { app: localApp } = await createTestApp({ clock: local });
    const setup = await createBookablePractice(localApp);
    const token = tokenOf(setup.practice.owner.cookie);
    const identity = localApp.services.identity;
    await identity.resolveSession(token);
    expect((await identity.resolveSession(token, { mayRemember: true }))?.unconfirmedSession).toBeDefined();
    local.advanceMinutes(2);
    const refreshed = await identity.resolveSession(token, { mayRemember: true });
    expect(refreshed?.unconfirmedSession).toBeUndefined();
    expect(refreshed?.staffId).toBe(setup.practice.owner.id);
  });

  it('books with a remembered session that still stands', async () => {
    const setup = await createBookablePractice(app);
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' })).statusCode).toBe(201);
    const second = await book(app, setup, { start: '2026-03-03T16:00:00Z' });
    expect(second.statusCode, second.body).toBe(201);
    expect(await appointmentStarts(setup)).toEqual(['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z']);
  });

  it('refuses a booking with 401 and writes nothing once the session was signed out through another process', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const headers = frontDesk.headers;
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' }, headers)).statusCode).toBe(201);
    const signOut = await otherProcess.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(signOut.statusCode, signOut.body).toBe(204);

    const refused = await book(
      app,
      setup,
      { start: '2026-03-03T16:00:00Z', patientId: undefined, newPatient: { firstName: 'Ada', lastName: 'Lovelace' } },
      headers,
    );
    expect(refused.statusCode, refused.body).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await appointmentStarts(setup)).toEqual(['2026-03-03T15:00:00.000Z']);
    const patients = await app.inject({ method: 'GET', url: '/api/v1/patients?q=Lovelace', headers: setup.practice.owner.headers });
    expect(patients.json().items).toEqual([]);
  });

  it('refuses an out-of-office block the same way', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' }, frontDesk.headers)).statusCode).toBe(201);
    await otherProcess.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: frontDesk.headers });

    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: frontDesk.headers,
      payload: {
        kind: 'out_of_office',
        title: 'Training',
        clinicId: setup.clinic.id,
        providerId: setup.providerA.id,
        start: '2026-03-03T17:00:00Z',
        end: '2026-03-03T18:00:00Z',
      },
    });
    expect(refused.statusCode, refused.body).toBe(401);
    expect(await appointmentStarts(setup)).toEqual(['2026-03-03T15:00:00.000Z']);
  });

  it('refuses a booking once the staff member was deactivated through another process', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' }, frontDesk.headers)).statusCode).toBe(201);
    const deactivate = await otherProcess.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${frontDesk.id}`,
      headers: setup.practice.owner.headers,
      payload: { active: false },
    });
    expect(deactivate.statusCode, deactivate.body).toBe(200);

    expect((await book(app, setup, { start: '2026-03-03T16:00:00Z' }, frontDesk.headers)).statusCode).toBe(401);
    expect(await appointmentStarts(setup)).toEqual(['2026-03-03T15:00:00.000Z']);
  });

  it('answers 401 rather than the validation error when the remembered session no longer stands', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' }, frontDesk.headers)).statusCode).toBe(201);
    expect((await book(app, setup, { clinicId: 'not-a-uuid' }, frontDesk.headers)).statusCode).toBe(400);
    await otherProcess.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: frontDesk.headers });

    const refused = await book(app, setup, { clinicId: 'not-a-uuid' }, frontDesk.headers);
    expect(refused.statusCode, refused.body).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers an idempotent replay with 401 when the remembered session no longer stands', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const headers = { ...frontDesk.headers, 'idempotency-key': 'replay-after-sign-out' };
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' }, headers)).statusCode).toBe(201);
    const replayed = await book(app, setup, { start: '2026-03-03T15:00:00Z' }, headers);
    expect(replayed.statusCode).toBe(200);
    await otherProcess.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: frontDesk.headers });

    const refused = await book(app, setup, { start: '2026-03-03T15:00:00Z' }, headers);
    expect(refused.statusCode, refused.body).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['idempotent-replayed']).toBeUndefined();
    expect(refused.headers.location).toBeUndefined();
    expect(refused.body).not.toContain('Grace');
  });

  it('never answers other routes from memory', async () => {
    const setup = await createBookablePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await book(app, setup, { start: '2026-03-03T15:00:00Z' }, frontDesk.headers)).statusCode).toBe(201);
    await otherProcess.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: frontDesk.headers });
    const list = await app.inject({ method: 'GET', url: '/api/v1/patients', headers: frontDesk.headers });
    expect(list.statusCode).toBe(401);
  });
});
