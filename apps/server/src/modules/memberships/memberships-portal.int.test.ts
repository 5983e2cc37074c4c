import { describe, expect, it } from 'vitest';
import { addCard } from '../billing/billing-test-support.ts';
import { addPatient, createPortalPractice, signInPatient, uniquePatientEmail } from '../portal/portal-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { createSalesTestApp } from '../sales/sales-test-support.ts';

const { app } = await createSalesTestApp();

describe('memberships in the portal', () => {
  it('shows the plans sold online, enrols the patient in one with their card, and lists their memberships', async () => {
    const practice = await createPortalPractice(app);
    const clinic = await createClinic(app, practice);
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
    const card = await addCard(app, practice, patientId, 'pm_card_visa');
    const plan = (soldOnline: boolean, name: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/membership-plans',
        headers: practice.owner.headers,
        payload: { name, monthlyPriceCents: 7_900, clinicIds: [clinic.id], soldOnline },
      });
    const online = (await plan(true, 'Glow Online')).json<{ id: string }>();
    const inClinic = (await plan(false, 'Glow In Clinic')).json<{ id: string }>();
    const { cookie } = await signInPatient(app, practice, { channel: 'email', email });
    const headers = { cookie };

    const plans = await app.inject({ method: 'GET', url: '/api/v1/portal/membership-plans', headers });
    expect(plans.statusCode, plans.body).toBe(200);
    expect(plans.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([online.id]);

    const notOnline = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/memberships',
      headers,
      payload: { planId: inClinic.id, interval: 'month', drawDay: 1, paymentMethodId: card.id },
    });
    expect(notOnline.statusCode).toBe(404);
    expect(notOnline.json()).toMatchObject({ field: 'planId' });

    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/memberships',
      headers,
      payload: { planId: online.id, interval: 'month', drawDay: 1, paymentMethodId: card.id },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json()).toMatchObject({
      status: 'active',
      planName: 'Glow Online',
      periods: [{ number: 0, status: 'paid', amountCents: 7_900 }],
    });

    const mine = await app.inject({ method: 'GET', url: '/api/v1/portal/memberships', headers });
    expect(mine.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([enrolled.json<{ id: string }>().id]);
    const staffView = await app.inject({ method: 'GET', url: '/api/v1/memberships', headers: { cookie } });
    expect(staffView.statusCode).toBe(401);
  });
});
