import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createSalesTestApp, processorCharges } from '../sales/sales-test-support.ts';
import {
  act,
  createMembershipPractice,
  createPlan,
  enrol,
  getMembership,
  moveClock,
  type MembershipPractice,
} from './memberships-test-support.ts';

const clock = createManualClock('2027-01-15T15:00:00Z');
const { app, database, gateway } = await createSalesTestApp({ clock });

/** Enrols `count` new clients (each with a Visa and an email address) in the plan; their membership and patient ids. */
async function enrolMembers(setup: MembershipPractice, planId: string, count: number) {
  const members: { id: string; patientId: string }[] = [];
  for (let index = 0; index < count; index += 1) {
    const patient = await app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: setup.practice.owner.headers,
      payload: { firstName: `Member${index}`, lastName: 'Batch', email: `member${index}.${setup.practice.practiceId}@example.com` },
    });
    expect(patient.statusCode, patient.body).toBe(201);
    const patientId = patient.json<{ id: string }>().id;
    const card = await addCard(app, setup.practice, patientId, 'pm_card_visa');
    const response = await enrol(app, setup, { planId, paymentMethodId: card.id }, patientId);
    expect(response.statusCode, response.body).toBe(201);
    members.push({ id: response.json<{ id: string }>().id, patientId });
  }
  // A batch claims and charges its memberships in id order.
  return members.sort((left, right) => (left.id < right.id ? -1 : 1));
}

async function queuedEmails(practiceId: string, dedupeKeyLike: string): Promise<number> {
  const result = await database.db.execute<{ count: string | number }>(
    sql`select count(*) as count from messages where practice_id = ${practiceId} and dedupe_key like ${dedupeKeyLike}`,
  );
  return Number(result.rows[0]?.count ?? 0);
}

describe('billing memberships in batches', () => {
  it('bills a batch holding a paid, a declined, an unconfirmed and a held membership each as it would alone', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const [unconfirmed, declined, held, ...paid] = await enrolMembers(setup, plan.id, 6);
    if (!unconfirmed || !declined || !held) throw new Error('members were not enrolled');
    const declining = await addCard(app, setup.practice, declined.patientId, 'pm_card_chargeDeclined');
    expect((await act(app, setup, declined.id, 'change-card', { paymentMethodId: declining.id })).statusCode).toBe(200);
    expect((await act(app, setup, held.id, 'hold', {})).statusCode).toBe(200);
    const enrolmentCharges = await processorCharges(database, setup.practice.practiceId);

    await moveClock(app, clock, setup, '2027-02-15T15:00:00Z');
    // One charge at a time in id order: the first one the gateway leaves unanswered.
    gateway.failNextCharges(1);
    const run = await app.services.memberships.billDueMemberships({ practiceIds: [setup.practice.practiceId], concurrency: 1 });
    expect(run).toMatchObject({ considered: 6, paid: 3, declined: 1, unknown: 1, held: 1, errors: 0 });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(enrolmentCharges + 3 + 1);

    for (const member of paid) {
      const membership = await getMembership(app, setup, member.id);
      expect(membership).toMatchObject({ status: 'active', nextDrawDate: '2027-03-15', needsAttention: false });
      expect(membership.periods[1]).toMatchObject({ number: 1, status: 'paid', amountCents: 9_900, payments: [{ status: 'succeeded' }] });
    }
    expect(await getMembership(app, setup, unconfirmed.id)).toMatchObject({
      needsAttention: true,
      periods: [{ status: 'paid' }, { status: 'attention', payments: [{ status: 'pending' }] }],
    });
    expect(await getMembership(app, setup, declined.id)).toMatchObject({
      status: 'past_due',
      periods: [{ status: 'paid' }, { status: 'retrying', failedAttempts: 1, nextRetryOn: '2027-02-18', payments: [{ status: 'failed' }] }],
    });
    expect(await getMembership(app, setup, held.id)).toMatchObject({
      status: 'on_hold',
      periods: [{ status: 'paid' }, { status: 'held', invoiceId: null }],
    });
    // A receipt for each renewal, and the failed payment's notice, each queued once.
    const practiceId = setup.practice.practiceId;
    expect(await queuedEmails(practiceId, '%:period-1:paid')).toBe(3);
    expect(await queuedEmails(practiceId, '%:period-1:attempt-1:failed')).toBe(1);

    // Running again charges nothing: the unconfirmed charge waits for a person, the decline for its retry date.
    const calls = gateway.chargeCalls.length;
    const again = await app.services.memberships.billDueMemberships({ practiceIds: [practiceId] });
    expect(again).toMatchObject({ paid: 0, declined: 0, unknown: 0 });
    expect(gateway.chargeCalls.length).toBe(calls);
    expect(await queuedEmails(practiceId, '%:period-1:paid')).toBe(3);
  });

  it('charges each period of many memberships exactly once when runs with small batches overlap', async () => {
    clock.set('2027-01-15T15:00:00Z');
    const setup = await createMembershipPractice(app);
    const plan = await createPlan(app, setup, { signUpFeeCents: 0 });
    const members = await enrolMembers(setup, plan.id, 12);
    const practiceId = setup.practice.practiceId;

    // Three draws are due for each member (February to April): a batch goes round once per missed draw.
    await moveClock(app, clock, setup, '2027-04-20T15:00:00Z');
    const bill = (batchSize: number) =>
      app.services.memberships.billDueMemberships({ practiceIds: [practiceId], batchSize, concurrency: 3 });
    const runs = await Promise.all([bill(5), bill(4), bill(12)]);
    expect(runs.reduce((sum, run) => sum + run.paid, 0)).toBe(12 * 3);
    expect(runs.reduce((sum, run) => sum + run.errors + run.unknown + run.declined, 0)).toBe(0);
    expect(await processorCharges(database, practiceId)).toBe(12 + 12 * 3);
    expect((await bill(5)).paid).toBe(0);

    for (const member of members) {
      const membership = await getMembership(app, setup, member.id);
      expect(membership.periods.map((period) => [period.number, period.drawDate, period.status, period.payments.length])).toEqual([
        [0, '2027-01-15', 'paid', 1],
        [1, '2027-02-15', 'paid', 1],
        [2, '2027-03-15', 'paid', 1],
        [3, '2027-04-15', 'paid', 1],
      ]);
      expect(membership.nextDrawDate).toBe('2027-05-15');
    }
    // Each invoice has its own number, and each period's receipt is queued once.
    const numbers = await database.db.execute<{ count: string | number; distinct: string | number }>(
      sql`select count(*) as count, count(distinct number) as distinct from invoices where practice_id = ${practiceId} and kind = 'membership'`,
    );
    expect(Number(numbers.rows[0]?.count)).toBe(12 * 4);
    expect(Number(numbers.rows[0]?.distinct)).toBe(12 * 4);
    expect(await queuedEmails(practiceId, '%:period-_:paid')).toBe(12 * 3);
  });
});
