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
    'has procedure types (IPL requiring its consent), lots (one expired, the filler in mL), signed toxin, filler and laser charts a recall would find, and a board for today',
    { timeout: 120_000 },
    async () => {
      expect((await seedDemo(app)).seeded).toBe(true);
      const headers = { cookie: await signIn(app, demoOwner.email, DEMO_PASSWORD) };
      const types = (await app.inject({ method: 'GET', url: '/api/v1/procedure-types', headers })).json<{ items: { name: string }[] }>();
      expect(types.items.map((type) => type.name)).toEqual([
        'Dermal Filler',
        'IPL Photofacial',
        'Laser Hair Removal',
        'Neurotoxin',
        'Skin Treatment',
      ]);
      const lots = (await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers })).json<{ items: InventoryLot[] }>().items;
      expect(lots).toHaveLength(5);
      const botox = lots.find((lot) => lot.lotNumber === 'C6512C3');
      expect(botox?.quantityOnHand).toBeLessThan(botox?.quantityReceived ?? 0);
      const treated = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${botox?.id ?? ''}/patients`, headers });
      const items = treated.json<{ items: { procedureId: string }[] }>().items;
      expect(items.length).toBeGreaterThan(0);
      const chart = (
        await app.inject({ method: 'GET', url: `/api/v1/procedures/${items[0]?.procedureId ?? ''}`, headers })
      ).json<Procedure>();
      expect(chart.signedAt).not.toBeNull();
      expect(chart.cosignature.required).toBe(true);

      const review = (await app.inject({ method: 'GET', url: '/api/v1/emr/md-review', headers })).json<{ items: unknown[] }>().items;
      expect(review.length).toBeGreaterThan(0);
      expect(review.length).toBeLessThanOrEqual(3);
      const treatedByAnyLot = (
        await Promise.all(
          lots.map(
            async (lot) =>
              (await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${lot.id}/patients`, headers })).json<{
                items: { patient: { id: string } }[];
              }>().items,
          ),
        )
      ).flat();
      const prescribed = await Promise.all(
        [...new Set(treatedByAnyLot.map((item) => item.patient.id))].map(
          async (patientId) =>
            (await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/prescriptions`, headers })).json<{
              items: { drug: string }[];
            }>().items,
        ),
      );
      expect(new Set(prescribed.flat().map((prescription) => prescription.drug))).toEqual(new Set(['Tretinoin cream', 'Valacyclovir']));
      expect(chart.injectables[0]?.lotNumber).toBe('C6512C3');

      const juvederm = lots.find((lot) => lot.lotNumber === 'JUV-20931');
      expect(juvederm).toMatchObject({ unit: 'mL', quantityReceived: 24 });
      const filled = (await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${juvederm?.id ?? ''}/patients`, headers })).json<{
        items: { procedureId: string; amount: number }[];
      }>().items;
      expect(filled).toHaveLength(1);
      expect(filled[0]?.amount).toBe(1);
      expect(juvederm?.quantityOnHand).toBe(23);
      const fillerChart = (
        await app.inject({ method: 'GET', url: `/api/v1/procedures/${filled[0]?.procedureId ?? ''}`, headers })
      ).json<Procedure>();
      expect(fillerChart.procedureType.name).toBe('Dermal Filler');
      expect(fillerChart.injectables.map((entry) => entry.milliliters)).toEqual([0.55, 0.3, 0.15]);

      const cream = lots.find((lot) => lot.lotNumber === 'BLT-4410');
      const creamed = await app.inject({ method: 'GET', url: `/api/v1/inventory/lots/${cream?.id ?? ''}/patients`, headers });
      const laserCharts = await Promise.all(
        creamed
          .json<{ items: { procedureId: string }[] }>()
          .items.map(async (item) =>
            (await app.inject({ method: 'GET', url: `/api/v1/procedures/${item.procedureId}`, headers })).json<Procedure>(),
          ),
      );
      expect(laserCharts.map((laserChart) => laserChart.procedureType.name).sort()).toEqual(['IPL Photofacial', 'Laser Hair Removal']);
      for (const laserChart of laserCharts) {
        expect(laserChart.signedAt).not.toBeNull();
        expect(laserChart.laser?.device?.name).toMatch(/GentleMax|M22/);
        expect(laserChart.laser?.settings.length).toBe(2);
        expect(laserChart.productsUsed[0]).toMatchObject({ quantity: 1, lot: { lotNumber: 'BLT-4410' } });
      }
      // IPL Photofacial requires the IPL consent; its patient signed it, so the chart could be signed.
      const iplChart = laserCharts.find((laserChart) => laserChart.procedureType.name === 'IPL Photofacial');
      expect(iplChart?.procedureType.sections).toContain('consents');
      expect(iplChart?.requiredConsents).toEqual([
        { templateId: expect.any(String), name: 'IPL photofacial consent', signedAt: expect.any(String) },
      ]);

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
