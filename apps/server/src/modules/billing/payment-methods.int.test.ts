import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createTestPractice } from '../../testing/test-app.ts';
import { addCard, createBillingTestApp, createPatient, listCards, tokenizeCard } from './billing-test-support.ts';

const { app, database } = await createBillingTestApp();

function cardsUrl(patientId: string, paymentMethodId?: string, action?: string): string {
  return ['/api/v1/patients', patientId, 'payment-methods', paymentMethodId, action].filter(Boolean).join('/');
}

describe('cards on file', () => {
  it('tells the web app to tokenize with the simulated gateway', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'GET', url: '/api/v1/billing/config', headers: practice.owner.headers });
    expect(response.json()).toEqual({
      gateway: 'simulated',
      publishableKey: null,
      tokenizeUrl: '/simulated-gateway/v1/tokens',
      cardFormUrl: '/simulated-gateway/v1/card-form',
    });
  });

  it('saves a tokenized card as the first, default card and lists it without the number', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const token = await tokenizeCard(app, { number: '4242 4242 4242 4242', expMonth: 4, expYear: 2031 });
    expect(token).toMatch(/^tok_sim_[0-9a-f]{24}$/);

    const response = await app.inject({
      method: 'POST',
      url: cardsUrl(patientId),
      headers: practice.owner.headers,
      payload: { gatewayToken: token },
    });
    expect(response.statusCode).toBe(201);
    const card = response.json();
    expect(card).toEqual({
      id: expect.any(String),
      patientId,
      gateway: 'simulated',
      brand: 'visa',
      last4: '4242',
      expMonth: 4,
      expYear: 2031,
      isDefault: true,
      createdAt: expect.any(String),
    });
    expect(response.headers.location).toBe(`/api/v1/patients/${patientId}/payment-methods/${card.id}`);
    expect(await listCards(app, practice, patientId)).toEqual([card]);
  });

  it('adds cards from Stripe’s test payment-method ids, so scripts need no browser', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const cards = [];
    for (const id of ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclined', 'pm_card_authenticationRequired']) {
      cards.push(await addCard(app, practice, patientId, id));
    }
    expect(cards.map((card) => `${card.brand} ${card.last4}`)).toEqual(['visa 4242', 'mastercard 4444', 'visa 0002', 'visa 3184']);
    expect(cards.map((card) => card.isDefault)).toEqual([true, false, false, false]);
  });

  it('returns the card already saved when the same token is sent twice (a double click)', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const token = await tokenizeCard(app, { number: '5555555555554444' });
    const first = await addCard(app, practice, patientId, token);
    const again = await app.inject({
      method: 'POST',
      url: cardsUrl(patientId),
      headers: practice.owner.headers,
      payload: { gatewayToken: token },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.id);
    expect(await listCards(app, practice, patientId)).toHaveLength(1);
  });

  it('refuses a token already used for another patient', async () => {
    const practice = await createTestPractice(app);
    const first = await createPatient(app, practice);
    const second = await createPatient(app, practice, { firstName: 'Ana', lastName: 'Ruiz' });
    const token = await tokenizeCard(app, { number: '4242424242424242' });
    await addCard(app, practice, first, token);
    const response = await app.inject({
      method: 'POST',
      url: cardsUrl(second),
      headers: practice.owner.headers,
      payload: { gatewayToken: token },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_gateway_token', field: 'gatewayToken' });
    expect(await listCards(app, practice, second)).toEqual([]);
  });

  it.each([
    ['an unknown token', 'tok_sim_000000000000000000000000', 'invalid_gateway_token'],
    ['an unknown test id', 'pm_card_nonsense', 'invalid_gateway_token'],
    ['something that is no gateway token', 'card4242', 'invalid_gateway_token'],
    ['a token with punctuation', 'tok_abc-def', 'validation_failed'],
    ['an empty token', '', 'validation_failed'],
  ])('refuses %s with 400 naming gatewayToken and saves nothing', async (_label, gatewayToken, code) => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const response = await app.inject({
      method: 'POST',
      url: cardsUrl(patientId),
      headers: practice.owner.headers,
      payload: { gatewayToken },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code, field: 'gatewayToken' });
    expect(await listCards(app, practice, patientId)).toEqual([]);
  });

  it('starts a setup session for the browser', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const response = await app.inject({ method: 'POST', url: cardsUrl(patientId, 'setup-session'), headers: practice.owner.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      gateway: 'simulated',
      setupSessionId: expect.stringMatching(/^seti_sim_/),
      clientSecret: expect.stringMatching(/^seti_sim_\w+_secret_\w+$/),
      publishableKey: null,
      tokenizeUrl: '/simulated-gateway/v1/tokens',
    });
  });

  it('creates one gateway customer per patient however many cards are added', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    await Promise.all(['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex'].map((id) => addCard(app, practice, patientId, id)));
    const customers = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ gateway_customer_id: string }>(sql`select gateway_customer_id from billing_customers where patient_id = ${patientId}`),
    );
    expect(customers.rows).toHaveLength(1);
    const cards = await listCards(app, practice, patientId);
    expect(cards).toHaveLength(3);
    expect(cards.filter((card) => card.isDefault)).toHaveLength(1);
  });
});

