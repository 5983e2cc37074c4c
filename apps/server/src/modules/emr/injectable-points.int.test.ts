import type { Procedure } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createChartingPractice, patchProcedure, startProcedure } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

describe('face diagram points on injectables', () => {
  it('stores each entry’s point and returns it, with null for entries charted without the diagram', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const saved = await patchProcedure(app, headers, procedure.id, {
      injectables: [
        { lotId: setup.lot.id, units: 20, area: 'Glabella', point: { x: 0.5, y: 0.31 } },
        { lotId: setup.lot.id, units: 4, area: 'Crow’s feet (left)', point: { x: 0, y: 1 } },
        { lotId: setup.lot.id, units: 2, area: 'Chin' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const expected = [
      { units: 20, area: 'Glabella', point: { x: 0.5, y: 0.31 } },
      { units: 4, area: 'Crow’s feet (left)', point: { x: 0, y: 1 } },
      { units: 2, area: 'Chin', point: null },
    ];
    expect(saved.json<Procedure>().injectables).toMatchObject(expected);
    const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(read.json<Procedure>().injectables).toMatchObject(expected);
    const lots = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers });
    expect(lots.json<{ items: { quantityOnHand: number }[] }>().items[0]?.quantityOnHand).toBe(74);
  });

  it('keeps the points through signing: the signed chart returns them', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    await patchProcedure(app, headers, procedure.id, {
      injectables: [{ lotId: setup.lot.id, units: 6, area: 'Forehead', point: { x: 0.42, y: 0.2 } }],
    });
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<Procedure>().injectables).toMatchObject([{ area: 'Forehead', point: { x: 0.42, y: 0.2 } }]);
  });

  it('refuses coordinates outside 0 to 1, a point missing a coordinate and extra keys, naming the field, and writes nothing', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const entry = { lotId: setup.lot.id, units: 2, area: 'Lips' };
    const cases: [unknown, string][] = [
      [{ x: 1.2, y: 0.5 }, 'injectables[1].point.x'],
      [{ x: 0.5, y: -0.01 }, 'injectables[1].point.y'],
      [{ x: 0.5 }, 'injectables[1].point.y'],
      [{ x: 0.5, y: 0.5, z: 1 }, 'injectables[1].point.z'],
      [{ x: '0.5', y: 0.5 }, 'injectables[1].point.x'],
    ];
    for (const [point, field] of cases) {
      const response = await patchProcedure(app, headers, procedure.id, { injectables: [entry, { ...entry, point }] });
      expect(response.statusCode, response.body).toBe(400);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ field });
    }
    const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(read.json<Procedure>()).toMatchObject({ injectables: [], version: 1 });
    const lots = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers });
    expect(lots.json<{ items: { quantityOnHand: number }[] }>().items[0]?.quantityOnHand).toBe(100);
  });

  it('is held to the diagram by the database too: a point outside it or with one coordinate is refused', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const { practiceId } = setup.practice;
    for (const [x, y] of [
      [1.5, 0.5],
      [0.5, null],
    ] as const) {
      await expect(
        database.db
          .execute(sql`insert into procedure_injectables (practice_id, procedure_id, position, lot_id, units, area, point_x, point_y)
          values (${practiceId}::uuid, ${procedure.id}::uuid, 1, ${setup.lot.id}::uuid, 5, 'Chin', ${x}, ${y})`),
      ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23514' }) });
    }
  });
});
