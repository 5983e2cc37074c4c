import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { auditTrailOf, createPortalFeePractice, signInPatient } from '../portal/portal-test-support.ts';
import { addCard, createBillingTestApp, listCards } from './billing-test-support.ts';

const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createBillingTestApp({ clock });

type Setup = Awaited<ReturnType<typeof createPortalFeePractice>>;

async function signedInRosa(setup: Setup): Promise<string> {
  return (await signInPatient(app, setup.portalPractice, { channel: 'sms', phone: setup.phone })).cookie;
}

function call(cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) {
  return app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** What the simulated processor holds for a card (its own store, read as the processor would). */
async function processorExpiry(setup: Setup, paymentMethodId: string): Promise<{ expMonth: number; expYear: number }> {
  const gatewayId = await inPractice(database, setup.portalPractice.practiceId, async (tx) => {
    const rows = await tx.execute<{ gateway_payment_method_id: string }>(
      sql`select gateway_payment_method_id from payment_methods where id = ${paymentMethodId}`,
    );
    return rows.rows[0]?.gateway_payment_method_id ?? '';
  });
  const rows = await database.db.execute<{ exp_month: number; exp_year: number }>(
    sql`select exp_month, exp_year from simulated_gateway.payment_methods where id = ${gatewayId}`,
  );
  const row = rows.rows[0];
  if (!row) throw new Error('the card is not at the simulated gateway');
  return { expMonth: row.exp_month, expYear: row.exp_year };
}

describe('the portal’s Payment Methods', () => {
  it('changes a card’s expiry at the gateway and on file, and audits it as the patient', async () => {
    const setup = await createPortalFeePractice(app);
    const cookie = await signedInRosa(setup);

    const edited = await call(cookie, 'PATCH', `/api/v1/portal/payment-methods/${setup.card.id}`, { expMonth: 8, expYear: 2031 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: setup.card.id, expMonth: 8, expYear: 2031, last4: '4242' });
    expect(await processorExpiry(setup, setup.card.id)).toEqual({ expMonth: 8, expYear: 2031 });
    expect((await call(cookie, 'GET', '/api/v1/portal/payment-methods')).json().items[0]).toMatchObject({ expMonth: 8, expYear: 2031 });
    expect(await auditTrailOf(database, setup.portalPractice.practiceId)).toContainEqual(
      expect.objectContaining({ action: 'payment_method.update', actorType: 'patient', actorId: setup.patientId, objectId: setup.card.id }),
    );
  });

  it('refuses an expiry in the past or not a month, naming the field, and changes nothing', async () => {
    const setup = await createPortalFeePractice(app);
    const cookie = await signedInRosa(setup);
    const before = await processorExpiry(setup, setup.card.id);

    for (const [body, field] of [
      [{ expMonth: 2, expYear: 2026 }, 'expYear'],
      [{ expMonth: 13, expYear: 2030 }, 'expMonth'],
      [{ expMonth: 5, expYear: 2099 }, 'expYear'],
      [{ expMonth: 5 }, 'expYear'],
    ] as const) {
      const response = await call(cookie, 'PATCH', `/api/v1/portal/payment-methods/${setup.card.id}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
      expect(response.json().field, JSON.stringify(body)).toBe(field);
    }
    expect(await processorExpiry(setup, setup.card.id)).toEqual(before);
  });

  it('makes another card the default and removes one, after which the other is the default', async () => {
    const setup = await createPortalFeePractice(app);
    const cookie = await signedInRosa(setup);
    const mastercard = await addCard(app, setup.portalPractice, setup.patientId, 'pm_card_mastercard');

    const made = await call(cookie, 'POST', `/api/v1/portal/payment-methods/${mastercard.id}/default`);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ id: mastercard.id, isDefault: true });
    const listed = (await call(cookie, 'GET', '/api/v1/portal/payment-methods')).json().items as { id: string; isDefault: boolean }[];
    expect(listed.filter((card) => card.isDefault).map((card) => card.id)).toEqual([mastercard.id]);

    const removed = await call(cookie, 'DELETE', `/api/v1/portal/payment-methods/${mastercard.id}`);
    expect(removed.statusCode).toBe(204);
    const left = (await call(cookie, 'GET', '/api/v1/portal/payment-methods')).json().items;
    expect(left).toEqual([expect.objectContaining({ id: setup.card.id, isDefault: true })]);
  });

  it("answers 404 for another patient's card on every card route, and leaves it alone", async () => {
    const setup = await createPortalFeePractice(app);
    const cookie = await signedInRosa(setup);
    const othersCard = setup.setup.visa.id;

    for (const [method, url, payload] of [
      ['PATCH', `/api/v1/portal/payment-methods/${othersCard}`, { expMonth: 8, expYear: 2031 }],
      ['POST', `/api/v1/portal/payment-methods/${othersCard}/default`, undefined],
      ['DELETE', `/api/v1/portal/payment-methods/${othersCard}`, undefined],
    ] as const) {
      const response = await call(cookie, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ field: 'paymentMethodId' });
    }
    expect(await listCards(app, setup.portalPractice, setup.setup.patientId)).toEqual([
      expect.objectContaining({ id: othersCard, isDefault: true }),
    ]);
  });

  it('refuses to save a token of a card already on file for another patient', async () => {
    const setup = await createPortalFeePractice(app);
    const cookie = await signedInRosa(setup);
    const gatewayId = await inPractice(database, setup.portalPractice.practiceId, async (tx) => {
      const rows = await tx.execute<{ gateway_payment_method_id: string }>(
        sql`select gateway_payment_method_id from payment_methods where id = ${setup.setup.visa.id}`,
      );
      return rows.rows[0]?.gateway_payment_method_id ?? '';
    });

    const response = await call(cookie, 'POST', '/api/v1/portal/payment-methods', { gatewayToken: gatewayId });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json()).toMatchObject({ field: 'gatewayToken' });
    expect((await call(cookie, 'GET', '/api/v1/portal/payment-methods')).json().items).toHaveLength(1);
  });
});
