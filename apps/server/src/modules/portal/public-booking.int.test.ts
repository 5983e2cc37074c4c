import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { createService } from '../practice/practice-test-builders.ts';
import {
  addPatient,
  auditTrailOf,
  createPortalPractice,
  createPortalWithPatient,
  messagesTo,
  setClinicAlerts,
  signInPatient,
  uniquePatientEmail,
  uniquePhone,
} from './portal-test-support.ts';

// Sunday 1 March 2026, 07:00 in New York; providers work 08:00–20:00.
const clock = createManualClock('2026-03-01T12:00:00Z');
const { app, database } = await createTestApp({ clock });

/** Monday 2 March, 10:00 in New York. */
const START = '2026-03-02T15:00:00Z';

type Arranged = Awaited<ReturnType<typeof arrange>>;

async function arrange() {
  clock.set('2026-03-01T12:00:00Z');
  const arranged = await createPortalWithPatient(app);
  const { setup, portalPractice, patientId } = arranged;
  await setClinicAlerts(app, setup.practice, setup.clinic.id, { notificationEmail: 'desk@clinic.test' });
  const email = uniquePatientEmail();
  await app.inject({ method: 'PATCH', url: `/api/v1/patients/${patientId}`, headers: setup.practice.owner.headers, payload: { email } });
  const { cookie } = await signInPatient(app, portalPractice, { channel: 'email', email });
  const staffOnly = await createService(app, setup.practice, {
    name: 'Injectables review',
    bookableOnline: false,
    clinicIds: [setup.clinic.id],
  });
  const filler = await createService(app, setup.practice, {
    name: 'Lip filler',
    durationMinutes: 45,
    requiresCardForOnlineBooking: true,
    cancellationFeeCents: 5000,
    clinicIds: [setup.clinic.id],
    providerIds: [setup.providerA.id, setup.providerB.id],
  });
  return { ...arranged, email, cookie, staffOnly, filler };
}

/** Another patient of the same practice, signed in by phone. */
async function anotherPatient(arranged: Arranged): Promise<{ patientId: string; cookie: string }> {
  const phone = uniquePhone();
  const patientId = await addPatient(app, arranged.setup.practice, { firstName: 'Omar', lastName: 'Haddad', phone });
  const { cookie } = await signInPatient(app, arranged.portalPractice, { channel: 'sms', phone });
  return { patientId, cookie };
}