describe('default card', () => {
  it('switches the default, keeping exactly one', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const visa = await addCard(app, practice, patientId, 'pm_card_visa');
    const mastercard = await addCard(app, practice, patientId, 'pm_card_mastercard');
    const response = await app.inject({
      method: 'POST',
      url: cardsUrl(patientId, mastercard.id, 'default'),
      headers: practice.owner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: mastercard.id, isDefault: true });
    const cards = await listCards(app, practice, patientId);
    expect(cards.map((card) => [card.id, card.isDefault])).toEqual([
      [mastercard.id, true],
      [visa.id, false],
    ]);
  });

  it('makes a new card the default when asked', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    await addCard(app, practice, patientId, 'pm_card_visa');
    const amex = await addCard(app, practice, patientId, 'pm_card_amex', { makeDefault: true });
    expect(amex.isDefault).toBe(true);
    expect((await listCards(app, practice, patientId)).filter((card) => card.isDefault).map((card) => card.id)).toEqual([amex.id]);
  });

  it('keeps one default when several requests switch it at once', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const cards = [];
    for (const id of ['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_discover'])
      cards.push(await addCard(app, practice, patientId, id));
    const responses = await Promise.all(
      cards.map((card) => app.inject({ method: 'POST', url: cardsUrl(patientId, card.id, 'default'), headers: practice.owner.headers })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect((await listCards(app, practice, patientId)).filter((card) => card.isDefault)).toHaveLength(1);
  });
});

describe('removing a card', () => {
  it('detaches it at the gateway, hides it, and promotes the newest other card to default', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const visa = await addCard(app, practice, patientId, 'pm_card_visa');
    const mastercard = await addCard(app, practice, patientId, 'pm_card_mastercard');
    const amex = await addCard(app, practice, patientId, 'pm_card_amex');

    const response = await app.inject({ method: 'DELETE', url: cardsUrl(patientId, visa.id), headers: practice.owner.headers });
    expect(response.statusCode).toBe(204);
    const cards = await listCards(app, practice, patientId);
    expect(cards.map((card) => [card.id, card.isDefault])).toEqual([
      [amex.id, true],
      [mastercard.id, false],
    ]);

    const stored = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ gateway_payment_method_id: string; removed_at: string | null; removed_by: string | null }>(
        sql`select gateway_payment_method_id, removed_at, removed_by from payment_methods where id = ${visa.id}`,
      ),
    );
    expect(stored.rows[0]?.removed_by).toBe(practice.owner.id);
    const gatewaySide = await database.db.execute<{ detached_at: string | null }>(
      sql`select detached_at from simulated_gateway.payment_methods where id = ${stored.rows[0]?.gateway_payment_method_id}`,
    );
    expect(gatewaySide.rows[0]?.detached_at).not.toBeNull();

    const again = await app.inject({ method: 'DELETE', url: cardsUrl(patientId, visa.id), headers: practice.owner.headers });
    expect(again.statusCode).toBe(404);
  });
});

