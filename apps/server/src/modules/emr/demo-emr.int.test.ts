import type { EmrBoard, InventoryLot, Procedure } from '@glowdesk/contracts';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoOwner } from '../../demo/demo-staff.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createTestApp, signIn } from '../../testing/test-app.ts';

// The demo loads only into an empty installation: a fresh PGlite, on the real clock.
describe.skipIf(process.env.DATABASE_URL !== undefined)('the demo practice’s EMR', async () => {
  const { app } = await createTestApp();

  it(
    'has procedure types, lots (one expired), signed toxin charts a recall would find, and a board for today',
    { timeout: 120_000 },
    async () => {
      expect((await seedDemo(app)).seeded).toBe(true);
      const headers = { cookie: await signIn(app, demoOwner.email, DEMO_PASSWORD) };
      const types = (await app.inject({ method: 'GET', url: '/api/v1/procedure-types', headers })).json<{ items: { name: string }[] }>();
      expect(types.items.map((type) => type.name)).toEqual(['Dermal Filler', 'Neurotoxin', 'Skin Treatment']);
      const lots = (await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers })).json<{ items: InventoryLot[] }>().items;
      expect(lots).toHaveLength(4);
      const botox = lots.find((lot) => lot.lotNumber === 'C6512C3');
      expect(botox?.quantityOnHand).toBeLessThan(botox?.quantityReceived ?? 0);
      const treated = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${botox?.id ?? ''}/patients`, headers });
      const items = treated.json<{ items: { procedureId: string }[] }>().items;
      expect(items.length).toBeGreaterThan(0);
      const chart = (
        await app.inject({ method: 'GET', url: `/api/v1/procedures/${items[0]?.procedureId ?? ''}`, headers })
      ).json<Procedure>();
      expect(chart.signedAt).not.toBeNull();
      expect(chart.injectables[0]?.lotNumber).toBe('C6512C3');

      const clinics = (await app.inject({ method: 'GET', url: '/api/v1/clinics', headers })).json<{
        items: { id: string; timezone: string }[];
      }>().items;
      const clinic = clinics[0];
      const date = Temporal.Now.plainDateISO(clinic?.timezone ?? 'UTC').toString();
      const board = await app.inject({ method: 'GET', url: `/api/v1/emr/board?clinicId=${clinic?.id ?? ''}&date=${date}`, headers });
      expect(board.statusCode, board.body).toBe(200);
      expect(board.json<EmrBoard>().columns).toHaveLength(5);
    },
  );
});
