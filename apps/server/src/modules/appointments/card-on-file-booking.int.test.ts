import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { addCard, createPatient } from '../billing/billing-test-support.ts';
import { setProvidersManageAllAppointments } from '../../testing/test-app.ts';
import { bookWithCard, createFeePractice, createSalesTestApp, salesRowCounts } from '../sales/sales-test-support.ts';
import { book } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

describe('booking with "Enter Credit Card Details"', () => {
  it('records the card, the policy version shown, the time, the staff member and the client IP', async () => {
    const setup = await createFeePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const response = await book(
      app,
      setup,
      { serviceIds: [setup.peel.id], requireCardOnFile: true, paymentMethodId: setup.visa.id },
      { ...frontDesk.headers, 'user-agent': 'front-desk-browser' },
    );
    expect(response.statusCode, response.body).toBe(201);
    const booked = response.json();
    expect(booked.cardOnFile).toEqual({
      paymentMethodId: setup.visa.id,
      brand: 'visa',
      last4: '4242',
      policyVersionId: expect.any(String),
      policyVersion: 1,
      authorizedAt: '2026-03-02T14:00:00.000Z',
      authorizedBy: frontDesk.id,
      acceptedByPatient: false,
    });
    expect(booked.feePolicy).toMatchObject({ cardOnFile: true, cancellationFeeCents: 2500, noShowFeeCents: 4000 });
    const read = await app.inject({ method: 'GET', url: `/api/v1/appointments/${booked.id}`, headers: setup.practice.owner.headers });
    expect(read.json()).toEqual({ ...booked, memberTiers: [] });

    const evidence = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute<{ client_ip: string; user_agent: string; policy_text: string }>(sql`
        select a.client_ip, a.user_agent, p.text as policy_text
        from booking_card_authorizations a join cancellation_policy_versions p on p.id = a.policy_version_id
        where a.appointment_id = ${booked.id}`),
    );
    expect(evidence.rows).toEqual([
      { client_ip: '127.0.0.1', user_agent: 'front-desk-browser', policy_text: expect.stringContaining('24 hours') },
    ]);
  });

  it('asks for the card when requireCardOnFile is ticked, even if one is stored', async () => {
    const setup = await createFeePractice(app);
    const before = await salesRowCounts(database, setup.practice.practiceId);
    const response = await book(app, setup, { serviceIds: [setup.peel.id], requireCardOnFile: true });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().field).toBe('paymentMethodId');
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before);
  });

  it('refuses a card of another patient, naming paymentMethodId, and books nothing', async () => {
    const setup = await createFeePractice(app);
    const other = await createPatient(app, setup.practice, { firstName: 'Alan', lastName: 'Turing' });
    const othersCard = await addCard(app, setup.practice, other, 'pm_card_mastercard');
    const response = await book(app, setup, { serviceIds: [setup.peel.id], requireCardOnFile: true, paymentMethodId: othersCard.id });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', field: 'paymentMethodId' });
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&patientId=${setup.patientId}`,
      headers: setup.practice.owner.headers,
    });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a card removed from the patient’s profile', async () => {
    const setup = await createFeePractice(app);
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/patients/${setup.patientId}/payment-methods/${setup.visa.id}`,
      headers: setup.practice.owner.headers,
    });
    const response = await book(app, setup, { serviceIds: [setup.peel.id], requireCardOnFile: true, paymentMethodId: setup.visa.id });
    expect(response.statusCode).toBe(404);
    expect(response.json().field).toBe('paymentMethodId');
  });

  it('takes a card only for a saved patient, and only with requireCardOnFile', async () => {
    const setup = await createFeePractice(app);
    const newPatient = await book(app, setup, {
      patientId: undefined,
      newPatient: { firstName: 'Ada', lastName: 'Lovelace' },
      requireCardOnFile: true,
      paymentMethodId: setup.visa.id,
    });
    expect(newPatient.statusCode).toBe(400);
    expect(newPatient.json().field).toBe('newPatient');
    const untickedBox = await book(app, setup, { paymentMethodId: setup.visa.id });
    expect(untickedBox.statusCode).toBe(400);
    expect(untickedBox.json().field).toBe('requireCardOnFile');
  });

  it('shows the policy version current at booking; later bookings show the new one', async () => {
    const setup = await createFeePractice(app);
    const first = await bookWithCard(app, setup, { start: '2026-03-03T15:00:00Z' });
    const changed = await app.inject({
      method: 'PUT',
      url: `/api/v1/clinics/${setup.clinic.id}/billing-settings`,
      headers: setup.practice.owner.headers,
      payload: { cancellationPolicyText: 'Cancel 24 hours ahead or pay the fee.' },
    });
    expect(changed.json().cancellationPolicy).toMatchObject({ version: 2, text: 'Cancel 24 hours ahead or pay the fee.' });
    const second = await bookWithCard(app, setup, { start: '2026-03-04T15:00:00Z' });
    const read = async (id: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: setup.practice.owner.headers })).json().cardOnFile;
    expect((await read(first)).policyVersion).toBe(1);
    expect((await read(second)).policyVersion).toBe(2);
  });

  it('keeps card details from providers, who see only that a card is on file', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup);
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const provider = await setup.practice.signInAs('provider');
    const read = (await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: provider.headers })).json();
    expect(read.cardOnFile).toBeNull();
    expect(read.feePolicy.cardOnFile).toBe(true);
    const refused = await book(
      app,
      setup,
      { serviceIds: [setup.peel.id], requireCardOnFile: true, paymentMethodId: setup.visa.id, start: '2026-03-05T15:00:00Z' },
      provider.headers,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('card_not_permitted');
  });

  it('shows no fee policy for an out-of-office block', async () => {
    const setup = await createFeePractice(app);
    const response = await book(app, setup, {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Lunch',
      start: '2026-03-03T17:00:00Z',
      end: '2026-03-03T18:00:00Z',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ feePolicy: null, cardOnFile: null, checkoutInvoiceId: null });
  });
});
