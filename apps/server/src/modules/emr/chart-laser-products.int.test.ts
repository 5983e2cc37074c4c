import type { InventoryLot, Procedure, ProcedureType } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createClinic, createResource } from '../practice/practice-test-builders.ts';
import { createChartingPractice, createLot, patchProcedure, startProcedure, type ChartingPractice } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown; body: string },
  status: number,
  body: object,
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json()).toMatchObject(body);
}

/** A charting practice whose procedure type asks for notes, laser settings and products used. */
async function createLaserPractice(): Promise<ChartingPractice> {
  const setup = await createChartingPractice(app);
  const type = await app.inject({
    method: 'POST',
    url: '/api/v1/procedure-types',
    headers: setup.practice.owner.headers,
    payload: { name: 'Laser Hair Removal', sections: ['clinical_notes', 'laser_settings', 'products_used'] },
  });
  expect(type.statusCode, type.body).toBe(201);
  return { ...setup, procedureType: type.json<ProcedureType>() };
}

function laserBody(deviceId: string, overrides: Record<string, unknown> = {}) {
  return {
    deviceId,
    skinType: 'III',
    settings: [
      { area: 'Underarms', fluenceJoulesPerCm2: 18, spotSizeMm: 15, pulseWidthMs: 3, passes: 1, cooling: 'cryogen_spray' },
      { area: 'Bikini line', fluenceJoulesPerCm2: 16.5, spotSizeMm: 12, pulseWidthMs: 0.5, passes: 2, cooling: 'contact' },
    ],
    testSpot: { done: true, site: 'Left underarm', reaction: 'Mild perifollicular edema, no blistering', performedOn: '2026-02-24' },
    ...overrides,
  };
}