function bookOnline(slug: string, cookie: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/public/${slug}/bookings`,
    headers: { cookie, 'user-agent': 'BookingTest/1.0', ...headers },
    payload,
  });
}

function consultation(arranged: Arranged, overrides: Record<string, unknown> = {}) {
  return {
    clinicId: arranged.setup.clinic.id,
    serviceIds: [arranged.setup.consultation.id],
    mode: 'in_person',
    start: START,
    ...overrides,
  };
}

async function addOwnCard(cookie: string, gatewayToken = 'pm_card_visa'): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/portal/payment-methods',
    headers: { cookie },
    payload: { gatewayToken },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function currentPolicyOf(slug: string, clinicId: string): Promise<string> {
  const catalog = (await app.inject({ method: 'GET', url: `/api/v1/public/${slug}/booking-catalog` })).json();
  return catalog.cancellationPolicies.find((policy: { clinicId: string }) => policy.clinicId === clinicId).policyVersionId;
}

async function appointmentsAt(practiceId: string, start: string): Promise<{ id: string; provider_id: string }[]> {
  const result = await database.db.execute<{ id: string; provider_id: string }>(
    sql`select id, provider_id from appointments where practice_id = ${practiceId} and starts_at = ${start}::timestamptz and status <> 'cancelled'`,
  );
  return result.rows;
}

describe('booking online', () => {
  it('books for the signed-in patient, marked as booked online, alerts the clinic and sends the confirmation with the invite', async () => {
    const arranged = await arrange();
    const { setup, portalPractice, patientId, cookie, email } = arranged;

    const response = await bookOnline(
      portalPractice.slug,
      cookie,
      consultation(arranged, { providerId: setup.providerA.id, notes: 'First visit' }),
    );

    expect(response.statusCode, response.body).toBe(201);
    const { appointment } = response.json();
    expect(appointment).toEqual({
      id: expect.any(String),
      start: '2026-03-02T15:00:00.000Z',
      end: '2026-03-02T15:30:00.000Z',
      clinicId: setup.clinic.id,
      clinicName: setup.clinic.name,
      timezone: 'America/New_York',
      providerId: setup.providerA.id,
      providerName: setup.providerA.displayName,
      serviceNames: ['Consultation'],
      mode: 'in_person',
      status: 'booked',
      card: null,
    });
    const staffView = (
      await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointment.id}`, headers: setup.practice.owner.headers })
    ).json();
    expect(staffView).toMatchObject({ source: 'online', createdBy: null, patient: { id: patientId }, notes: 'First visit' });
    const created = (await auditTrailOf(database, setup.practice.practiceId)).filter(
      (row) => row.action === 'appointment.create' && row.objectId === appointment.id,
    );
    expect(created).toEqual([
      expect.objectContaining({ actorType: 'patient', actorId: patientId, details: expect.objectContaining({ booked_by: 'patient' }) }),
    ]);
    const alerts = await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test');
    expect(alerts[0]?.textBody).toContain('booked Consultation on Monday, March 2, 2026 at 10:00 AM on the online booking page');
    const confirmations = await database.db.execute<{ id: string; filename: string }>(
      sql`select m.id, a.filename from messages m join message_attachments a on a.practice_id = m.practice_id and a.message_id = m.id
          where m.practice_id = ${setup.practice.practiceId} and m.to_address = ${email} and m.template_key = 'booking_confirmation'`,
    );
    expect(confirmations.rows).toEqual([{ id: expect.any(String), filename: expect.stringMatching(/\.ics$/) }]);
  });

  it('never double-books: of two patients booking the same time with the same provider at once, one gets 201 and the other 409 slot_taken', async () => {
    const arranged = await arrange();
    const other = await anotherPatient(arranged);
    const payload = consultation(arranged, { providerId: arranged.setup.providerA.id });

    const answers = await Promise.all([
      bookOnline(arranged.portalPractice.slug, arranged.cookie, payload),
      bookOnline(arranged.portalPractice.slug, other.cookie, payload),
    ]);

    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    const lost = answers.find((answer) => answer.statusCode === 409);
    expect(lost?.headers['content-type']).toContain('application/problem+json');
    expect(lost?.json()).toMatchObject({ code: 'slot_taken', detail: 'That time was just taken. Choose another time.', field: 'start' });
    expect(await appointmentsAt(arranged.setup.practice.practiceId, START)).toHaveLength(1);
  });

  it('with any provider books one who is free then, and answers 409 slot_taken once nobody is', async () => {
    const arranged = await arrange();
    const { setup, portalPractice, cookie } = arranged;
    expect((await book(app, setup, { providerId: setup.providerA.id, start: START })).statusCode).toBe(201);

    const first = await bookOnline(portalPractice.slug, cookie, consultation(arranged));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().appointment.providerId).toBe(setup.providerB.id);

    const other = await anotherPatient(arranged);
    const second = await bookOnline(portalPractice.slug, other.cookie, consultation(arranged));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'slot_taken' });
    expect(await appointmentsAt(setup.practice.practiceId, START)).toHaveLength(2);
  });

  it('replays the booking for a repeated Idempotency-Key (200) instead of booking twice', async () => {
    const arranged = await arrange();
    const payload = consultation(arranged);
    const headers = { 'idempotency-key': 'booking-page-7f3a' };

    const first = await bookOnline(arranged.portalPractice.slug, arranged.cookie, payload, headers);
    const again = await bookOnline(arranged.portalPractice.slug, arranged.cookie, payload, headers);

    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().appointment.id).toBe(first.json().appointment.id);
    expect(await appointmentsAt(arranged.setup.practice.practiceId, START)).toHaveLength(1);
  });
});

