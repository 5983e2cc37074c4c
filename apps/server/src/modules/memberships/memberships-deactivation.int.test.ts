import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { createTestPractice } from '../../testing/test-app.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createConsent } from '../paperwork/paperwork-test-builders.ts';
import { addPatient, createPortalPractice, signInPatient, uniquePatientEmail } from '../portal/portal-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { createSalesTestApp } from '../sales/sales-test-support.ts';
import {
  billPractice,
  createMembershipPractice,
  createPlan,
  enrol,
  getMembership,
  moveClock,
  type MembershipPractice,
} from './memberships-test-support.ts';

// Members enrolled on 15 January 2027 with draw day 15 are first drawn on 15 February.
const clock = createManualClock('2027-01-15T15:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

function patchPlan(setup: MembershipPractice, planId: string, payload: Record<string, unknown>, headers = setup.practice.owner.headers) {
  return app.inject({ method: 'PATCH', url: `/api/v1/membership-plans/${planId}`, headers, payload });
}

function createCoupon(setup: MembershipPractice, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/coupons', headers: setup.practice.owner.headers, payload });
}

function patchCoupon(
  setup: MembershipPractice,
  couponId: string,
  payload: Record<string, unknown>,
  headers = setup.practice.owner.headers,
) {
  return app.inject({ method: 'PATCH', url: `/api/v1/coupons/${couponId}`, headers, payload });
}

async function auditActions(objectId: string): Promise<string[]> {
  const rows = await database.db.execute<{ action: string }>(
    sql`select action from audit_events where object_id = ${objectId} order by id`,
  );
  return rows.rows.map((row) => row.action);
}

describe('deactivating a membership plan', () => {
  it('stops staff enrolment (409 naming planId) while the existing member keeps being billed at their price', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0, monthlyPriceCents: 9_900 });
    const member = await enrol(app, setup, { planId: plan.id });
    expect(member.statusCode, member.body).toBe(201);
    const membershipId = member.json<{ id: string }>().id;

    const deactivated = await patchPlan(setup, plan.id, { active: false });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json()).toMatchObject({ active: false, deactivatedAt: '2027-01-15T15:00:00.000Z', activeMembers: 1, version: 2 });
    expect(deactivated.headers.etag).toBe('"2"');

    const other = await addPatient(app, setup.practice, { firstName: 'Nora', lastName: 'Late' });
    const otherCard = await addCard(app, setup.practice, other, 'pm_card_visa');
    const refused = await enrol(app, setup, { planId: plan.id, paymentMethodId: otherCard.id }, other);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'plan_inactive', field: 'planId' });
    const memberships = await app.inject({
      method: 'GET',
      url: `/api/v1/memberships?patientId=${other}`,
      headers: setup.practice.owner.headers,
    });
    expect(memberships.json()).toMatchObject({ items: [] });

    // The staff list still shows it, marked inactive, with its member.
    const plans = await app.inject({ method: 'GET', url: '/api/v1/membership-plans', headers: setup.practice.owner.headers });
    expect(plans.json()).toMatchObject({ items: [{ id: plan.id, active: false, activeMembers: 1 }] });

    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    expect(await billPractice(app, setup)).toMatchObject({ paid: 1 });
    const detail = await getMembership(app, setup, membershipId);
    expect(detail.status).toBe('active');
    expect(detail.priceCents).toBe(9_900);
    expect(detail.periods.map((period) => [period.number, period.amountCents, period.status])).toEqual([
      [0, 9_900, 'paid'],
      [1, 9_900, 'paid'],
    ]);

    const reactivated = await patchPlan(setup, plan.id, { active: true });
    expect(reactivated.json()).toMatchObject({ active: true, deactivatedAt: null, version: 3 });
    const joined = await enrol(app, setup, { planId: plan.id, paymentMethodId: otherCard.id }, other);
    expect(joined.statusCode, joined.body).toBe(201);
    expect(await auditActions(plan.id)).toEqual(['membership_plan.create', 'membership_plan.deactivate', 'membership_plan.reactivate']);
  });

  it('takes the plan off the portal’s Become A Member list and refuses the patient’s own enrolment', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const practice = await createPortalPractice(app);
    const clinic = await createClinic(app, practice);
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
    const card = await addCard(app, practice, patientId, 'pm_card_visa');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans',
      headers: practice.owner.headers,
      payload: { name: 'Glow Online', monthlyPriceCents: 7_900, clinicIds: [clinic.id], soldOnline: true },
    });
    const plan = created.json<{ id: string }>();
    const deactivate = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${plan.id}`,
      headers: practice.owner.headers,
      payload: { active: false },
    });
    expect(deactivate.statusCode, deactivate.body).toBe(200);

    const { cookie } = await signInPatient(app, practice, { channel: 'email', email });
    const listed = await app.inject({ method: 'GET', url: '/api/v1/portal/membership-plans', headers: { cookie } });
    expect(listed.json()).toEqual({ items: [] });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/memberships',
      headers: { cookie },
      payload: { planId: plan.id, interval: 'month', drawDay: 1, paymentMethodId: card.id },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'plan_inactive', field: 'planId' });
    const mine = await app.inject({ method: 'GET', url: '/api/v1/portal/memberships', headers: { cookie } });
    expect(mine.json()).toEqual({ items: [] });
  });

  it('refuses to prepare or sign the agreement of a deactivated plan, in the portal and at the desk', async () => {
    const practice = await createPortalPractice(app);
    const clinic = await createClinic(app, practice);
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
    const agreement = await createConsent(app, practice, { name: 'Glow agreement', body: 'I agree to be charged monthly.' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans',
      headers: practice.owner.headers,
      payload: {
        name: 'Glow Agreed',
        monthlyPriceCents: 7_900,
        clinicIds: [clinic.id],
        soldOnline: true,
        agreementTemplateId: agreement.id,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const planId = created.json<{ id: string }>().id;
    const deactivated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${planId}`,
      headers: practice.owner.headers,
      payload: { active: false },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);

    const { cookie } = await signInPatient(app, practice, { channel: 'email', email });
    const portal = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/membership-agreement',
      headers: { cookie },
      payload: { planId },
    });
    expect(portal.statusCode, portal.body).toBe(409);
    expect(portal.json()).toMatchObject({ code: 'plan_inactive', field: 'planId' });
    const desk = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${patientId}/membership-agreement`,
      headers: practice.owner.headers,
      payload: { planId },
    });
    expect(desk.statusCode, desk.body).toBe(409);
    const copies = await app.inject({
      method: 'GET',
      url: `/api/v1/patients/${patientId}/membership-agreement?planId=${planId}`,
      headers: practice.owner.headers,
    });
    expect(copies.statusCode, copies.body).toBe(200);
  });

  it('refuses a stale If-Match with 412, the front desk and providers with 403, and another practice with 404', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);

    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${plan.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"7"' },
      payload: { active: false },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'stale_version', field: 'If-Match' });
    for (const role of ['front_desk', 'provider'] as const) {
      const staff = await setup.practice.signInAs(role);
      expect((await patchPlan(setup, plan.id, { active: false }, staff.headers)).statusCode).toBe(403);
    }
    const elsewhere = await createTestPractice(app);
    const foreign = await patchPlan(setup, plan.id, { active: false }, elsewhere.owner.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ field: 'planId' });

    const admin = await setup.practice.signInAs('admin');
    const current = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${plan.id}`,
      headers: { ...admin.headers, 'if-match': '"1"' },
      payload: { active: false },
    });
    expect(current.statusCode, current.body).toBe(200);
    expect(current.json()).toMatchObject({ active: false, version: 2 });
  });
});