async function readChart(setup: ChartingPractice, procedureId: string): Promise<Procedure> {
  const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}`, headers: setup.practice.owner.headers });
  expect(read.statusCode, read.body).toBe(200);
  return read.json<Procedure>();
}

async function lotOnHand(setup: ChartingPractice, lotId: string): Promise<number | undefined> {
  const lots = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers: setup.practice.owner.headers });
  return lots.json<{ items: InventoryLot[] }>().items.find((lot) => lot.id === lotId)?.quantityOnHand;
}

describe('the laser / device section', () => {
  it('saves the device, skin type, test spot and a row of settings per area, and reads them back; a new save replaces them', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    expect(procedure.laser).toBeNull();
    const headers = setup.practice.owner.headers;
    const saved = await patchProcedure(app, headers, procedure.id, { laser: laserBody(setup.laser.id) });
    expect(saved.statusCode, saved.body).toBe(200);
    const expected = {
      device: { id: setup.laser.id, name: 'Laser' },
      skinType: 'III',
      settings: [
        { area: 'Underarms', fluenceJoulesPerCm2: 18, spotSizeMm: 15, pulseWidthMs: 3, passes: 1, cooling: 'cryogen_spray' },
        { area: 'Bikini line', fluenceJoulesPerCm2: 16.5, spotSizeMm: 12, pulseWidthMs: 0.5, passes: 2, cooling: 'contact' },
      ],
      testSpot: { done: true, site: 'Left underarm', reaction: 'Mild perifollicular edema, no blistering', performedOn: '2026-02-24' },
    };
    expect(saved.json<Procedure>().laser).toEqual(expected);
    expect((await readChart(setup, procedure.id)).laser).toEqual(expected);

    const replaced = await patchProcedure(app, headers, procedure.id, {
      laser: { deviceId: null, skinType: null, settings: [], testSpot: { done: false } },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((await readChart(setup, procedure.id)).laser).toEqual({
      device: null,
      skinType: null,
      settings: [],
      testSpot: { done: false, site: null, reaction: null, performedOn: null },
    });
  });

  it('refuses settings out of range and a bad skin type, cooling or test spot with a 400 naming the field, and writes nothing', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const row = { area: 'Legs', fluenceJoulesPerCm2: 20, spotSizeMm: 18, pulseWidthMs: 3, passes: 1, cooling: 'air' };
    const cases: [Record<string, unknown>, string][] = [
      [{ settings: [row, { ...row, fluenceJoulesPerCm2: 0.05 }] }, 'laser.settings[1].fluenceJoulesPerCm2'],
      [{ settings: [{ ...row, fluenceJoulesPerCm2: 1000.5 }] }, 'laser.settings[0].fluenceJoulesPerCm2'],
      [{ settings: [{ ...row, spotSizeMm: 101 }] }, 'laser.settings[0].spotSizeMm'],
      [{ settings: [{ ...row, pulseWidthMs: 0.0005 }] }, 'laser.settings[0].pulseWidthMs'],
      [{ settings: [{ ...row, passes: 21 }] }, 'laser.settings[0].passes'],
      [{ settings: [{ ...row, passes: 1.5 }] }, 'laser.settings[0].passes'],
      [{ settings: [{ ...row, cooling: 'ice' }] }, 'laser.settings[0].cooling'],
      [{ settings: [{ ...row, area: ' ' }] }, 'laser.settings[0].area'],
      [{ settings: [{ ...row, fluenceJoulesPerCm2: '20' }] }, 'laser.settings[0].fluenceJoulesPerCm2'],
      [{ skinType: 'VII' }, 'laser.skinType'],
      [{ testSpot: { done: true, site: '', performedOn: '2026-02-24' } }, 'laser.testSpot.site'],
      [{ testSpot: { done: false, site: 'Cheek' } }, 'laser.testSpot.site'],
      [{ testSpot: { done: true, site: 'Cheek', performedOn: '24/02/2026' } }, 'laser.testSpot.performedOn'],
    ];
    for (const [change, field] of cases) {
      expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(setup.laser.id, change) }), 400, { field });
    }
    const chart = await readChart(setup, procedure.id);
    expect(chart).toMatchObject({ laser: null, version: 1 });
  });

  it('takes only equipment of the booking’s clinic as the device: a room, another clinic’s device or another practice’s are refused', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const room = await createResource(app, setup.practice, setup.clinic.id, { name: 'Room 7', kind: 'room' });
    const otherClinic = await createClinic(app, setup.practice, { name: 'Uptown' });
    const elsewhere = await createResource(app, setup.practice, otherClinic.id, { name: 'Uptown laser', kind: 'equipment' });
    const outsider = await createLaserPractice();
    expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(room.id) }), 400, {
      code: 'not_a_device',
      field: 'laser.deviceId',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(elsewhere.id) }), 400, {
      code: 'device_at_another_clinic',
      field: 'laser.deviceId',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(outsider.laser.id) }), 404, {
      field: 'laser.deviceId',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(crypto.randomUUID()) }), 404, {
      field: 'laser.deviceId',
    });
    expect(await readChart(setup, procedure.id)).toMatchObject({ laser: null, version: 1 });
  });

  it('is refused on a chart whose procedure type has no laser or products section, naming the field', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(setup.laser.id) }), 400, {
      code: 'section_not_in_type',
      field: 'laser',
    });
    expectProblem(
      await patchProcedure(app, headers, procedure.id, { productsUsed: [{ productName: 'Numbing cream', quantity: 2, unit: 'g' }] }),
      400,
      { code: 'section_not_in_type', field: 'productsUsed' },
    );
    expect(await readChart(setup, procedure.id)).toMatchObject({ laser: null, productsUsed: [], version: 1 });
  });
});

describe('products used', () => {
  it('records products with and without a lot; a lot gives its units, re-saving nets them, and removing gives them back', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const cream = await createLot(app, setup, { productName: 'BLT numbing cream 30 g', quantity: 10 });
    const saved = await patchProcedure(app, headers, procedure.id, {
      productsUsed: [
        { productName: 'BLT numbing cream 30 g', quantity: 2, unit: 'tube', lotId: cream.id },
        { productName: 'Aloe post-care gel', quantity: 7.5, unit: 'mL' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Procedure>().productsUsed).toEqual([
      {
        productName: 'BLT numbing cream 30 g',
        quantity: 2,
        unit: 'tube',
        lot: { id: cream.id, lotNumber: cream.lotNumber, expiresOn: '2027-06-30' },
      },
      { productName: 'Aloe post-care gel', quantity: 7.5, unit: 'mL', lot: null },
    ]);
    expect(await lotOnHand(setup, cream.id)).toBe(8);
    const more = await patchProcedure(app, headers, procedure.id, {
      productsUsed: [{ productName: 'BLT numbing cream 30 g', quantity: 3, unit: 'tube', lotId: cream.id }],
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(await lotOnHand(setup, cream.id)).toBe(7);
    expect((await patchProcedure(app, headers, procedure.id, { productsUsed: [] })).statusCode).toBe(200);
    expect(await lotOnHand(setup, cream.id)).toBe(10);
    expect((await readChart(setup, procedure.id)).productsUsed).toEqual([]);
  });

  it('refuses an expired lot, a lot short of units, part units from a lot and a missing name, naming the entry, and moves no stock', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const cream = await createLot(app, setup, { productName: 'Numbing cream', quantity: 3 });
    const expired = await createLot(app, setup, { productName: 'Numbing cream', expiresOn: '2026-03-02', quantity: 5 });
    const gel = { productName: 'Aloe gel', quantity: 1, unit: 'pump', lotId: null };
    expectProblem(
      await patchProcedure(app, headers, procedure.id, {
        productsUsed: [gel, { productName: 'Numbing cream', quantity: 1, unit: 'tube', lotId: expired.id }],
      }),
      400,
      { code: 'lot_expired', field: 'productsUsed[1].lotId' },
    );
    expectProblem(
      await patchProcedure(app, headers, procedure.id, {
        productsUsed: [{ productName: 'Numbing cream', quantity: 4, unit: 'tube', lotId: cream.id }],
      }),
      409,
      { code: 'lot_out_of_stock', field: 'productsUsed[0].lotId' },
    );
    expectProblem(
      await patchProcedure(app, headers, procedure.id, {
        productsUsed: [{ productName: 'Numbing cream', quantity: 1.5, unit: 'tube', lotId: cream.id }],
      }),
      400,
      { code: 'amount_not_in_lot_unit', field: 'productsUsed[0].quantity' },
    );
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...gel, productName: '' }] }), 400, {
      field: 'productsUsed[0].productName',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...gel, quantity: 0 }] }), 400, {
      field: 'productsUsed[0].quantity',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...gel, unit: ' ' }] }), 400, {
      field: 'productsUsed[0].unit',
    });
    expectProblem(
      await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...gel, lotId: crypto.randomUUID(), quantity: 1 }] }),
      404,
      { field: 'productsUsed[0].lotId' },
    );
    expect(await lotOnHand(setup, cream.id)).toBe(3);
    expect(await lotOnHand(setup, expired.id)).toBe(5);
    expect(await readChart(setup, procedure.id)).toMatchObject({ productsUsed: [], version: 1 });
  });

  it('takes mL to 0.01 mL from an mL lot exactly, nets a re-save in hundredths, and a recall finds the patient with the mL', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const serum = await createLot(app, setup, { productName: 'Hyaluronic serum', quantity: 1.5, unit: 'mL' });
    const saved = await patchProcedure(app, headers, procedure.id, {
      productsUsed: [
        { productName: 'Hyaluronic serum', quantity: 0.1, unit: 'mL', lotId: serum.id },
        { productName: 'Hyaluronic serum', quantity: 0.2, unit: 'mL', lotId: serum.id },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Procedure>().productsUsed.map((product) => [product.quantity, product.unit])).toEqual([
      [0.1, 'mL'],
      [0.2, 'mL'],
    ]);
    expect(await lotOnHand(setup, serum.id)).toBe(1.2);
    const resaved = await patchProcedure(app, headers, procedure.id, {
      productsUsed: [{ productName: 'Hyaluronic serum', quantity: 1.45, unit: 'mL', lotId: serum.id }],
    });
    expect(resaved.statusCode, resaved.body).toBe(200);
    expect(await lotOnHand(setup, serum.id)).toBe(0.05);
    expect((await readChart(setup, procedure.id)).productsUsed).toMatchObject([{ quantity: 1.45, unit: 'mL', lot: { id: serum.id } }]);
    const patients = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${serum.id}/patients`, headers });
    expect(patients.statusCode, patients.body).toBe(200);
    expect(patients.json<{ items: { procedureId: string; amount: number; units: number | null }[] }>().items).toEqual([
      expect.objectContaining({ procedureId: procedure.id, amount: 1.45, units: null }),
    ]);
  });

  it('refuses more than 2 decimals, zero, more mL than the lot has left and a unit other than mL from an mL lot, naming the field, and moves no stock', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const serum = await createLot(app, setup, { productName: 'Hyaluronic serum', quantity: 1, unit: 'mL' });
    const entry = { productName: 'Hyaluronic serum', quantity: 0.5, unit: 'mL', lotId: serum.id };
    const gel = { productName: 'Aloe gel', quantity: 1, unit: 'pump', lotId: null };
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [gel, { ...entry, quantity: 0.555 }] }), 400, {
      field: 'productsUsed[1].quantity',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...entry, quantity: 0 }] }), 400, {
      field: 'productsUsed[0].quantity',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...gel, quantity: 1.005 }] }), 400, {
      field: 'productsUsed[0].quantity',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [gel, { ...entry, quantity: 1.01 }] }), 409, {
      code: 'lot_out_of_stock',
      field: 'productsUsed[1].quantity',
      quantityOnHand: 1,
      unit: 'mL',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [{ ...entry, unit: 'syringe' }] }), 400, {
      code: 'amount_not_in_lot_unit',
      field: 'productsUsed[0].unit',
    });
    expect(await lotOnHand(setup, serum.id)).toBe(1);
    expect(await readChart(setup, procedure.id)).toMatchObject({ productsUsed: [], version: 1 });
  });

  it('takes a lot used as injectable and as product once, netted: the lot must hold both, and a recall finds the patient with the sum', async () => {
    const setup = await createChartingPractice(app, { lotQuantity: 10 });
    const type = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers: setup.practice.owner.headers,
      payload: { name: 'Toxin with numbing', sections: ['injectables', 'products_used'] },
    });
    const charting = { ...setup, procedureType: type.json<ProcedureType>() };
    const procedure = await startProcedure(app, charting, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const injectables = [{ lotId: setup.lot.id, units: 6, area: 'Glabella' }];
    const short = await patchProcedure(app, headers, procedure.id, {
      injectables,
      productsUsed: [{ productName: 'Botox', quantity: 5, unit: 'units', lotId: setup.lot.id }],
    });
    expectProblem(short, 409, { code: 'lot_out_of_stock', field: 'injectables[0].lotId' });
    expect(await lotOnHand(setup, setup.lot.id)).toBe(10);
    const saved = await patchProcedure(app, headers, procedure.id, {
      injectables,
      productsUsed: [{ productName: 'Botox', quantity: 4, unit: 'units', lotId: setup.lot.id }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await lotOnHand(setup, setup.lot.id)).toBe(0);
    const patients = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${setup.lot.id}/patients`, headers });
    expect(patients.json<{ items: { procedureId: string; units: number }[] }>().items).toEqual([
      expect.objectContaining({ procedureId: procedure.id, units: 10 }),
    ]);
  });
});

describe('signing locks the new sections', () => {
  it('answers 409 to a save after signing and refuses direct SQL changes to the laser and product rows, for the app role and the owner', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const cream = await createLot(app, setup, { productName: 'Numbing cream', quantity: 10 });
    const saved = await patchProcedure(app, headers, procedure.id, {
      laser: laserBody(setup.laser.id),
      productsUsed: [{ productName: 'Numbing cream', quantity: 1, unit: 'tube', lotId: cream.id }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expectProblem(await patchProcedure(app, headers, procedure.id, { laser: laserBody(setup.laser.id, { skinType: 'IV' }) }), 409, {
      code: 'chart_signed',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { productsUsed: [] }), 409, { code: 'chart_signed' });
    const { practiceId } = setup.practice;
    // The application role may not UPDATE these rows at all (42501); the trigger refuses
    // everything else, for the owner too (55000).
    const attempts: [ReturnType<typeof sql>, string][] = [
      [sql`update procedure_laser_settings set skin_type = 'VI' where procedure_id = ${procedure.id}::uuid`, '42501'],
      [sql`delete from procedure_laser_settings where procedure_id = ${procedure.id}::uuid`, '55000'],
      [sql`delete from procedure_laser_setting_rows where procedure_id = ${procedure.id}::uuid`, '55000'],
      [sql`update procedure_laser_setting_rows set fluence_j_per_cm2 = 40 where procedure_id = ${procedure.id}::uuid`, '42501'],
      [
        sql`insert into procedure_laser_setting_rows (practice_id, procedure_id, position, area, fluence_j_per_cm2, spot_size_mm, pulse_width_ms, passes, cooling)
          values (${practiceId}::uuid, ${procedure.id}::uuid, 3, 'Legs', 20, 18, 3, 1, 'air')`,
        '55000',
      ],
      [sql`update procedure_products_used set quantity = 2 where procedure_id = ${procedure.id}::uuid`, '42501'],
      [sql`delete from procedure_products_used where procedure_id = ${procedure.id}::uuid`, '55000'],
      [
        sql`insert into procedure_products_used (practice_id, procedure_id, position, product_name, quantity, unit)
          values (${practiceId}::uuid, ${procedure.id}::uuid, 2, 'Serum', 1, 'mL')`,
        '55000',
      ],
    ];
    for (const [statement, applicationRoleCode] of attempts) {
      await expect(inPractice(database, practiceId, (tx) => tx.execute(statement))).rejects.toMatchObject({
        cause: expect.objectContaining({ code: applicationRoleCode }),
      });
      await expect(database.db.execute(statement)).rejects.toMatchObject({ cause: expect.objectContaining({ code: '55000' }) });
    }
    const chart = await readChart(setup, procedure.id);
    expect(chart.laser).toMatchObject({ skinType: 'III', settings: [{ fluenceJoulesPerCm2: 18 }, { area: 'Bikini line' }] });
    expect(chart.productsUsed).toMatchObject([{ productName: 'Numbing cream', quantity: 1 }]);
    expect(await lotOnHand(setup, cream.id)).toBe(9);
  });
});

describe('who reaches the new sections', () => {
  it('keeps laser settings and products from front desk, and audits their saves', async () => {
    const setup = await createLaserPractice();
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const provider = await setup.practice.signInAs('provider');
    expect((await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers: frontDesk.headers })).statusCode).toBe(
      403,
    );
    expect((await patchProcedure(app, frontDesk.headers, procedure.id, { laser: laserBody(setup.laser.id) })).statusCode).toBe(403);
    expect(
      (await patchProcedure(app, frontDesk.headers, procedure.id, { productsUsed: [{ productName: 'Gel', quantity: 1, unit: 'pump' }] }))
        .statusCode,
    ).toBe(403);
    // A provider reads only the charts of their own clients by default.
    expectProblem(await patchProcedure(app, provider.headers, procedure.id, { laser: laserBody(setup.laser.id) }), 403, {
      code: 'not_your_client',
    });
    expect(await readChart(setup, procedure.id)).toMatchObject({ laser: null, productsUsed: [], version: 1 });

    const saved = await patchProcedure(app, setup.practice.owner.headers, procedure.id, { laser: laserBody(setup.laser.id) });
    expect(saved.statusCode, saved.body).toBe(200);
    const audits = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select details from audit_events where action = 'procedure.update' and object_id = ${procedure.id}`),
    );
    expect(audits.rows).toEqual([{ details: expect.objectContaining({ laser: true, productsUsed: null }) }]);
  });
});
