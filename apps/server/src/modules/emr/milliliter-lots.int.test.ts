import type { InventoryLot, LotPatient, Procedure } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createChartingPractice, createLot, createPatient, patchProcedure, startProcedure } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

async function lotOf(headers: Record<string, string>, lotId: string): Promise<InventoryLot | undefined> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers });
  return response.json<{ items: InventoryLot[] }>().items.find((lot) => lot.id === lotId);
}

describe('lots counted in mL', () => {
  it('are received with up to 2 decimals, while a lot without a unit still counts whole units', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    expect(setup.lot).toMatchObject({ unit: 'units', quantityReceived: 100, quantityOnHand: 100 });
    const filler = await createLot(app, setup, { productName: 'Volbella XC', unit: 'mL', quantity: 0.55 });
    expect(filler).toMatchObject({ unit: 'mL', quantityReceived: 0.55, quantityOnHand: 0.55 });
    expect(await lotOf(headers, filler.id)).toMatchObject({ unit: 'mL', quantityOnHand: 0.55 });
    const body = { productName: 'Juvederm', lotNumber: 'JV-1', expiresOn: '2027-01-31', quantity: 2 };
    for (const [payload, field] of [
      [{ ...body, unit: 'mL', quantity: 1.005 }, 'quantity'],
      [{ ...body, unit: 'units', quantity: 1.5 }, 'quantity'],
      [{ ...body, quantity: 1.5 }, 'quantity'],
      [{ ...body, unit: 'mL', quantity: 0 }, 'quantity'],
      [{ ...body, unit: 'ml' }, 'unit'],
      [{ ...body, unit: 'syringes' }, 'unit'],
    ] as const) {
      const refused = await app.inject({ method: 'POST', url: '/api/v1/inventory/lots', headers, payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json(), JSON.stringify(payload)).toMatchObject({ field });
    }
  });

  it('give decimal mL to an injectable, exactly, and take back what a chart no longer lists', async () => {
    const setup = await createChartingPractice(app);
    const filler = await createLot(app, setup, { productName: 'Juvederm Ultra XC', unit: 'mL', quantity: 2 });
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const first = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: filler.id, milliliters: 0.55, area: 'Lips', point: { x: 0.5, y: 0.62 } },
        { lotId: filler.id, milliliters: 0.1, area: 'Nasolabial fold (right)' },
        { lotId: filler.id, milliliters: 0.2, area: 'Nasolabial fold (left)' },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Procedure>().injectables).toMatchObject([
      { lotId: filler.id, productName: 'Juvederm Ultra XC', units: null, milliliters: 0.55, area: 'Lips', point: { x: 0.5, y: 0.62 } },
      { units: null, milliliters: 0.1 },
      { units: null, milliliters: 0.2 },
    ]);
    // 2 − 0.55 − 0.1 − 0.2, exactly (a float sum would leave 1.1500000000000001).
    expect((await lotOf(headers, filler.id))?.quantityOnHand).toBe(1.15);
    const changed = await patchProcedure(app, headers, procedure.id, {
      injectables: [{ lotId: filler.id, milliliters: 1.3, area: 'Lips' }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await lotOf(headers, filler.id))?.quantityOnHand).toBe(0.7);
    const reread = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(reread.json<Procedure>().injectables).toMatchObject([{ milliliters: 1.3, units: null }]);
  });

  it('mix with units lots in one chart, each entry in its own lot’s unit, through signing', async () => {
    const setup = await createChartingPractice(app, { lotQuantity: 50 });
    const filler = await createLot(app, setup, { productName: 'Restylane Kysse', unit: 'mL', quantity: 1 });
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const charted = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: setup.lot.id, units: 20, area: 'Glabella' },
        { lotId: filler.id, milliliters: 0.75, area: 'Lips' },
        { lotId: setup.lot.id, units: 4, area: 'Lip flip' },
      ],
    });
    expect(charted.statusCode, charted.body).toBe(200);
    expect(charted.json<Procedure>().injectables).toMatchObject([
      { lotId: setup.lot.id, units: 20, milliliters: null },
      { lotId: filler.id, units: null, milliliters: 0.75 },
      { lotId: setup.lot.id, units: 4, milliliters: null },
    ]);
    expect((await lotOf(headers, setup.lot.id))?.quantityOnHand).toBe(26);
    expect((await lotOf(headers, filler.id))?.quantityOnHand).toBe(0.25);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<Procedure>().injectables.map((entry) => entry.milliliters ?? entry.units)).toEqual([20, 0.75, 4]);
  });

  it('refuse the wrong kind of amount, more than 2 decimals, zero, both amounts and more than the lot has, naming the field, and move nothing', async () => {
    const setup = await createChartingPractice(app, { lotQuantity: 10 });
    const filler = await createLot(app, setup, { productName: 'Juvederm Voluma', unit: 'mL', quantity: 1 });
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const before = await patchProcedure(app, headers, procedure.id, { injectables: [{ lotId: setup.lot.id, units: 2, area: 'Glabella' }] });
    expect(before.statusCode, before.body).toBe(200);
    const toxin = { lotId: setup.lot.id, units: 3, area: 'Forehead' };
    for (const [entry, status, expected] of [
      [{ lotId: filler.id, units: 1, area: 'Lips' }, 400, { code: 'amount_not_in_lot_unit', field: 'injectables[1].units' }],
      [{ lotId: setup.lot.id, milliliters: 1, area: 'Lips' }, 400, { code: 'amount_not_in_lot_unit', field: 'injectables[1].milliliters' }],
      [{ lotId: filler.id, milliliters: 0.555, area: 'Lips' }, 400, { field: 'injectables[1].milliliters' }],
      [{ lotId: filler.id, milliliters: 0, area: 'Lips' }, 400, { field: 'injectables[1].milliliters' }],
      [{ lotId: filler.id, milliliters: -0.5, area: 'Lips' }, 400, { field: 'injectables[1].milliliters' }],
      [{ lotId: filler.id, milliliters: '0.5', area: 'Lips' }, 400, { field: 'injectables[1].milliliters' }],
      [{ lotId: filler.id, units: 1, milliliters: 0.5, area: 'Lips' }, 400, { field: 'injectables[1].milliliters' }],
      [{ lotId: filler.id, area: 'Lips' }, 400, { field: 'injectables[1].units' }],
      [
        { lotId: filler.id, milliliters: 1.01, area: 'Lips' },
        409,
        { code: 'lot_out_of_stock', field: 'injectables[1].milliliters', quantityOnHand: 1 },
      ],
      [{ lotId: crypto.randomUUID(), milliliters: 0.5, area: 'Lips' }, 404, { field: 'injectables[1].lotId' }],
    ] as const) {
      const refused = await patchProcedure(app, headers, procedure.id, { injectables: [toxin, entry] });
      expect(refused.statusCode, `${JSON.stringify(entry)} ${refused.body}`).toBe(status);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json(), JSON.stringify(entry)).toMatchObject(expected);
    }
    const short = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: filler.id, milliliters: 0.6, area: 'Lips' },
        { lotId: filler.id, milliliters: 0.41, area: 'Chin' },
      ],
    });
    expect(short.statusCode).toBe(409);
    expect(short.json<{ detail: string }>().detail).toContain('has 1 mL left; this chart needs 1.01 mL more');
    expect((await lotOf(headers, setup.lot.id))?.quantityOnHand).toBe(8);
    expect((await lotOf(headers, filler.id))?.quantityOnHand).toBe(1);
    const chart = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(chart.json<Procedure>().injectables).toMatchObject([{ lotId: setup.lot.id, units: 2, area: 'Glabella' }]);
  });

  it('never go below zero when several charts take mL from one lot at once', async () => {
    const setup = await createChartingPractice(app);
    const filler = await createLot(app, setup, { productName: 'Juvederm Ultra XC', unit: 'mL', quantity: 1 });
    const headers = setup.practice.owner.headers;
    const charts: Procedure[] = [];
    for (const [index, start] of ['15:00', '15:30', '16:00', '16:30', '17:00'].entries()) {
      const patientId = await createPatient(app, setup, { firstName: `Patient${index}`, lastName: 'Racer' });
      charts.push(await startProcedure(app, setup, `2026-03-03T${start}:00Z`, patientId));
    }
    const answers = await Promise.all(
      charts.map((chart) =>
        patchProcedure(app, headers, chart.id, { injectables: [{ lotId: filler.id, milliliters: 0.3, area: 'Lips' }] }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 200, 409, 409]);
    expect((await lotOf(headers, filler.id))?.quantityOnHand).toBe(0.1);
    const charted = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select sum(milliliters)::text as milliliters from procedure_injectables where lot_id = ${filler.id}::uuid`),
    );
    expect(charted.rows[0]).toEqual({ milliliters: '0.90' });
    const stock = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select quantity_on_hand::text as on_hand from inventory_lots where id = ${filler.id}::uuid`),
    );
    expect(stock.rows[0]).toEqual({ on_hand: '0.10' });
  });

  it('list the treated patients with their mL, and export them with the unit', async () => {
    const setup = await createChartingPractice(app);
    const filler = await createLot(app, setup, { productName: 'Juvederm Ultra XC', unit: 'mL', quantity: 5 });
    const headers = setup.practice.owner.headers;
    const ada = await createPatient(app, setup, { firstName: 'Ada', lastName: 'Lovelace' });
    const grace = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const adaChart = await startProcedure(app, setup, '2026-03-03T16:00:00Z', ada);
    await patchProcedure(app, headers, grace.id, {
      injectables: [
        { lotId: filler.id, milliliters: 0.5, area: 'Lips' },
        { lotId: filler.id, milliliters: 0.25, area: 'Chin' },
      ],
    });
    await patchProcedure(app, headers, adaChart.id, { injectables: [{ lotId: filler.id, milliliters: 1.1, area: 'Cheeks' }] });
    const listed = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${filler.id}/patients`, headers });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ lot: InventoryLot; items: LotPatient[] }>()).toMatchObject({
      lot: { id: filler.id, unit: 'mL', quantityOnHand: 3.15 },
      items: [
        { patient: { firstName: 'Grace' }, procedureId: grace.id, amount: 0.75, units: null },
        { patient: { id: ada }, procedureId: adaChart.id, amount: 1.1, units: null },
      ],
    });
    const csv = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${filler.id}/patients.csv`, headers });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('Product,Lot,Expires,Patient,Email,Phone,Procedure,Treated at,Amount,Unit,Provider');
    expect(lines.slice(1).map((line) => line.split(',').slice(8, 10))).toEqual([
      ['0.75', 'mL'],
      ['1.1', 'mL'],
    ]);
  });

  it('are held by the database too: a units lot stays whole, no lot goes below zero, and an injectable has exactly one amount', async () => {
    const setup = await createChartingPractice(app);
    const filler = await createLot(app, setup, { productName: 'Juvederm Ultra XC', unit: 'mL', quantity: 1 });
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const { practiceId } = setup.practice;
    for (const statement of [
      sql`update inventory_lots set quantity_on_hand = 99.5 where practice_id = ${practiceId}::uuid and id = ${setup.lot.id}::uuid`,
      sql`update inventory_lots set quantity_on_hand = -0.01 where practice_id = ${practiceId}::uuid and id = ${filler.id}::uuid`,
      sql`insert into procedure_injectables (practice_id, procedure_id, position, lot_id, units, milliliters, area)
          values (${practiceId}::uuid, ${procedure.id}::uuid, 1, ${filler.id}::uuid, 1, 0.5, 'Lips')`,
      sql`insert into procedure_injectables (practice_id, procedure_id, position, lot_id, units, milliliters, area)
          values (${practiceId}::uuid, ${procedure.id}::uuid, 1, ${filler.id}::uuid, null, null, 'Lips')`,
    ]) {
      await expect(database.db.execute(statement)).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23514' }) });
    }
  });
});
