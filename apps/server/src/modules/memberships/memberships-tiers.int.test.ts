import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { addCard, createPatient } from '../billing/billing-test-support.ts';
import { createFeePractice, createSalesTestApp, post } from '../sales/sales-test-support.ts';
import { act, billPractice, enrol, moveClock, type MembershipPractice } from './memberships-test-support.ts';

// Monday 2 March 2026, 09:00 in New York. Members enrolled today with draw day 15 are first drawn on 15 April.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createSalesTestApp({ clock });

interface Tier {
  name: string;
  color: string | null;
}

async function tierPractice() {
  const setup = await createFeePractice(app);
  const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
  const members: MembershipPractice = {
    practice: setup.practice,
    clinic: setup.clinic,
    patientId: setup.patientId,
    visa: setup.visa,
    declining,
  };
  return { ...setup, members };
}

async function createPlan(setup: Awaited<ReturnType<typeof tierPractice>>, perks: Record<string, unknown>) {
  const response = await post(app, '/api/v1/membership-plans', setup.practice.owner.headers, {
    name: `Glow Club ${Math.random().toString(36).slice(2, 8)}`,
    monthlyPriceCents: 9_900,
    clinicIds: [setup.clinic.id],
    soldOnline: false,
    perks,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>();
}

async function dayTiers(setup: Awaited<ReturnType<typeof tierPractice>>, date: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments?clinicId=${setup.clinic.id}&from=${date}T05:00:00Z&to=${date}T23:59:00Z`,
    headers: setup.practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  const items = response.json<{ items: { id: string; patientId: string | null; memberTiers?: Tier[] }[] }>().items;
  return new Map(items.map((item) => [item.patientId, item.memberTiers]));
}

describe('membership tiers in the appointment book', () => {
  it('show each patient’s tiers on the day’s appointments and on one appointment: Active members only, Past Due by the practice’s setting', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await tierPractice();
    const gold = await createPlan(setup, { tierName: 'Gold', tierColor: '#C9A227' });
    const untiered = await createPlan(setup, { discountPercent: 10, discountServiceIds: [setup.peel.id] });
    const platinum = await createPlan(setup, { tierName: 'Platinum' });
    const goldMember = await enrol(app, setup.members, { planId: gold.id });
    expect(goldMember.statusCode, goldMember.body).toBe(201);
    expect((await enrol(app, setup.members, { planId: untiered.id })).statusCode).toBe(201);
    const platinumMember = await enrol(app, setup.members, { planId: platinum.id });
    expect(platinumMember.statusCode).toBe(201);
    const goldId = goldMember.json<{ id: string }>().id;
    const otherPatientId = await createPatient(app, setup.practice, { firstName: 'Noor', lastName: 'Haddad' });

    const member = await book(app, setup, { start: '2026-04-15T15:00:00Z' });
    expect(member.statusCode, member.body).toBe(201);
    expect((await book(app, setup, { start: '2026-04-15T17:00:00Z', patientId: otherPatientId })).statusCode).toBe(201);

    const tiers = await dayTiers(setup, '2026-04-15');
    expect(tiers.get(setup.patientId)).toEqual([
      { name: 'Gold', color: '#C9A227' },
      { name: 'Platinum', color: null },
    ]);
    expect(tiers.get(otherPatientId)).toEqual([]);
    const single = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${member.json<{ id: string }>().id}`,
      headers: setup.practice.owner.headers,
    });
    expect(single.json<{ memberTiers: Tier[] }>().memberTiers).toEqual([
      { name: 'Gold', color: '#C9A227' },
      { name: 'Platinum', color: null },
    ]);

    // Gold's April draw is declined: Past Due hides the tier until the practice keeps perks while Past Due.
    expect((await act(app, setup.members, goldId, 'change-card', { paymentMethodId: setup.members.declining.id })).statusCode).toBe(200);
    await moveClock(app, clock, setup.members, '2026-04-15T14:00:00Z');
    expect(await billPractice(app, setup.members)).toMatchObject({ declined: 1 });
    expect((await dayTiers(setup, '2026-04-15')).get(setup.patientId)).toEqual([{ name: 'Platinum', color: null }]);
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/membership-settings',
      headers: setup.practice.owner.headers,
      payload: { retryAfterDays: [3, 6], perksWhilePastDue: true },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    expect((await dayTiers(setup, '2026-04-15')).get(setup.patientId)).toEqual([
      { name: 'Gold', color: '#C9A227' },
      { name: 'Platinum', color: null },
    ]);

    // An On Hold membership shows no tier.
    expect((await act(app, setup.members, platinumMember.json<{ id: string }>().id, 'hold', {})).statusCode).toBe(200);
    expect((await dayTiers(setup, '2026-04-15')).get(setup.patientId)).toEqual([{ name: 'Gold', color: '#C9A227' }]);
  });

  it('come with a member’s booking and with the appointment each action answers, so the card and drawer keep them', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await tierPractice();
    const gold = await createPlan(setup, { tierName: 'Gold', tierColor: '#C9A227' });
    expect((await enrol(app, setup.members, { planId: gold.id })).statusCode).toBe(201);
    const expected = [{ name: 'Gold', color: '#C9A227' }];

    const booked = await book(app, setup, { start: '2026-03-03T15:00:00Z' });
    expect(booked.statusCode, booked.body).toBe(201);
    const { id, version } = booked.json<{ id: string; version: number; memberTiers: Tier[] }>();
    expect(booked.json<{ memberTiers: Tier[] }>().memberTiers).toEqual(expected);

    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': `"${version}"` },
      payload: { start: '2026-03-03T16:00:00Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<{ memberTiers: Tier[] }>().memberTiers).toEqual(expected);

    const confirmed = await post(app, `/api/v1/appointments/${id}/confirm`, setup.practice.owner.headers, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<{ memberTiers: Tier[] }>().memberTiers).toEqual(expected);

    // A client who is no member, and a client created by the booking itself, get none.
    const otherPatientId = await createPatient(app, setup.practice, { firstName: 'Noor', lastName: 'Haddad' });
    const other = await book(app, setup, { start: '2026-03-03T18:00:00Z', patientId: otherPatientId });
    expect(other.json<{ memberTiers: Tier[] }>().memberTiers).toEqual([]);
  });

  it('show on every member’s appointment of a day with several members', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await tierPractice();
    const gold = await createPlan(setup, { tierName: 'Gold', tierColor: '#C9A227' });
    const patients = [setup.patientId];
    for (const name of ['Ana', 'Ben', 'Cleo'])
      patients.push(await createPatient(app, setup.practice, { firstName: name, lastName: 'Member' }));
    for (const [index, patientId] of patients.entries()) {
      const card = await addCard(app, setup.practice, patientId, 'pm_card_visa');
      expect((await enrol(app, setup.members, { planId: gold.id, paymentMethodId: card.id }, patientId)).statusCode).toBe(201);
      expect((await book(app, setup, { start: `2026-03-03T${13 + index}:00:00Z`, patientId })).statusCode).toBe(201);
    }
    const tiers = await dayTiers(setup, '2026-03-03');
    for (const patientId of patients) expect(tiers.get(patientId)).toEqual([{ name: 'Gold', color: '#C9A227' }]);
  });
});
