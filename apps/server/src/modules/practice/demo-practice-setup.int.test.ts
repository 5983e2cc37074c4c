import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/demo-staff.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createManualClock, createTestApp, signIn } from '../../testing/test-app.ts';

// The demo loads only into an empty installation with fixed sign-in emails: a fresh PGlite.
describe.skipIf(process.env.DATABASE_URL !== undefined)('demo practice setup', async () => {
  const clock = createManualClock('2026-03-02T12:00:00Z');
  const { app } = await createTestApp({ clock });

  it('loads two clinics, their equipment, the service menu, packages and six scheduled providers', async () => {
    expect((await seedDemo(app)).seeded).toBe(true);
    const cookie = await signIn(app, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json();
    };
    const clinics = (await get('/api/v1/clinics')).items as { id: string; name: string; timezone: string }[];
    expect(clinics.map((clinic) => [clinic.name, clinic.timezone]).sort()).toEqual([
      ['Lumière Aesthetics — Santa Monica', 'America/Los_Angeles'],
      ['Lumière Aesthetics — SoHo', 'America/New_York'],
    ]);
    const soho = clinics.find((clinic) => clinic.timezone === 'America/New_York')?.id ?? '';
    const santaMonica = clinics.find((clinic) => clinic.timezone === 'America/Los_Angeles')?.id ?? '';
    expect((await get(`/api/v1/resources?clinicId=${soho}`)).items).toHaveLength(5);
    const services = (await get('/api/v1/services')).items as { id: string; name: string }[];
    expect(services).toHaveLength(15);
    expect((await get('/api/v1/service-packages')).items).toHaveLength(2);
    const providers = (await get('/api/v1/providers')).items as { id: string; displayName: string; clinicIds: string[] }[];
    expect(providers).toHaveLength(6);
    expect(
      providers
        .filter((provider) => provider.clinicIds.length === 2)
        .map((provider) => provider.displayName)
        .sort(),
    ).toEqual(['Daniel Kowalski', 'Sofia Ramirez']);

    // Sofia works in New York on Monday 2 March and in Santa Monica on Tuesday 3 March.
    const sofia = providers.find((provider) => provider.displayName === 'Sofia Ramirez')?.id ?? '';
    const week = await get(`/api/v1/providers/${sofia}/schedule?from=2026-03-02T00:00:00Z&to=2026-03-04T12:00:00Z`);
    expect(
      week.intervals.map((interval: { clinicId: string; localStart: string; localEnd: string }) => [
        interval.clinicId === soho ? 'SoHo' : 'Santa Monica',
        interval.localStart,
        interval.localEnd,
      ]),
    ).toEqual([
      ['SoHo', '2026-03-02T09:00-05:00', '2026-03-02T13:00-05:00'],
      ['SoHo', '2026-03-02T14:00-05:00', '2026-03-02T18:00-05:00'],
      ['Santa Monica', '2026-03-03T09:00-08:00', '2026-03-03T13:00-08:00'],
      ['Santa Monica', '2026-03-03T13:30-08:00', '2026-03-03T17:30-08:00'],
    ]);

    const botox = services.find((service) => service.name.startsWith('Botox'))?.id ?? '';
    const botoxSoho = await get(
      `/api/v1/availability?clinicId=${soho}&serviceIds=${botox}&from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z`,
    );
    expect(botoxSoho.slots.length).toBeGreaterThan(20);
    const laser = services.find((service) => service.name === 'Laser Hair Removal — Large Area')?.id ?? '';
    const laserWest = await get(
      `/api/v1/availability?clinicId=${santaMonica}&serviceIds=${laser}&from=2026-03-03T00:00:00Z&to=2026-03-10T00:00:00Z`,
    );
    expect(laserWest.slots.length).toBeGreaterThan(50);
    expect(laserWest.slots[0].resourceIds).toHaveLength(2);
    const packages = (await get('/api/v1/service-packages')).items as { id: string }[];
    for (const bundle of packages) {
      const slots = await get(
        `/api/v1/availability?clinicId=${soho}&packageId=${bundle.id}&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z`,
      );
      expect(slots.slots.length).toBeGreaterThan(0);
    }
  });
});