describe('booking a service that requires a card', () => {
  it('keeps the card and the accepted policy version, time, address and browser as the evidence the fee code reads', async () => {
    const arranged = await arrange();
    const { setup, portalPractice, cookie, patientId, filler } = arranged;
    const paymentMethodId = await addOwnCard(cookie);
    const policyVersionId = await currentPolicyOf(portalPractice.slug, setup.clinic.id);

    const response = await bookOnline(portalPractice.slug, cookie, {
      clinicId: setup.clinic.id,
      serviceIds: [filler.id],
      start: START,
      paymentMethodId,
      policyAcceptance: { policyVersionId, accepted: true },
    });

    expect(response.statusCode, response.body).toBe(201);
    const { appointment } = response.json();
    expect(appointment.card).toEqual({ brand: 'visa', last4: '4242' });
    const evidence = await database.db.execute(
      sql`select appointment_id, patient_id, payment_method_id, policy_version_id, authorized_by, accepted_by_patient, client_ip, user_agent, authorized_at
          from booking_card_authorizations where practice_id = ${setup.practice.practiceId}`,
    );
    expect(evidence.rows).toEqual([
      {
        appointment_id: appointment.id,
        patient_id: patientId,
        payment_method_id: paymentMethodId,
        policy_version_id: policyVersionId,
        authorized_by: null,
        accepted_by_patient: true,
        client_ip: '127.0.0.1',
        user_agent: 'BookingTest/1.0',
        authorized_at: expect.anything(),
      },
    ]);
    const staffView = (
      await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointment.id}`, headers: setup.practice.owner.headers })
    ).json();
    expect(staffView.cardOnFile).toMatchObject({ paymentMethodId, policyVersionId, authorizedBy: null, acceptedByPatient: true });
    expect(staffView.feePolicy).toMatchObject({ cardOnFile: true, cancellationFeeCents: 5000 });
    expect(staffView.requireCardOnFile).toBe(true);
  });

  it('refuses a booking without a card (400 card_required naming paymentMethodId) or without the policy accepted, writing nothing', async () => {
    const arranged = await arrange();
    const { setup, portalPractice, cookie, filler } = arranged;
    const payload = { clinicId: setup.clinic.id, serviceIds: [filler.id], start: START };

    const noCard = await bookOnline(portalPractice.slug, cookie, payload);
    expect(noCard.statusCode).toBe(400);
    expect(noCard.json()).toMatchObject({ code: 'card_required', field: 'paymentMethodId' });

    const paymentMethodId = await addOwnCard(cookie);
    const noPolicy = await bookOnline(portalPractice.slug, cookie, { ...payload, paymentMethodId });
    expect(noPolicy.statusCode).toBe(400);
    expect(noPolicy.json()).toMatchObject({ code: 'policy_acceptance_required', field: 'policyAcceptance' });
    expect(await appointmentsAt(setup.practice.practiceId, START)).toEqual([]);
  });

  it('refuses another patient’s card (404) and a policy version that is no longer current (409 policy_changed), writing nothing', async () => {
    const arranged = await arrange();
    const { setup, portalPractice, cookie, filler } = arranged;
    const other = await anotherPatient(arranged);
    const theirCard = await addOwnCard(other.cookie, 'pm_card_mastercard');
    const ownCard = await addOwnCard(cookie);
    const staleVersion = await currentPolicyOf(portalPractice.slug, setup.clinic.id);
    const payload = { clinicId: setup.clinic.id, serviceIds: [filler.id], start: START };

    const borrowed = await bookOnline(portalPractice.slug, cookie, {
      ...payload,
      paymentMethodId: theirCard,
      policyAcceptance: { policyVersionId: staleVersion, accepted: true },
    });
    expect(borrowed.statusCode).toBe(404);
    expect(borrowed.json()).toMatchObject({ field: 'paymentMethodId' });

    const changed = await app.inject({
      method: 'PUT',
      url: `/api/v1/clinics/${setup.clinic.id}/billing-settings`,
      headers: setup.practice.owner.headers,
      payload: { cancellationPolicyText: 'Cancel at least 48 hours ahead or pay the fee.' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await bookOnline(portalPractice.slug, cookie, {
      ...payload,
      paymentMethodId: ownCard,
      policyAcceptance: { policyVersionId: staleVersion, accepted: true },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'policy_changed', field: 'policyAcceptance.policyVersionId' });
    expect(await appointmentsAt(setup.practice.practiceId, START)).toEqual([]);
    const evidence = await database.db.execute(
      sql`select 1 from booking_card_authorizations where practice_id = ${setup.practice.practiceId}`,
    );
    expect(evidence.rows).toEqual([]);
  });
});

describe('bad online bookings', () => {
  it('answers 404 for an unknown address, 400 for services not bookable online (naming them), a malformed or past start', async () => {
    const arranged = await arrange();
    const { setup, portalPractice, cookie, staffOnly } = arranged;

    expect((await bookOnline('no-such-practice', cookie, consultation(arranged))).statusCode).toBe(404);

    const staffOnlyBooking = await bookOnline(
      portalPractice.slug,
      cookie,
      consultation(arranged, { serviceIds: [setup.consultation.id, staffOnly.id] }),
    );
    expect(staffOnlyBooking.statusCode).toBe(400);
    expect(staffOnlyBooking.json()).toMatchObject({
      code: 'not_bookable_online',
      field: 'serviceIds',
      errors: [{ field: 'serviceIds[1]' }],
    });

    const malformed = await bookOnline(portalPractice.slug, cookie, consultation(arranged, { start: 'Monday at ten' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('start');

    const past = await bookOnline(portalPractice.slug, cookie, consultation(arranged, { start: '2026-03-01T11:00:00Z' }));
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'start_in_past', field: 'start' });
    expect(await appointmentsAt(setup.practice.practiceId, START)).toEqual([]);
  });

  it('needs a patient session of this practice: none, a staff one, or another practice’s is a 401 and books nothing anywhere', async () => {
    const arranged = await arrange();
    const { setup, portalPractice } = arranged;
    const elsewhere = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, elsewhere, { firstName: 'Ivy', lastName: 'Chen', phone });
    const foreign = await signInPatient(app, elsewhere, { channel: 'sms', phone });

    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/public/${portalPractice.slug}/bookings`,
      payload: consultation(arranged),
    });
    const asStaff = await bookOnline(portalPractice.slug, setup.practice.owner.cookie, consultation(arranged));
    const asForeignPatient = await bookOnline(portalPractice.slug, foreign.cookie, consultation(arranged));

    expect([anonymous.statusCode, asStaff.statusCode, asForeignPatient.statusCode]).toEqual([401, 401, 401]);
    expect(await appointmentsAt(setup.practice.practiceId, START)).toEqual([]);
    const booked = await database.db.execute(sql`select 1 from appointments where practice_id = ${elsewhere.practiceId}`);
    expect(booked.rows).toEqual([]);
  });
});

