import type { Clinic, Provider, Service } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import {
  createManualClock,
  createTestApp,
  createTestPractice,
  setProvidersManageAllAppointments,
  type SignedInStaff,
  type TestPractice,
} from '../../testing/test-app.ts';
import { attachPaperwork, createConsent } from '../paperwork/paperwork-test-builders.ts';
import { createClinic, createService, everyDay, replaceRules } from '../practice/practice-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York: appointments today can be checked in and marked no-shows.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });

interface ScopedPractice {
  practice: TestPractice;
  clinic: Clinic;
  consultation: Service;
  /** Two providers who sign in; each works 08:00–20:00 every day. */
  mia: { provider: Provider; staff: SignedInStaff };
  noah: { provider: Provider; staff: SignedInStaff };
  patientId: string;
}

async function createSignedInProvider(app: GlowdeskApp, practice: TestPractice, clinic: Clinic, service: Service, name: string) {
  const staff = await practice.signInAs('provider', { displayName: name });
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: practice.owner.headers,
    payload: { staffId: staff.id, clinicIds: [clinic.id], serviceIds: [service.id] },
  });
  expect(response.statusCode, response.body).toBe(201);
  const provider = response.json<Provider>();
  await replaceRules(app, practice, provider.id, clinic.id, everyDay('08:00', '20:00'));
  return { provider, staff };
}

async function createScopedPractice(): Promise<ScopedPractice> {
  const practice = await createTestPractice(app);
  const clinic = await createClinic(app, practice);
  const consultation = await createService(app, practice, { name: 'Consultation', durationMinutes: 30, clinicIds: [clinic.id] });
  const mia = await createSignedInProvider(app, practice, clinic, consultation, 'Mia Park');
  const noah = await createSignedInProvider(app, practice, clinic, consultation, 'Noah Reyes');
  const patientId = await createPatient(practice, 'Grace', 'Hopper');
  return { practice, clinic, consultation, mia, noah, patientId };
}

async function createPatient(practice: TestPractice, firstName: string, lastName: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: practice.owner.headers,
    payload: { firstName, lastName },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** Half-hour slots from 10:00 New York time today, one per booking, so no two bookings collide. */
function slot(index: number): string {
  return new Date(Date.parse('2026-03-02T15:00:00Z') + index * 45 * 60_000).toISOString();
}

async function bookFor(
  setup: ScopedPractice,
  providerId: string,
  start: string,
  headers = setup.practice.owner.headers,
  patientId = setup.patientId,
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers,
    payload: {
      kind: 'appointment',
      mode: 'in_person',
      clinicId: setup.clinic.id,
      providerId,
      serviceIds: [setup.consultation.id],
      start,
      patientId,
    },
  });
}

