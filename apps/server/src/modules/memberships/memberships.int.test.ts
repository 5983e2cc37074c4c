import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createSalesTestApp, processorCharges } from '../sales/sales-test-support.ts';
import {
  act,
  billPractice,
  createMembershipPractice,
  createPlan,
  enrol,
  getMembership,
  moveClock,
  type MembershipBody,
} from './memberships-test-support.ts';

const clock = createManualClock('2027-01-15T15:00:00Z');
const { app, database, gateway } = await createSalesTestApp({ clock });

describe('membership plans', () => {
  it('creates a plan and refuses one without a price, naming the field', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { perks: { tierName: 'Gold', tierColor: '#C9A227' } });
    const list = await app.inject({ method: 'GET', url: '/api/v1/membership-plans', headers: setup.practice.owner.headers });
    expect(list.json<{ items: { id: string; perks: { tierName: string } }[] }>().items).toMatchObject([
      { id: plan.id, perks: { tierName: 'Gold' } },
    ]);

    const priceless = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans',
      headers: setup.practice.owner.headers,
      payload: { name: 'Nothing', clinicIds: [setup.clinic.id], soldOnline: false },
    });
    expect(priceless.statusCode).toBe(400);
    expect(priceless.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(priceless.json())).toContain('monthlyPriceCents');
  });

  it('lets only owners and admins write plans', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const desk = await setup.practice.signInAs('front_desk');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans',
      headers: desk.headers,
      payload: { name: 'Desk plan', monthlyPriceCents: 100, clinicIds: [setup.clinic.id], soldOnline: false },
    });
    expect(response.statusCode).toBe(403);
    const read = await app.inject({ method: 'GET', url: '/api/v1/membership-plans', headers: desk.headers });
    expect(read.statusCode).toBe(200);
  });

  it('keeps an existing member at the price they enrolled at when the plan price changes', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);
    const enrolled = await enrol(app, setup, { planId: plan.id });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${plan.id}`,
      headers: setup.practice.owner.headers,
      payload: { monthlyPriceCents: 12_900 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json<{ monthlyPriceCents: number; activeMembers: number }>()).toMatchObject({
      monthlyPriceCents: 12_900,
      activeMembers: 1,
    });

    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    await billPractice(app, setup);
    const membership = await getMembership(app, setup, enrolled.json<{ id: string }>().id);
    expect(membership.priceCents).toBe(9_900);
    expect(membership.periods.map((period) => period.amountCents)).toEqual([9_900 + 2_500, 9_900]);
  });
});

describe('enrolment', () => {
  it('charges the first payment and the sign-up fee at once and answers 201 with the next draw date', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);
    const response = await enrol(app, setup, { planId: plan.id, drawDay: 31 });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<MembershipBody>();
    expect(body).toMatchObject({ status: 'active', nextDrawDate: '2027-02-28', minimumTerm: { months: 6, endsOn: '2027-07-15' } });
    expect(body.periods).toMatchObject([
      { number: 0, status: 'paid', amountCents: 12_400, payments: [{ status: 'succeeded', amountCents: 12_400 }] },
    ]);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);

    const invoice = await app.inject({
      method: 'GET',
      url: `/api/v1/invoices/${body.periods[0]?.invoiceId}`,
      headers: setup.practice.owner.headers,
    });
    expect(invoice.statusCode, invoice.body).toBe(200);
    expect(invoice.json()).toMatchObject({ kind: 'membership', status: 'paid', totals: { totalCents: 12_400 } });
  });

  it('enrols nothing when the card is declined (402), and the client can enrol with another card', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);
    const declined = await enrol(app, setup, { planId: plan.id, paymentMethodId: setup.declining.id });
    expect(declined.statusCode, declined.body).toBe(402);
    expect(declined.json()).toMatchObject({ code: 'card_declined', field: 'paymentMethodId' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/memberships', headers: setup.practice.owner.headers });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    const invoiceId = declined.json<{ invoiceId: string }>().invoiceId;
    const invoice = await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers });
    expect(invoice.json()).toMatchObject({ status: 'void' });

    const retried = await enrol(app, setup, { planId: plan.id });
    expect(retried.statusCode, retried.body).toBe(201);
  });

  it('refuses bad input with a problem naming the field, writing nothing', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const other = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);
    const coupon = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/v1/coupons', headers: setup.practice.owner.headers, payload });
    expect((await coupon({ code: 'old10', percentOff: 10, duration: 'once', validUntil: '2027-01-01' })).statusCode).toBe(201);
    expect((await coupon({ code: 'ONCEONLY', amountOffCents: 500, duration: 'forever', maxRedemptions: 1 })).statusCode).toBe(201);
    const bothOff = await coupon({ code: 'BOTH', amountOffCents: 500, percentOff: 5, duration: 'once' });
    expect(bothOff.statusCode).toBe(400);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ planId: '00000000-0000-4000-8000-000000000000' }, 404, 'planId'],
      [{ planId: plan.id, couponCode: 'NOPE' }, 404, 'couponCode'],
      [{ planId: plan.id, couponCode: 'OLD10' }, 400, 'couponCode'],
      [{ planId: plan.id, drawDay: 32 }, 400, 'drawDay'],
      [{ planId: plan.id, drawDay: 0 }, 400, 'drawDay'],
      [{ planId: plan.id, paymentMethodId: other.visa.id }, 404, 'paymentMethodId'],
    ];
    for (const [body, status, field] of cases) {
      const response = await enrol(app, setup, body);
      expect(response.statusCode, `${JSON.stringify(body)} ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(field);
    }
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);

    const first = await enrol(app, setup, { planId: plan.id, couponCode: 'onceonly' });
    expect(first.statusCode, first.body).toBe(201);
    const twice = await enrol(app, setup, { planId: plan.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_member', field: 'planId' });

    const secondPlan = await createPlan(app, setup);
    const exhausted = await enrol(app, setup, { planId: secondPlan.id, couponCode: 'ONCEONLY' });
    expect(exhausted.statusCode).toBe(400);
    expect(exhausted.json()).toMatchObject({ code: 'coupon_exhausted', field: 'couponCode' });
    expect((await enrol(app, setup, { planId: secondPlan.id })).statusCode).toBe(201);

    const membershipId = first.json<{ id: string }>().id;
    expect((await act(app, setup, membershipId, 'cancel', { when: 'now' })).statusCode).toBe(200);
    const again = await act(app, setup, membershipId, 'cancel', { when: 'now' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'membership_cancelled', field: 'membershipId' });
  });
});