describe('the patient’s own cards', () => {
  it('starts a card setup and saves, lists and replays the patient’s own card; a staff session opens none of it', async () => {
    const arranged = await arrange();
    const { cookie, patientId, setup } = arranged;

    const session = await app.inject({ method: 'POST', url: '/api/v1/portal/payment-methods/setup-session', headers: { cookie } });
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json()).toMatchObject({ gateway: expect.any(String) });

    const saved = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/payment-methods',
      headers: { cookie },
      payload: { gatewayToken: 'pm_card_visa' },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ patientId, brand: 'visa', last4: '4242', isDefault: true });
    const list = await app.inject({ method: 'GET', url: '/api/v1/portal/payment-methods', headers: { cookie } });
    expect(list.json().items.map((card: { id: string }) => card.id)).toEqual([saved.json().id]);
    const staffList = await app.inject({
      method: 'GET',
      url: `/api/v1/patients/${patientId}/payment-methods`,
      headers: setup.practice.owner.headers,
    });
    expect(staffList.json().items.map((card: { id: string }) => card.id)).toEqual([saved.json().id]);

    const staffCookie = setup.practice.owner.cookie;
    for (const [method, url] of [
      ['POST', '/api/v1/portal/payment-methods/setup-session'],
      ['POST', '/api/v1/portal/payment-methods'],
      ['GET', '/api/v1/portal/payment-methods'],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        headers: { cookie: staffCookie },
        ...(method === 'POST' ? { payload: { gatewayToken: 'pm_card_visa' } } : {}),
      });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
    }
    const created = (await auditTrailOf(database, setup.practice.practiceId)).filter((row) => row.action === 'payment_method.create');
    expect(created).toEqual([expect.objectContaining({ actorType: 'patient', actorId: patientId })]);
  });
});
