import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createSalesTestApp } from '../sales/sales-test-support.ts';
import { billPractice, createMembershipPractice, createPlan, enrol, getMembership, moveClock } from './memberships-test-support.ts';

// Members enrolled on 15 January 2027 with draw day 15 are first drawn on 15 February.
const clock = createManualClock('2027-01-15T15:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

describe("moving a plan's members to its current price", () => {
  it('keeps existing members at their price until the owner migrates them; then their next period is billed at the new price, each emailed once', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0, monthlyPriceCents: 9_900, yearlyPriceCents: 99_000 });
    const monthly = await enrol(app, setup, { planId: plan.id });
    expect(monthly.statusCode, monthly.body).toBe(201);
    const monthlyId = monthly.json<{ id: string }>().id;
    // A second member on the yearly price, whose plan price does not change.
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: setup.practice.owner.headers,
      payload: { firstName: 'Ines', lastName: 'Yearly', email: 'ines.yearly@example.com' },
    });
    const otherId = other.json<{ id: string }>().id;
    const otherCard = await addCard(app, setup.practice, otherId, 'pm_card_visa');
    const yearly = await enrol(app, setup, { planId: plan.id, interval: 'year', paymentMethodId: otherCard.id }, otherId);
    expect(yearly.statusCode, yearly.body).toBe(201);

    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${plan.id}`,
      headers: setup.practice.owner.headers,
      payload: { monthlyPriceCents: 12_900 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await getMembership(app, setup, monthlyId)).priceCents).toBe(9_900);

    // Owners only: an admin is refused and nothing changes.
    const admin = await setup.practice.signInAs('admin');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/membership-plans/${plan.id}/migrate-price`,
      headers: admin.headers,
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    expect((await getMembership(app, setup, monthlyId)).priceCents).toBe(9_900);

    const migrated = await app.inject({
      method: 'POST',
      url: `/api/v1/membership-plans/${plan.id}/migrate-price`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(migrated.statusCode, migrated.body).toBe(200);
    expect(migrated.json()).toEqual({
      planId: plan.id,
      migrated: 1,
      unchanged: 1,
      members: [
        {
          membershipId: monthlyId,
          patientId: setup.patientId,
          interval: 'month',
          oldPriceCents: 9_900,
          newPriceCents: 12_900,
          effectiveOn: '2027-02-15',
          noticeSent: true,
        },
      ],
    });
    // Run again: everyone is at the current price, nobody is emailed twice.
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/membership-plans/${plan.id}/migrate-price`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(again.json()).toMatchObject({ migrated: 0, unchanged: 2, members: [] });

    const notices = await database.db.execute<{ subject: string; text_body: string }>(
      sql`select subject, text_body from messages where patient_id = ${setup.patientId} and dedupe_key like ${`membership:${monthlyId}:price-change:%`}`,
    );
    expect(notices.rows).toHaveLength(1);
    expect(notices.rows[0]?.subject).toBe(`${plan.name}: your membership price is changing`);
    expect(notices.rows[0]?.text_body).toContain('from $99.00 to $129.00, starting with the payment on 2027-02-15');
    const recorded = await database.db.execute<{
      old_price_cents: number;
      new_price_cents: number;
      effective_period: number;
      notified: boolean;
    }>(
      sql`select old_price_cents, new_price_cents, effective_period, notified_at is not null as notified
            from membership_price_changes where practice_id = ${setup.practice.practiceId}`,
    );
    expect(recorded.rows).toEqual([{ old_price_cents: 9_900, new_price_cents: 12_900, effective_period: 1, notified: true }]);

    // The enrolment payment stays at the old price; February's draw is at the new one.
    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    expect(await billPractice(app, setup)).toMatchObject({ paid: 1 });
    const detail = await getMembership(app, setup, monthlyId);
    expect(detail.periods.map((period) => [period.number, period.amountCents, period.status])).toEqual([
      [0, 9_900, 'paid'],
      [1, 12_900, 'paid'],
    ]);

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans/00000000-0000-4000-8000-000000000000/migrate-price',
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ field: 'planId' });
  });
});
