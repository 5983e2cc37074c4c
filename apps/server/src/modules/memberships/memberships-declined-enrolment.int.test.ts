import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addCard } from '../billing/billing-test-support.ts';
import { addPatient, createPortalPractice, signInPatient, uniquePatientEmail } from '../portal/portal-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { createSalesTestApp } from '../sales/sales-test-support.ts';

const { app, database, gateway } = await createSalesTestApp();

async function declinedSetup() {
  const practice = await createPortalPractice(app);
  const clinic = await createClinic(app, practice);
  const email = uniquePatientEmail();
  const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
  const declining = await addCard(app, practice, patientId, 'pm_card_chargeDeclined');
  const plan = await app.inject({
    method: 'POST',
    url: '/api/v1/membership-plans',
    headers: practice.owner.headers,
    payload: { name: 'Glow Online', monthlyPriceCents: 7_900, signUpFeeCents: 1_500, clinicIds: [clinic.id], soldOnline: true },
  });
  expect(plan.statusCode, plan.body).toBe(201);
  const code = `DECL${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const coupon = await app.inject({
    method: 'POST',
    url: '/api/v1/coupons',
    headers: practice.owner.headers,
    payload: { code, percentOff: 10, duration: 'once', maxRedemptions: 1 },
  });
  expect(coupon.statusCode, coupon.body).toBe(201);
  const body = { planId: plan.json<{ id: string }>().id, interval: 'month', drawDay: 1, paymentMethodId: declining.id, couponCode: code };
  return { practice, patientId, email, body, couponId: coupon.json<{ id: string }>().id };
}

async function invoiceRow(invoiceId: string) {
  const rows = await database.db.execute<{ status: string; voided_by: string | null; void_reason: string | null }>(
    sql`select status, voided_by, void_reason from invoices where id = ${invoiceId}`,
  );
  return rows.rows[0];
}

describe('a declined first membership payment', () => {
  it('voids the invoice of the staff member’s enrolment as that staff member', async () => {
    const setup = await declinedSetup();
    const declined = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${setup.patientId}/memberships`,
      headers: setup.practice.owner.headers,
      payload: setup.body,
    });
    expect(declined.statusCode, declined.body).toBe(402);
    const invoiceId = declined.json<{ invoiceId: string }>().invoiceId;
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: 'void', voided_by: setup.practice.owner.id });
  });

  it('voids the invoice of the patient’s own enrolment in the portal as the system, leaving nothing owing, and gives the coupon back', async () => {
    const setup = await declinedSetup();
    const { cookie } = await signInPatient(app, setup.practice, { channel: 'email', email: setup.email });
    const declined = await app.inject({ method: 'POST', url: '/api/v1/portal/memberships', headers: { cookie }, payload: setup.body });
    expect(declined.statusCode, declined.body).toBe(402);
    const invoiceId = declined.json<{ invoiceId: string }>().invoiceId;
    expect(await invoiceRow(invoiceId)).toEqual({
      status: 'void',
      voided_by: null,
      void_reason: 'The first membership payment was declined; nothing was enrolled.',
    });

    const history = await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json()).toMatchObject({ status: 'void' });
    const audit = await database.db.execute<{ actor_type: string; actor_label: string }>(
      sql`select actor_type, actor_label from audit_events where object_id = ${invoiceId} and action = 'invoice.void'`,
    );
    expect(audit.rows).toEqual([{ actor_type: 'system', actor_label: 'Membership enrolment' }]);

    const owing = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from invoices where patient_id = ${setup.patientId} and status = 'unpaid'`,
    );
    expect(owing.rows[0]?.count).toBe(0);
    const coupon = await database.db.execute<{ redemptions: number }>(
      sql`select redemptions from membership_coupons where id = ${setup.couponId}`,
    );
    expect(coupon.rows[0]?.redemptions).toBe(0);
  });
  it('voids the invoice as the billing run when a run settles an enrolment whose process died before recording the decline', async () => {
    const setup = await declinedSetup();
    const { cookie } = await signInPatient(app, setup.practice, { channel: 'email', email: setup.email });
    gateway.failNextCharges(1);
    const unconfirmed = await app.inject({ method: 'POST', url: '/api/v1/portal/memberships', headers: { cookie }, payload: setup.body });
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(503);
    const membershipId = unconfirmed.json<{ membershipId: string }>().membershipId;
    // As a process killed between the gateway's answer and its record leaves it: the first
    // period still charging, its attempt pending, the enrolment's lease run out.
    await database.db.execute(sql`update membership_periods set status = 'charging' where membership_id = ${membershipId} and number = 0`);
    await database.db.execute(
      sql`update memberships set next_charge_at = now() - interval '1 minute', billing_lease_until = null where id = ${membershipId}`,
    );

    const run = await app.services.memberships.billDueMemberships({ practiceIds: [setup.practice.practiceId] });
    expect(run).toMatchObject({ declined: 1, errors: 0 });
    const invoice = await database.db.execute<{ id: string }>(
      sql`select invoice_id as id from membership_periods where membership_id = ${membershipId} and number = 0`,
    );
    const invoiceId = invoice.rows[0]?.id ?? '';
    expect(await invoiceRow(invoiceId)).toEqual({
      status: 'void',
      voided_by: null,
      void_reason: 'The first membership payment was declined; nothing was enrolled.',
    });
    const audit = await database.db.execute<{ actor_label: string }>(
      sql`select actor_label from audit_events where object_id = ${invoiceId} and action = 'invoice.void'`,
    );
    expect(audit.rows).toEqual([{ actor_label: 'Membership billing' }]);
  });
});