describe('draw-day billing', () => {
  it('charges each period of a year exactly once, on the anchored draw day, however often it runs', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const enrolled = await enrol(app, setup, { planId: plan.id, drawDay: 31 });
    const membershipId = enrolled.json<{ id: string }>().id;

    // Daily runs (06:00 New York) to 2028-03-01, and a second run every 30 days.
    for (let day = 1; day <= 411; day += 1) {
      clock.set(new Date(Date.parse('2027-01-15T11:00:00Z') + day * 86_400_000));
      await billPractice(app, setup);
      if (day % 30 === 0) await billPractice(app, setup);
    }
    await moveClock(app, clock, setup, clock.now());
    const membership = await getMembership(app, setup, membershipId);
    expect(membership.periods.map((period) => period.drawDate)).toEqual([
      '2027-01-15',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
      '2027-07-31',
      '2027-08-31',
      '2027-09-30',
      '2027-10-31',
      '2027-11-30',
      '2027-12-31',
      '2028-01-31',
      '2028-02-29',
    ]);
    expect(membership.periods.every((period) => period.status === 'paid' && period.payments.length === 1)).toBe(true);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(14);
    expect(membership.nextDrawDate).toBe('2028-03-31');
  });

  it('catches up after downtime, and two runs at once charge each period once', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const ids: string[] = [];
    for (const name of ['Ada', 'Alan', 'Edsger']) {
      const patient = await app.inject({
        method: 'POST',
        url: '/api/v1/patients',
        headers: setup.practice.owner.headers,
        payload: { firstName: name, lastName: 'Member', email: `${name.toLowerCase()}@example.com` },
      });
      const patientId = patient.json<{ id: string }>().id;
      const card = await app.inject({
        method: 'POST',
        url: `/api/v1/patients/${patientId}/payment-methods`,
        headers: setup.practice.owner.headers,
        payload: { gatewayToken: 'pm_card_visa' },
      });
      const response = await enrol(app, setup, { planId: plan.id, paymentMethodId: card.json<{ id: string }>().id }, patientId);
      expect(response.statusCode, response.body).toBe(201);
      ids.push(response.json<{ id: string }>().id);
    }
    await moveClock(app, clock, setup, '2027-06-20T15:00:00Z');
    const runs = await Promise.all([
      billPractice(app, setup),
      billPractice(app, setup),
      billPractice(app, setup, { throughDate: '2027-06-20' }),
    ]);
    expect(runs.reduce((sum, run) => sum + run.paid, 0)).toBe(3 * 5);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(3 + 3 * 5);
    const again = await billPractice(app, setup);
    expect(again.paid).toBe(0);
    for (const id of ids) {
      const membership = await getMembership(app, setup, id);
      expect(membership.periods.map((period) => period.number)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(membership.periods.every((period) => period.payments.length === 1 && period.status === 'paid')).toBe(true);
    }
  });

  it('bills only draws on or before --through', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    await moveClock(app, clock, setup, '2027-04-20T15:00:00Z');
    const run = await billPractice(app, setup, { throughDate: '2027-03-01' });
    expect(run.paid).toBe(1);
    expect((await getMembership(app, setup, membershipId)).nextDrawDate).toBe('2027-03-15');
  });

  it('retries a declined card after 3 and 6 days, Past Due, then Suspended; a new card pays the outstanding period at once', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    const swapped = await act(app, setup, membershipId, 'change-card', { paymentMethodId: setup.declining.id });
    expect(swapped.statusCode, swapped.body).toBe(200);

    await moveClock(app, clock, setup, '2027-02-15T12:00:00Z');
    await billPractice(app, setup);
    let membership = await getMembership(app, setup, membershipId);
    expect(membership.status).toBe('past_due');
    expect(membership.periods[1]).toMatchObject({ status: 'retrying', failedAttempts: 1, nextRetryOn: '2027-02-18' });
    const hold = await act(app, setup, membershipId, 'hold', {});
    expect(hold.statusCode).toBe(409);
    expect(hold.json()).toMatchObject({ code: 'payment_outstanding', field: 'membershipId' });

    await moveClock(app, clock, setup, '2027-02-17T12:00:00Z');
    await billPractice(app, setup);
    expect((await getMembership(app, setup, membershipId)).periods[1]?.failedAttempts).toBe(1);

    await moveClock(app, clock, setup, '2027-02-18T12:00:00Z');
    await billPractice(app, setup);
    membership = await getMembership(app, setup, membershipId);
    expect(membership.periods[1]).toMatchObject({ status: 'retrying', failedAttempts: 2, nextRetryOn: '2027-02-21' });

    await moveClock(app, clock, setup, '2027-02-21T12:00:00Z');
    await billPractice(app, setup);
    membership = await getMembership(app, setup, membershipId);
    expect(membership.status).toBe('suspended');
    expect(membership.nextDrawDate).toBeNull();
    expect(membership.periods[1]).toMatchObject({ status: 'failed', failedAttempts: 3 });
    expect(membership.periods[1]?.payments.map((payment) => payment.status)).toEqual(['failed', 'failed', 'failed']);

    await moveClock(app, clock, setup, '2027-03-20T12:00:00Z');
    expect((await billPractice(app, setup)).paid).toBe(0);
    const recovered = await act(app, setup, membershipId, 'change-card', { paymentMethodId: setup.visa.id });
    expect(recovered.statusCode, recovered.body).toBe(200);
    membership = recovered.json<MembershipBody>();
    expect(membership.status).toBe('active');
    expect(membership.periods[1]).toMatchObject({ status: 'paid' });
    expect(membership.nextDrawDate).toBe('2027-04-15');
  });

  it('skips the draws while on hold and charges again after resuming, on the same draw day', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    const held = await act(app, setup, membershipId, 'hold', {});
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'on_hold', nextDrawDate: null });

    await moveClock(app, clock, setup, '2027-03-20T15:00:00Z');
    await billPractice(app, setup);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
    const resumed = await act(app, setup, membershipId, 'resume');
    expect(resumed.json()).toMatchObject({ status: 'active', nextDrawDate: '2027-04-15' });
    await moveClock(app, clock, setup, '2027-04-15T15:00:00Z');
    await billPractice(app, setup);
    const membership = await getMembership(app, setup, membershipId);
    expect(membership.periods.map((period) => [period.drawDate, period.status])).toEqual([
      ['2027-01-15', 'paid'],
      ['2027-02-15', 'held'],
      ['2027-03-15', 'held'],
      ['2027-04-15', 'paid'],
    ]);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(2);
  });

  it('a hold until a date resumes billing on the first draw from that date', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    const past = await act(app, setup, membershipId, 'hold', { until: '2027-01-10' });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ field: 'until' });
    const held = await act(app, setup, membershipId, 'hold', { until: '2027-03-01' });
    expect(held.json()).toMatchObject({ status: 'on_hold', nextDrawDate: '2027-03-15' });
    await moveClock(app, clock, setup, '2027-03-16T15:00:00Z');
    await billPractice(app, setup);
    const membership = await getMembership(app, setup, membershipId);
    expect(membership.status).toBe('active');
    expect(membership.periods.map((period) => period.status)).toEqual(['paid', 'held', 'paid']);
  });

  it('cancels at the end of the paid period without charging again', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    const cancelling = await act(app, setup, membershipId, 'cancel', { when: 'period_end' });
    expect(cancelling.statusCode, cancelling.body).toBe(200);
    expect(cancelling.json()).toMatchObject({ status: 'active', cancelsOn: '2027-02-15', nextDrawDate: null });
    expect((await act(app, setup, membershipId, 'cancel', { when: 'period_end' })).statusCode).toBe(409);

    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    await billPractice(app, setup);
    const membership = await getMembership(app, setup, membershipId);
    expect(membership.status).toBe('cancelled');
    expect(membership.periods).toHaveLength(1);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('applies a coupon to the payments it covers only', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 1_000 });
    const coupon = await app.inject({
      method: 'POST',
      url: '/api/v1/coupons',
      headers: setup.practice.owner.headers,
      payload: { code: 'HALF2', percentOff: 50, duration: 'repeating', durationPayments: 2, planIds: [plan.id] },
    });
    expect(coupon.statusCode, coupon.body).toBe(201);
    const membershipId = (await enrol(app, setup, { planId: plan.id, couponCode: 'half2' })).json<{ id: string }>().id;
    await moveClock(app, clock, setup, '2027-03-16T15:00:00Z');
    await billPractice(app, setup);
    const membership = await getMembership(app, setup, membershipId);
    expect(membership.periods.map((period) => period.amountCents)).toEqual([4_950 + 1_000, 4_950, 9_900]);
    const coupons = await app.inject({ method: 'GET', url: '/api/v1/coupons', headers: setup.practice.owner.headers });
    expect(coupons.json()).toMatchObject({ items: [{ code: 'HALF2', redemptions: 1 }] });
  });

  it('marks a charge the gateway did not confirm for attention and never charges it again by itself', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    gateway.failNextCharges(1);
    const run = await billPractice(app, setup);
    expect(run.unknown).toBe(1);
    const calls = gateway.chargeCalls.length;
    await moveClock(app, clock, setup, '2027-02-20T15:00:00Z');
    await billPractice(app, setup);
    expect(gateway.chargeCalls.length).toBe(calls);
    const membership = await getMembership(app, setup, membershipId);
    expect(membership.needsAttention).toBe(true);
    expect(membership.periods[1]).toMatchObject({ status: 'attention', payments: [{ status: 'pending' }] });

    // Asked again by hand, under the same key: one charge at the processor for the period.
    const charges = await processorCharges(database, setup.practice.practiceId);
    const settled = await act(app, setup, membershipId, 'settle-payment');
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'active', needsAttention: false, nextDrawDate: '2027-03-15' });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(charges + 1);
    const again = await act(app, setup, membershipId, 'settle-payment');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'nothing_to_settle', field: 'membershipId' });
  });

  it('answers 503 when the gateway does not confirm the first payment, and enrols once it is settled', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);
    gateway.failNextCharges(1);
    const unconfirmed = await enrol(app, setup, { planId: plan.id });
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(503);
    expect(unconfirmed.json()).toMatchObject({ code: 'payment_pending' });
    const membershipId = unconfirmed.json<{ membershipId: string }>().membershipId;
    const list = await app.inject({ method: 'GET', url: '/api/v1/memberships', headers: setup.practice.owner.headers });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await enrol(app, setup, { planId: plan.id })).statusCode).toBe(409);

    const settled = await act(app, setup, membershipId, 'settle-payment');
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'active', nextDrawDate: '2027-02-15', periods: [{ number: 0, status: 'paid' }] });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('lists members with the monthly recurring revenue, filtered by status and plan', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const monthly = await createPlan(app, setup);
    const yearly = await createPlan(app, setup, { monthlyPriceCents: null, yearlyPriceCents: 120_000 });
    expect((await enrol(app, setup, { planId: monthly.id })).statusCode).toBe(201);
    const yearlyId = (await enrol(app, setup, { planId: yearly.id, interval: 'year', drawDay: 29, drawMonth: 2 })).json<MembershipBody>();
    expect(yearlyId.nextDrawDate).toBe('2028-02-29');
    const list = await app.inject({ method: 'GET', url: '/api/v1/memberships', headers: setup.practice.owner.headers });
    expect(list.json()).toMatchObject({ monthlyRecurringRevenue: [{ currency: 'USD', amountCents: 9_900 + 10_000 }] });
    const filtered = await app.inject({
      method: 'GET',
      url: `/api/v1/memberships?planId=${yearly.id}&status=active`,
      headers: setup.practice.owner.headers,
    });
    expect(filtered.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([yearlyId.id]);
    const provider = await setup.practice.signInAs('provider');
    expect((await app.inject({ method: 'GET', url: '/api/v1/memberships', headers: provider.headers })).statusCode).toBe(403);
  });

  it("follows the practice's retry schedule and emails the member at each failure and at suspension", async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/membership-settings',
      headers: setup.practice.owner.headers,
      payload: { retryAfterDays: [2] },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const unordered = await app.inject({
      method: 'PUT',
      url: '/api/v1/membership-settings',
      headers: setup.practice.owner.headers,
      payload: { retryAfterDays: [5, 2] },
    });
    expect(unordered.statusCode).toBe(400);
    expect(JSON.stringify(unordered.json())).toContain('retryAfterDays');

    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const membershipId = (await enrol(app, setup, { planId: plan.id })).json<{ id: string }>().id;
    await act(app, setup, membershipId, 'change-card', { paymentMethodId: setup.declining.id });
    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    await billPractice(app, setup);
    expect((await getMembership(app, setup, membershipId)).periods[1]).toMatchObject({ status: 'retrying', nextRetryOn: '2027-02-17' });
    await moveClock(app, clock, setup, '2027-02-17T15:00:00Z');
    await billPractice(app, setup);
    expect((await getMembership(app, setup, membershipId)).status).toBe('suspended');

    const emails = await inPractice(database, setup.practice.practiceId, async (tx) =>
      tx.execute<{ dedupe_key: string }>(
        sql`select dedupe_key from messages where patient_id = ${setup.patientId} order by created_at, dedupe_key`,
      ),
    );
    expect(emails.rows.map((row) => row.dedupe_key)).toEqual([
      `membership:${membershipId}:enrolled`,
      `membership:${membershipId}:period-1:attempt-1:failed`,
      `membership:${membershipId}:period-1:suspended`,
    ]);
  });
});
