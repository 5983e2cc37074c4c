import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { createTestApp, signIn } from '../../testing/test-app.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { addPatient, createPortalPractice, signInPatient, uniquePatientEmail } from '../portal/portal-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York. Members enrolled today with draw day 15 are first drawn on 15 April.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createTestApp({ clock, config: { publicBaseUrl: 'https://glow.example.com' } });

async function pastDueMember() {
  clock.set('2026-03-02T14:00:00Z');
  const practice = await createPortalPractice(app);
  const clinic = await createClinic(app, practice, { timezone: 'America/New_York' });
  const email = uniquePatientEmail();
  const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
  const visa = await addCard(app, practice, patientId, 'pm_card_visa');
  const declining = await addCard(app, practice, patientId, 'pm_card_chargeDeclined');
  const plan = await app.inject({
    method: 'POST',
    url: '/api/v1/membership-plans',
    headers: practice.owner.headers,
    payload: { name: 'Glow Club', monthlyPriceCents: 7_900, clinicIds: [clinic.id], soldOnline: true },
  });
  expect(plan.statusCode, plan.body).toBe(201);
  const enrolled = await app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/memberships`,
    headers: practice.owner.headers,
    payload: { planId: plan.json<{ id: string }>().id, interval: 'month', drawDay: 15, paymentMethodId: declining.id },
  });
  // The first payment is declined with the declining card: enrol with the Visa, then put the declining card on.
  expect(enrolled.statusCode).toBe(402);
  const member = await app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/memberships`,
    headers: practice.owner.headers,
    payload: { planId: plan.json<{ id: string }>().id, interval: 'month', drawDay: 15, paymentMethodId: visa.id },
  });
  expect(member.statusCode, member.body).toBe(201);
  const membershipId = member.json<{ id: string }>().id;
  const changed = await app.inject({
    method: 'POST',
    url: `/api/v1/memberships/${membershipId}/change-card`,
    headers: practice.owner.headers,
    payload: { paymentMethodId: declining.id },
  });
  expect(changed.statusCode, changed.body).toBe(200);

  clock.set('2026-04-15T14:00:00Z');
  expect(await app.services.memberships.billDueMemberships({ practiceIds: [practice.practiceId] })).toMatchObject({ declined: 1 });
  practice.owner.headers.cookie = await signIn(app, practice.owner.email);
  const { cookie } = await signInPatient(app, practice, { channel: 'email', email });
  return { practice, clinic, patientId, visa, declining, membershipId, patient: { cookie } };
}

describe('updating a membership’s card from the portal', () => {
  it('emails the patient at a failed payment with a link to the portal page that updates the membership’s card', async () => {
    const setup = await pastDueMember();
    const emails = await database.db.execute<{ subject: string; text_body: string; to_address: string }>(
      sql`select subject, text_body, to_address from messages
          where patient_id = ${setup.patientId} and dedupe_key = ${`membership:${setup.membershipId}:period-1:attempt-1:failed`}`,
    );
    expect(emails.rows).toHaveLength(1);
    expect(emails.rows[0]?.subject).toBe('Glow Club: your payment did not go through');
    expect(emails.rows[0]?.text_body).toContain(
      `https://glow.example.com/portal/${setup.practice.slug}/memberships/${setup.membershipId}/card`,
    );
  });

  it('charges the outstanding payment to the card the patient picks at once, and makes the membership Active', async () => {
    const setup = await pastDueMember();
    const headers = { cookie: setup.patient.cookie };
    const declined = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/memberships/${setup.membershipId}/change-card`,
      headers,
      payload: { paymentMethodId: setup.declining.id },
    });
    expect(declined.statusCode).toBe(402);

    const updated = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/memberships/${setup.membershipId}/change-card`,
      headers,
      payload: { paymentMethodId: setup.visa.id },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      id: setup.membershipId,
      status: 'active',
      paymentMethod: { id: setup.visa.id },
      periods: expect.arrayContaining([expect.objectContaining({ number: 1, status: 'paid', amountCents: 7_900 })]),
    });
    const audit = await database.db.execute<{ actor_type: string }>(
      sql`select actor_type from audit_events where object_id = ${setup.membershipId} and action = 'membership.change_card' order by occurred_at desc limit 1`,
    );
    expect(audit.rows[0]?.actor_type).toBe('patient');
  });

  it('refuses another patient’s membership and another patient’s card (404 naming the field), changing nothing', async () => {
    const setup = await pastDueMember();
    const otherEmail = uniquePatientEmail();
    const otherId = await addPatient(app, setup.practice, { firstName: 'Noor', lastName: 'Haddad', email: otherEmail });
    const otherCard = await addCard(app, setup.practice, otherId, 'pm_card_visa');
    const other = await signInPatient(app, setup.practice, { channel: 'email', email: otherEmail });

    const notTheirs = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/memberships/${setup.membershipId}/change-card`,
      headers: { cookie: other.cookie },
      payload: { paymentMethodId: otherCard.id },
    });
    expect(notTheirs.statusCode).toBe(404);
    expect(notTheirs.json()).toMatchObject({ field: 'membershipId' });

    const foreignCard = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/memberships/${setup.membershipId}/change-card`,
      headers: { cookie: setup.patient.cookie },
      payload: { paymentMethodId: otherCard.id },
    });
    expect(foreignCard.statusCode).toBe(404);
    expect(foreignCard.json()).toMatchObject({ field: 'paymentMethodId' });

    const staffRoute = await app.inject({
      method: 'POST',
      url: `/api/v1/memberships/${setup.membershipId}/change-card`,
      headers: { cookie: setup.patient.cookie },
      payload: { paymentMethodId: setup.visa.id },
    });
    expect(staffRoute.statusCode).toBe(401);

    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/memberships/${setup.membershipId}`,
      headers: setup.practice.owner.headers,
    });
    expect(after.json()).toMatchObject({ status: 'past_due', paymentMethod: { id: setup.declining.id } });
  });
});
