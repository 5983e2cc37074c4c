import type { InventoryLot, LotRecall, Procedure } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createChartingPractice, createLot, createPatient, patchProcedure, startProcedure } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

async function lotOnHand(headers: Record<string, string>, lotId: string): Promise<number | undefined> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers });
  return response.json<{ items: InventoryLot[] }>().items.find((lot) => lot.id === lotId)?.quantityOnHand;
}

describe('inventory lots', () => {
  it('are received by managers, listed for providers, unique per product and lot number, and refuse bad input by field', async () => {
    const setup = await createChartingPractice(app);
    const provider = await setup.practice.signInAs('provider');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const headers = setup.practice.owner.headers;
    const body = { productName: 'Juvederm', lotNumber: 'JV-100', expiresOn: '2027-01-31', quantity: 20 };
    const created = await app.inject({ method: 'POST', url: '/api/v1/inventory/lots', headers, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      productName: 'Juvederm',
      lotNumber: 'JV-100',
      expiresOn: '2027-01-31',
      quantityReceived: 20,
      quantityOnHand: 20,
      recalls: [],
    });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/inventory/lots',
      headers,
      payload: { ...body, lotNumber: 'jv-100' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'duplicate_lot', field: 'lotNumber' });
    for (const [payload, field] of [
      [{ ...body, lotNumber: 'X1', quantity: 0 }, 'quantity'],
      [{ ...body, lotNumber: 'X2', expiresOn: '2027-02-30' }, 'expiresOn'],
      [{ ...body, lotNumber: '' }, 'lotNumber'],
    ] as const) {
      const refused = await app.inject({ method: 'POST', url: '/api/v1/inventory/lots', headers, payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ field });
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/inventory/lots', headers: provider.headers, payload: body })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers: provider.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers: frontDesk.headers })).statusCode).toBe(403);
  });

  it('give charted units from their stock, and take back what a chart no longer lists', async () => {
    const setup = await createChartingPractice(app, { lotQuantity: 50 });
    const second = await createLot(app, setup, { productName: 'Dysport', quantity: 30 });
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const first = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: setup.lot.id, units: 20, area: 'Glabella' },
        { lotId: setup.lot.id, units: 10, area: 'Forehead' },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Procedure>().injectables).toMatchObject([
      { lotId: setup.lot.id, lotNumber: setup.lot.lotNumber, productName: 'Botox', expiresOn: '2027-06-30', units: 20, area: 'Glabella' },
      { units: 10, area: 'Forehead' },
    ]);
    expect(await lotOnHand(headers, setup.lot.id)).toBe(20);
    const changed = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: setup.lot.id, units: 12, area: 'Glabella' },
        { lotId: second.id, units: 8, area: "Crow's feet" },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await lotOnHand(headers, setup.lot.id)).toBe(38);
    expect(await lotOnHand(headers, second.id)).toBe(22);
  });

  it('refuse an expired lot (400) and a lot short of units (409), naming the entry, and move no stock', async () => {
    const setup = await createChartingPractice(app, { lotQuantity: 5 });
    // Expired yesterday in New York.
    const expired = await createLot(app, setup, { expiresOn: '2026-03-02', quantity: 100 });
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const old = await patchProcedure(app, headers, procedure.id, { injectables: [{ lotId: expired.id, units: 1, area: 'Chin' }] });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ code: 'lot_expired', field: 'injectables[0].lotId' });
    const short = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: setup.lot.id, units: 3, area: 'Chin' },
        { lotId: setup.lot.id, units: 3, area: 'Lip' },
      ],
    });
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({ code: 'lot_out_of_stock', field: 'injectables[0].lotId', quantityOnHand: 5 });
    expect(await lotOnHand(headers, setup.lot.id)).toBe(5);
    expect(await lotOnHand(headers, expired.id)).toBe(100);
  });

  it('never go below zero when several charts take from one lot at once', async () => {
    const setup = await createChartingPractice(app, { lotQuantity: 10 });
    const headers = setup.practice.owner.headers;
    const charts: Procedure[] = [];
    for (const [index, start] of ['15:00', '15:30', '16:00', '16:30', '17:00'].entries()) {
      const patientId = await createPatient(app, setup, { firstName: `Patient${index}`, lastName: 'Racer' });
      charts.push(await startProcedure(app, setup, `2026-03-03T${start}:00Z`, patientId));
    }
    const answers = await Promise.all(
      charts.map((chart) => patchProcedure(app, headers, chart.id, { injectables: [{ lotId: setup.lot.id, units: 3, area: 'Glabella' }] })),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 409, 409]);
    expect(await lotOnHand(headers, setup.lot.id)).toBe(1);
    const charted = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select coalesce(sum(units), 0)::int as units from procedure_injectables where lot_id = ${setup.lot.id}::uuid`),
    );
    expect(charted.rows[0]).toEqual({ units: 9 });
  });
});

describe('recalling a lot', () => {
  it('finds exactly the patients treated with the lot, exports them, messages them through the outbox and records the recall', async () => {
    const setup = await createChartingPractice(app);
    const otherLot = await createLot(app, setup, { productName: 'Botox' });
    const headers = setup.practice.owner.headers;
    const ada = await createPatient(app, setup, { firstName: 'Ada', lastName: 'Lovelace', phone: '+12125550142' });
    const alan = await createPatient(app, setup, { firstName: 'Alan', lastName: 'Turing' });
    const grace = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const adaChart = await startProcedure(app, setup, '2026-03-03T16:00:00Z', ada);
    const alanChart = await startProcedure(app, setup, '2026-03-03T17:00:00Z', alan);
    await patchProcedure(app, headers, grace.id, { injectables: [{ lotId: setup.lot.id, units: 20, area: 'Glabella' }] });
    await patchProcedure(app, headers, adaChart.id, {
      injectables: [
        { lotId: setup.lot.id, units: 4, area: 'Chin' },
        { lotId: setup.lot.id, units: 6, area: 'Lip' },
      ],
    });
    await patchProcedure(app, headers, alanChart.id, { injectables: [{ lotId: otherLot.id, units: 10, area: 'Forehead' }] });
    // A chart that no longer lists the lot is not a treatment with it.
    const removed = await startProcedure(app, setup, '2026-03-03T18:00:00Z', alan);
    await patchProcedure(app, headers, removed.id, { injectables: [{ lotId: setup.lot.id, units: 2, area: 'Chin' }] });
    await patchProcedure(app, headers, removed.id, { injectables: [] });

    const listed = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${setup.lot.id}/patients`, headers });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ items: unknown[] }>().items).toMatchObject([
      {
        patient: { id: setup.patientId },
        procedureId: grace.id,
        procedureTypeName: 'Neurotoxin',
        units: 20,
        treatedAt: '2026-03-03T15:00:00.000Z',
      },
      { patient: { id: ada, firstName: 'Ada' }, procedureId: adaChart.id, units: 10, provider: { id: setup.providerA.id } },
    ]);
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(2);

    const csv = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${setup.lot.id}/patients.csv`, headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('Product,Lot,Expires,Patient,Email,Phone,Procedure,Treated at,Amount,Unit,Provider');
    expect(lines[1]?.split(',').slice(8, 10)).toEqual(['20', 'units']);
    expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual(['Grace Hopper', 'Ada Lovelace']);

    const frontDesk = await setup.practice.signInAs('front_desk');
    const provider = await setup.practice.signInAs('provider');
    const url = `/api/v1/inventory/lots/${setup.lot.id}/recall`;
    for (const member of [frontDesk, provider]) {
      expect((await app.inject({ method: 'POST', url, headers: member.headers, payload: { message: 'x' } })).statusCode).toBe(403);
    }
    const blank = await app.inject({ method: 'POST', url, headers, payload: { message: '' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ field: 'message' });

    const message = 'The manufacturer recalled a lot used in your treatment. Please call us.';
    const recalled = await app.inject({ method: 'POST', url, headers, payload: { message } });
    expect(recalled.statusCode, recalled.body).toBe(201);
    expect(recalled.json<LotRecall>()).toMatchObject({ lotId: setup.lot.id, patientCount: 2, messagesQueued: 2, unreachable: [] });
    const messages = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select patient_id, channel, to_address, text_body from messages order by channel`),
    );
    expect(messages.rows).toEqual([
      { patient_id: setup.patientId, channel: 'email', to_address: 'grace@example.com', text_body: message },
      { patient_id: ada, channel: 'sms', to_address: '+12125550142', text_body: message },
    ]);
    const lots = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers });
    expect(lots.json<{ items: InventoryLot[] }>().items.find((lot) => lot.id === setup.lot.id)?.recalls).toMatchObject([
      { id: recalled.json<LotRecall>().id, patientCount: 2 },
    ]);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/inventory/lots/${crypto.randomUUID()}/recall`, headers, payload: { message } }))
        .statusCode,
    ).toBe(404);
  });
});