describe('editing a coupon', () => {
  it('changes dates, limit and plans after redemptions; never below the redemptions so far; the discount stays', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup);
    const otherPlan = await createPlan(app, setup);
    const created = await createCoupon(setup, { code: 'spring', percentOff: 20, duration: 'once', maxRedemptions: 5 });
    expect(created.statusCode, created.body).toBe(201);
    const couponId = created.json<{ id: string }>().id;
    expect((await enrol(app, setup, { planId: plan.id, couponCode: 'SPRING' })).statusCode).toBe(201);
    const second = await addPatient(app, setup.practice, { firstName: 'Ada', lastName: 'Second' });
    const secondCard = await addCard(app, setup.practice, second, 'pm_card_visa');
    expect((await enrol(app, setup, { planId: plan.id, couponCode: 'SPRING', paymentMethodId: secondCard.id }, second)).statusCode).toBe(
      201,
    );

    const belowUsed = await patchCoupon(setup, couponId, { maxRedemptions: 1 });
    expect(belowUsed.statusCode).toBe(409);
    expect(belowUsed.json()).toMatchObject({ code: 'max_redemptions_below_used', field: 'maxRedemptions' });
    const reversed = await patchCoupon(setup, couponId, { validFrom: '2027-03-01', validUntil: '2027-02-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ field: 'validUntil' });
    const discount = await patchCoupon(setup, couponId, { percentOff: 50 });
    expect(discount.statusCode).toBe(400);
    const unknownPlan = await patchCoupon(setup, couponId, { planIds: [plan.id, '00000000-0000-4000-8000-000000000000'] });
    expect(unknownPlan.statusCode).toBe(404);
    expect(unknownPlan.json()).toMatchObject({ field: 'planIds[1]' });

    const edited = await patchCoupon(setup, couponId, { maxRedemptions: 2, validUntil: '2027-06-30', planIds: [otherPlan.id] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      code: 'SPRING',
      percentOff: 20,
      duration: 'once',
      maxRedemptions: 2,
      redemptions: 2,
      validFrom: null,
      validUntil: '2027-06-30',
      planIds: [otherPlan.id],
      active: true,
      version: 2,
    });
    expect(edited.headers.etag).toBe('"2"');
    // A later date before the stored start is checked against what is stored.
    await patchCoupon(setup, couponId, { validFrom: '2027-01-10' });
    const beforeStart = await patchCoupon(setup, couponId, { validUntil: '2027-01-01' });
    expect(beforeStart.statusCode).toBe(400);
    expect(beforeStart.json()).toMatchObject({ field: 'validUntil' });

    const unlimited = await patchCoupon(setup, couponId, { maxRedemptions: null, planIds: [] });
    expect(unlimited.json()).toMatchObject({ maxRedemptions: null, planIds: [], version: 4 });
    expect(await auditActions(couponId)).toEqual([
      'membership_coupon.create',
      'membership_coupon.update',
      'membership_coupon.update',
      'membership_coupon.update',
    ]);
  });

  it('refuses a deactivated coupon at enrolment, naming couponCode, and accepts it again once reactivated', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0, monthlyPriceCents: 10_000 });
    const couponId = (await createCoupon(setup, { code: 'PAUSED', amountOffCents: 1_000, duration: 'forever' })).json<{ id: string }>().id;

    const deactivated = await patchCoupon(setup, couponId, { active: false });
    expect(deactivated.json()).toMatchObject({ active: false, deactivatedAt: '2027-01-15T15:00:00.000Z' });
    const refused = await enrol(app, setup, { planId: plan.id, couponCode: 'PAUSED' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'coupon_inactive', field: 'couponCode' });
    const coupons = await app.inject({ method: 'GET', url: '/api/v1/coupons', headers: setup.practice.owner.headers });
    expect(coupons.json()).toMatchObject({ items: [{ code: 'PAUSED', redemptions: 0, active: false }] });

    expect((await patchCoupon(setup, couponId, { active: true })).json()).toMatchObject({ active: true, deactivatedAt: null });
    const enrolled = await enrol(app, setup, { planId: plan.id, couponCode: 'PAUSED' });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json()).toMatchObject({ periods: [{ number: 0, amountCents: 9_000 }] });
    expect(await auditActions(couponId)).toEqual([
      'membership_coupon.create',
      'membership_coupon.deactivate',
      'membership_coupon.reactivate',
    ]);
  });

  it('refuses a stale If-Match with 412, the front desk and providers with 403, and another practice with 404', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const couponId = (await createCoupon(setup, { code: 'GUARDED', percentOff: 10, duration: 'once' })).json<{ id: string }>().id;

    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/coupons/${couponId}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"3"' },
      payload: { active: false },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
    for (const role of ['front_desk', 'provider'] as const) {
      const staff = await setup.practice.signInAs(role);
      expect((await patchCoupon(setup, couponId, { active: false }, staff.headers)).statusCode).toBe(403);
    }
    const elsewhere = await createTestPractice(app);
    const foreign = await patchCoupon(setup, couponId, { active: false }, elsewhere.owner.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ field: 'couponId' });

    const coupons = await app.inject({ method: 'GET', url: '/api/v1/coupons', headers: setup.practice.owner.headers });
    expect(coupons.json()).toMatchObject({ items: [{ code: 'GUARDED', active: true, version: 1 }] });
  });
});