async function bookedId(setup: ScopedPractice, providerId: string, start: string): Promise<string> {
  const response = await bookFor(setup, providerId, start);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

function post(url: string, headers: Record<string, string>, payload: Record<string, unknown> = {}) {
  return app.inject({ method: 'POST', url, headers, payload });
}

async function statusOf(setup: ScopedPractice, appointmentId: string): Promise<string> {
  const read = await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointmentId}`, headers: setup.practice.owner.headers });
  return read.json<{ status: string }>().status;
}

interface AppointmentAction {
  name: string;
  /** What the owner does first so the action applies (a restore needs a no-show). */
  prepare: string[];
  /** The status the action leaves. */
  status: string;
  act(appointmentId: string, headers: Record<string, string>, nextStart: string): ReturnType<typeof post>;
}

const actions: AppointmentAction[] = [
  { name: 'confirm', prepare: [], status: 'confirmed', act: (id, headers) => post(`/api/v1/appointments/${id}/confirm`, headers) },
  { name: 'check in', prepare: [], status: 'checked_in', act: (id, headers) => post(`/api/v1/appointments/${id}/check-in`, headers) },
  {
    name: 'start the procedure',
    prepare: ['check-in'],
    status: 'in_procedure',
    act: (id, headers) => post(`/api/v1/appointments/${id}/start`, headers),
  },
  {
    name: 'complete',
    prepare: ['check-in'],
    status: 'completed',
    act: (id, headers) => post(`/api/v1/appointments/${id}/complete`, headers),
  },
  {
    name: 'cancel',
    prepare: [],
    status: 'cancelled',
    act: (id, headers) => post(`/api/v1/appointments/${id}/cancel`, headers, { reason: 'Feeling unwell' }),
  },
  { name: 'mark a no-show', prepare: [], status: 'no_show', act: (id, headers) => post(`/api/v1/appointments/${id}/no-show`, headers) },
  {
    name: 'restore a no-show',
    prepare: ['no-show'],
    status: 'booked',
    act: (id, headers) => post(`/api/v1/appointments/${id}/restore`, headers),
  },
  {
    name: 'reschedule (drag on the book)',
    prepare: [],
    status: 'booked',
    act: (id, headers, nextStart) =>
      app.inject({ method: 'PATCH', url: `/api/v1/appointments/${id}`, headers, payload: { start: nextStart } }),
  },
  {
    name: 'edit the notes',
    prepare: [],
    status: 'booked',
    act: (id, headers) =>
      app.inject({ method: 'PATCH', url: `/api/v1/appointments/${id}`, headers, payload: { notes: 'Prefers mornings' } }),
  },
];

describe('what a provider may do on appointments (practice setting providersManageAllAppointments)', () => {
  it('starts off: a new practice limits providers to their own appointments', async () => {
    const practice = await createTestPractice(app);
    const settings = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: practice.owner.headers });
    expect(settings.json()).toMatchObject({ providersManageAllAppointments: false });
  });

  it.each(actions)(
    '$name: refused on a colleague’s appointment while off, allowed on their own, for every other role, and when on',
    async (action) => {
      const setup = await createScopedPractice();
      let next = 0;
      const prepared = async (providerId: string) => {
        const id = await bookedId(setup, providerId, slot(next++));
        for (const step of action.prepare) {
          const response = await post(`/api/v1/appointments/${id}/${step}`, setup.practice.owner.headers);
          expect(response.statusCode, response.body).toBe(200);
        }
        return id;
      };
      const expectDone = async (id: string, headers: Record<string, string>, who: string) => {
        const response = await action.act(id, headers, slot(next++));
        expect({ who, status: response.statusCode }, response.body).toEqual({ who, status: 200 });
        expect(await statusOf(setup, id)).toBe(action.status);
      };

      const colleagues = await prepared(setup.noah.provider.id);
      const before = await statusOf(setup, colleagues);
      const refused = await action.act(colleagues, setup.mia.staff.headers, slot(next++));
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'not_your_appointment' });
      expect(await statusOf(setup, colleagues)).toBe(before);

      await expectDone(await prepared(setup.mia.provider.id), setup.mia.staff.headers, 'provider, own appointment');
      for (const role of ['owner', 'admin', 'front_desk'] as const) {
        const headers = role === 'owner' ? setup.practice.owner.headers : (await setup.practice.signInAs(role)).headers;
        await expectDone(await prepared(setup.noah.provider.id), headers, role);
      }

      await setProvidersManageAllAppointments(app, setup.practice, true);
      await expectDone(colleagues, setup.mia.staff.headers, 'provider, setting on');
    },
  );

  it('lets a provider book in their own column but not a colleague’s, nor move their appointment to one, while off', async () => {
    const setup = await createScopedPractice();
    const own = await bookFor(setup, setup.mia.provider.id, slot(0), setup.mia.staff.headers);
    expect(own.statusCode, own.body).toBe(201);
    const colleagues = await bookFor(setup, setup.noah.provider.id, slot(1), setup.mia.staff.headers);
    expect(colleagues.statusCode).toBe(403);
    expect(colleagues.json()).toMatchObject({ code: 'not_your_appointment' });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${own.json<{ id: string }>().id}`,
      headers: setup.mia.staff.headers,
      payload: { providerId: setup.noah.provider.id },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json()).toMatchObject({ code: 'not_your_appointment' });

    await setProvidersManageAllAppointments(app, setup.practice, true);
    expect((await bookFor(setup, setup.noah.provider.id, slot(1), setup.mia.staff.headers)).statusCode).toBe(201);
  });

  it('shows a provider the whole book, colleagues’ appointments included, while off', async () => {
    const setup = await createScopedPractice();
    const colleagues = await bookedId(setup, setup.noah.provider.id, slot(0));
    const book = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?from=2026-03-02T05:00:00Z&to=2026-03-03T05:00:00Z`,
      headers: setup.mia.staff.headers,
    });
    expect(book.statusCode).toBe(200);
    expect(book.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([colleagues]);
    const one = await app.inject({ method: 'GET', url: `/api/v1/appointments/${colleagues}`, headers: setup.mia.staff.headers });
    expect(one.statusCode).toBe(200);
  });

  it('lets a provider-role staff member without a provider record change no appointment while off', async () => {
    const setup = await createScopedPractice();
    const unlinked = await setup.practice.signInAs('provider');
    const id = await bookedId(setup, setup.noah.provider.id, slot(0));
    const refused = await post(`/api/v1/appointments/${id}/confirm`, unlinked.headers);
    expect(refused.json()).toMatchObject({ status: 403, code: 'not_your_appointment' });
  });
});

describe('which clients a provider may see', () => {
  const clientReads = (patientId: string) => [
    { method: 'GET' as const, url: `/api/v1/patients/${patientId}` },
    { method: 'PATCH' as const, url: `/api/v1/patients/${patientId}`, payload: { notes: 'Allergic to lidocaine' } },
    { method: 'GET' as const, url: `/api/v1/patients/${patientId}/paperwork` },
    { method: 'GET' as const, url: `/api/v1/appointments?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&patientId=${patientId}` },
  ];

  it('refuses a client with no appointment with the provider while off, and shows one who has (even cancelled)', async () => {
    const setup = await createScopedPractice();
    const noahsClient = await createPatient(setup.practice, 'Ada', 'Lovelace');
    await bookedId(setup, setup.noah.provider.id, slot(0)).then(async () => {
      expect((await bookFor(setup, setup.noah.provider.id, slot(1), setup.practice.owner.headers, noahsClient)).statusCode).toBe(201);
    });
    const miasCancelled = await bookedId(setup, setup.mia.provider.id, slot(2));
    expect(
      (await post(`/api/v1/appointments/${miasCancelled}/cancel`, setup.practice.owner.headers, { reason: 'Moved away' })).statusCode,
    ).toBe(200);

    for (const request of clientReads(noahsClient)) {
      const refused = await app.inject({ ...request, headers: setup.mia.staff.headers });
      expect({ url: request.url, status: refused.statusCode, code: refused.json().code }).toEqual({
        url: request.url,
        status: 403,
        code: 'not_your_client',
      });
    }
    for (const request of clientReads(setup.patientId)) {
      const allowed = await app.inject({ ...request, headers: setup.mia.staff.headers });
      expect({ url: request.url, status: allowed.statusCode }, allowed.body).toEqual({ url: request.url, status: 200 });
    }
  });

  it('shows every client to providers when on, and to every other role either way', async () => {
    const setup = await createScopedPractice();
    const stranger = await createPatient(setup.practice, 'Ada', 'Lovelace');
    for (const role of ['admin', 'front_desk'] as const) {
      const member = await setup.practice.signInAs(role);
      for (const request of clientReads(stranger)) {
        const response = await app.inject({ ...request, headers: member.headers });
        expect({ role, url: request.url, status: response.statusCode }).toEqual({ role, url: request.url, status: 200 });
      }
    }
    await setProvidersManageAllAppointments(app, setup.practice, true);
    for (const request of clientReads(stranger)) {
      const response = await app.inject({ ...request, headers: setup.mia.staff.headers });
      expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 200 });
    }
  });

  it('narrows a list of clients to a limited provider’s own (any appointment with them), and leaves it whole when on', async () => {
    const setup = await createScopedPractice();
    const noahsClient = await createPatient(setup.practice, 'Ada', 'Lovelace');
    const nobodys = await createPatient(setup.practice, 'Alan', 'Turing');
    await bookedId(setup, setup.mia.provider.id, slot(0));
    expect((await bookFor(setup, setup.noah.provider.id, slot(1), setup.practice.owner.headers, noahsClient)).statusCode).toBe(201);
    const mia = { ...setup.practice.ownerActor, staffId: setup.mia.staff.id, role: 'provider' as const, email: setup.mia.staff.email };
    const everyone = [setup.patientId, noahsClient, nobodys];
    expect([...(await app.services.clientAccess.readableClients(mia, everyone))]).toEqual([setup.patientId]);
    expect((await app.services.clientAccess.readableClients(setup.practice.ownerActor, everyone)).size).toBe(3);
    await setProvidersManageAllAppointments(app, setup.practice, true);
    expect((await app.services.clientAccess.readableClients(mia, everyone)).size).toBe(3);
  });

  it('still lets a provider search clients to book them', async () => {
    const setup = await createScopedPractice();
    await createPatient(setup.practice, 'Ada', 'Lovelace');
    const search = await app.inject({ method: 'GET', url: '/api/v1/patients?q=Lovelace', headers: setup.mia.staff.headers });
    expect(search.statusCode).toBe(200);
    expect(search.json<{ items: unknown[] }>().items).toHaveLength(1);
  });
});

describe('the forms on an appointment, for a provider', () => {
  const paperworkOf = (appointmentId: string, headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: `/api/v1/appointments/${appointmentId}/paperwork`, headers });
  const assignFormsOn = (appointmentId: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: `/api/v1/appointments/${appointmentId}/paperwork/assign`, headers });

  /** An appointment with Noah for a client who has none with Mia; the service's consent is attached after booking, so none is assigned yet. */
  async function colleaguesAppointmentWithoutForms() {
    const setup = await createScopedPractice();
    const noahsClient = await createPatient(setup.practice, 'Ada', 'Lovelace');
    const booked = await bookFor(setup, setup.noah.provider.id, slot(0), setup.practice.owner.headers, noahsClient);
    expect(booked.statusCode, booked.body).toBe(201);
    const consent = await createConsent(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    return { setup, appointmentId: booked.json<{ id: string }>().id };
  }

  it('refuses a provider the forms of a colleague’s appointment and assigning them while off, and assigns nothing', async () => {
    const { setup, appointmentId } = await colleaguesAppointmentWithoutForms();

    const read = await paperworkOf(appointmentId, setup.mia.staff.headers);
    expect(read.statusCode).toBe(403);
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect(read.json()).toMatchObject({ code: 'not_your_client' });
    const assign = await assignFormsOn(appointmentId, setup.mia.staff.headers);
    expect(assign.statusCode).toBe(403);
    expect(assign.json()).toMatchObject({ code: 'not_your_appointment' });

    const forms = await paperworkOf(appointmentId, setup.practice.owner.headers);
    expect(forms.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('lets the appointment’s own provider, every other role, and any provider when on, read and assign its forms', async () => {
    const { setup, appointmentId } = await colleaguesAppointmentWithoutForms();
    expect((await paperworkOf(appointmentId, setup.noah.staff.headers)).statusCode).toBe(200);
    const assigned = await assignFormsOn(appointmentId, setup.noah.staff.headers);
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ created: 1 });
    for (const role of ['admin', 'front_desk'] as const) {
      const member = await setup.practice.signInAs(role);
      expect({ role, read: (await paperworkOf(appointmentId, member.headers)).statusCode }).toEqual({ role, read: 200 });
      expect({ role, assign: (await assignFormsOn(appointmentId, member.headers)).statusCode }).toEqual({ role, assign: 200 });
    }

    await setProvidersManageAllAppointments(app, setup.practice, true);
    expect((await paperworkOf(appointmentId, setup.mia.staff.headers)).statusCode).toBe(200);
    expect((await assignFormsOn(appointmentId, setup.mia.staff.headers)).statusCode).toBe(200);
  });

  it('shows a provider the forms on a colleague’s appointment when the client is also theirs, but still refuses assigning', async () => {
    const { setup, appointmentId } = await colleaguesAppointmentWithoutForms();
    const client = (await paperworkOf(appointmentId, setup.practice.owner.headers)).json<{ items: unknown[] }>();
    expect(client.items).toEqual([]);
    const appointment = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: setup.practice.owner.headers,
    });
    const patientId = appointment.json<{ patient: { id: string } }>().patient.id;
    expect((await bookFor(setup, setup.mia.provider.id, slot(1), setup.practice.owner.headers, patientId)).statusCode).toBe(201);

    expect((await paperworkOf(appointmentId, setup.mia.staff.headers)).statusCode).toBe(200);
    const assign = await assignFormsOn(appointmentId, setup.mia.staff.headers);
    expect(assign.statusCode).toBe(403);
    expect(assign.json()).toMatchObject({ code: 'not_your_appointment' });
  });

  it('answers 404 to a provider for an appointment that does not exist', async () => {
    const setup = await createScopedPractice();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await paperworkOf(missing, setup.mia.staff.headers)).statusCode).toBe(404);
    expect((await assignFormsOn(missing, setup.mia.staff.headers)).statusCode).toBe(404);
  });
});
