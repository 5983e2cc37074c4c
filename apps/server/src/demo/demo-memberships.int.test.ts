import { describe, expect, it } from 'vitest';
import { createTestApp, signIn } from '../testing/test-app.ts';
import { DEMO_PASSWORD, demoOwner } from './demo-staff.ts';
import { seedDemo } from './seed-demo.ts';

// The demo loads only into an empty installation: a fresh PGlite, on the real clock.
describe.skipIf(process.env.DATABASE_URL !== undefined)('the demo practice’s memberships', async () => {
  const { app } = await createTestApp();

  it(
    'has two plans sold (one online with an agreement) and a retired one, two coupons (one deactivated), and members in every usual status, with nothing due',
    { timeout: 180_000 },
    async () => {
      expect((await seedDemo(app)).seeded).toBe(true);
      const headers = { cookie: await signIn(app, demoOwner.email, DEMO_PASSWORD) };

      const plans = (await app.inject({ method: 'GET', url: '/api/v1/membership-plans', headers })).json<{
        items: { name: string; soldOnline: boolean; agreementTemplateId: string | null; active: boolean }[];
      }>().items;
      expect(plans.map((plan) => [plan.name, plan.soldOnline, plan.agreementTemplateId !== null, plan.active])).toEqual([
        ['Glow Club', true, true, true],
        ['Injectables Club', false, false, true],
        ['Radiance Club 2025', true, false, false],
      ]);
      const coupons = (await app.inject({ method: 'GET', url: '/api/v1/coupons', headers })).json<{
        items: { code: string; active: boolean }[];
      }>().items;
      expect(coupons.map((coupon) => [coupon.code, coupon.active]).sort()).toEqual([
        ['SUMMER25', false],
        ['WELCOME10', true],
      ]);

      const list = await app.inject({ method: 'GET', url: '/api/v1/memberships', headers });
      expect(list.statusCode, list.body).toBe(200);
      const members = list.json<{ items: { id: string; status: string }[]; monthlyRecurringRevenue: { amountCents: number }[] }>();
      expect(members.items.map((item) => item.status).sort()).toEqual(['active', 'active', 'cancelled', 'on_hold', 'past_due']);
      expect(members.monthlyRecurringRevenue).toEqual([{ currency: 'USD', amountCents: 3 * 9_900 }]);

      const pastDue = members.items.find((item) => item.status === 'past_due');
      const detail = (await app.inject({ method: 'GET', url: `/api/v1/memberships/${pastDue?.id ?? ''}`, headers })).json<{
        periods: { number: number; status: string }[];
      }>();
      expect(detail.periods.map((period) => [period.number, period.status])).toEqual([
        [0, 'paid'],
        [1, 'retrying'],
      ]);

      // A server started now bills nothing: every draw and retry is in the future.
      expect(await app.services.memberships.billDueMemberships()).toMatchObject({ considered: 0 });
    },
  );
});