describe('other patients and practices', () => {
  it('answers 404 for another patient’s card and leaves it alone (no IDOR)', async () => {
    const practice = await createTestPractice(app);
    const owner = await createPatient(app, practice);
    const other = await createPatient(app, practice, { firstName: 'Eli', lastName: 'Park' });
    const card = await addCard(app, practice, owner, 'pm_card_visa');
    await addCard(app, practice, other, 'pm_card_mastercard');

    for (const request of [
      { method: 'DELETE' as const, url: cardsUrl(other, card.id) },
      { method: 'POST' as const, url: cardsUrl(other, card.id, 'default') },
    ]) {
      const response = await app.inject({ ...request, headers: practice.owner.headers });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'paymentMethodId' });
    }
    expect(await listCards(app, practice, owner)).toEqual([card]);
  });

  it('answers 404 for another practice’s patient on every card route', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    const patientOfB = await createPatient(app, practiceB);
    const cardOfB = await addCard(app, practiceB, patientOfB, 'pm_card_visa');
    const requests = [
      { method: 'GET' as const, url: cardsUrl(patientOfB) },
      { method: 'POST' as const, url: cardsUrl(patientOfB), payload: { gatewayToken: 'pm_card_visa' } },
      { method: 'POST' as const, url: cardsUrl(patientOfB, 'setup-session') },
      { method: 'DELETE' as const, url: cardsUrl(patientOfB, cardOfB.id) },
      { method: 'POST' as const, url: cardsUrl(patientOfB, cardOfB.id, 'default') },
    ];
    for (const request of requests) {
      const response = await app.inject({ ...request, headers: practiceA.owner.headers });
      expect({ request: `${request.method} ${request.url}`, status: response.statusCode }).toEqual({
        request: `${request.method} ${request.url}`,
        status: 404,
      });
      expect(response.json().field).toBe('patientId');
    }
    expect(await listCards(app, practiceB, patientOfB)).toEqual([cardOfB]);
  });

  it('answers 404 for an unknown patient and 400 for a malformed id', async () => {
    const practice = await createTestPractice(app);
    const unknown = await app.inject({
      method: 'GET',
      url: cardsUrl('00000000-0000-4000-8000-000000000000'),
      headers: practice.owner.headers,
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await app.inject({ method: 'GET', url: cardsUrl('not-an-id'), headers: practice.owner.headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('patientId');
  });
});

describe('roles', () => {
  it('lets admins and the front desk manage cards', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    for (const role of ['admin', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      const added = await app.inject({
        method: 'POST',
        url: cardsUrl(patientId),
        headers: member.headers,
        payload: { gatewayToken: 'pm_card_visa' },
      });
      expect(added.statusCode).toBe(201);
      const listed = await app.inject({ method: 'GET', url: cardsUrl(patientId), headers: member.headers });
      expect(listed.statusCode).toBe(200);
      const removed = await app.inject({ method: 'DELETE', url: cardsUrl(patientId, added.json().id), headers: member.headers });
      expect(removed.statusCode).toBe(204);
    }
  });

  it('keeps providers away from cards but lets them read the gateway config', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const card = await addCard(app, practice, patientId, 'pm_card_visa');
    const provider = await practice.signInAs('provider');
    for (const request of [
      { method: 'GET' as const, url: cardsUrl(patientId) },
      { method: 'POST' as const, url: cardsUrl(patientId), payload: { gatewayToken: 'pm_card_visa' } },
      { method: 'POST' as const, url: cardsUrl(patientId, 'setup-session') },
      { method: 'DELETE' as const, url: cardsUrl(patientId, card.id) },
      { method: 'POST' as const, url: cardsUrl(patientId, card.id, 'default') },
    ]) {
      expect((await app.inject({ ...request, headers: provider.headers })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/billing/config', headers: provider.headers })).statusCode).toBe(200);
    expect(await listCards(app, practice, patientId)).toEqual([card]);
  });

  it('answers 401 without a session', async () => {
    const response = await app.inject({ method: 'GET', url: cardsUrl('00000000-0000-4000-8000-000000000000') });
    expect(response.statusCode).toBe(401);
  });
});

describe('audit trail', () => {
  it('records who listed, added, made default and removed a patient’s cards', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const frontDesk = await practice.signInAs('front_desk');
    const added = await app.inject({
      method: 'POST',
      url: cardsUrl(patientId),
      headers: frontDesk.headers,
      payload: { gatewayToken: 'pm_card_visa' },
    });
    const card = added.json();
    const second = await addCard(app, practice, patientId, 'pm_card_mastercard');
    await app.inject({ method: 'GET', url: cardsUrl(patientId), headers: frontDesk.headers });
    await app.inject({ method: 'POST', url: cardsUrl(patientId, second.id, 'default'), headers: frontDesk.headers });
    await app.inject({ method: 'DELETE', url: cardsUrl(patientId, card.id), headers: frontDesk.headers });

    const events = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ action: string; actor_id: string; object_id: string; details: Record<string, unknown> }>(
        sql`select action, actor_id, object_id, details from audit_events where action like 'payment_method.%' and actor_id = ${frontDesk.id} order by id`,
      ),
    );
    expect(events.rows.map((event) => [event.action, event.object_id])).toEqual([
      ['payment_method.create', card.id],
      ['payment_method.list', patientId],
      ['payment_method.set_default', second.id],
      ['payment_method.remove', card.id],
    ]);
    expect(events.rows[0]?.details).toMatchObject({ patientId, brand: 'visa', last4: '4242' });
  });
});

describe('the simulated gateway’s store', () => {
  it('is out of reach of the role every request runs as', async () => {
    const practice = await createTestPractice(app);
    await expect(
      inPractice(database, practice.practiceId, (tx) => tx.execute(sql`select count(*) from simulated_gateway.payment_methods`)),
    ).rejects.toThrow();
  });
});
