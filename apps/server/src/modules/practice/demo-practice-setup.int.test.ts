import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/demo-staff.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createTestApp, signIn } from '../../testing/test-app.ts';

/** The local date of the next Monday after today in New York, and the Tuesday after it. */
function nextMondayAndTuesday(): { monday: string; tuesday: string } {
  const today = Temporal.Now.plainDateISO('America/New_York');
  const monday = today.add({ days: 8 - today.dayOfWeek });
  return { monday: monday.toString(), tuesday: monday.add({ days: 1 }).toString() };
}

// The demo loads only into an empty installation with fixed sign-in emails: a fresh PGlite.
// It books demo appointments around the real today, so this test runs on the real clock.
describe.skipIf(process.env.DATABASE_URL !== undefined)('demo practice setup', async () => {
  const { app } = await createTestApp();

  it('loads two clinics, their equipment, the service menu, packages and six scheduled providers', async () => {
    expect((await seedDemo(app)).seeded).toBe(true);
    const cookie = await signIn(app, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json();
    };
    expect(await get('/api/v1/practice-settings')).toMatchObject({ name: 'Lumière Aesthetics', slug: 'demo' });
    expect(await get('/api/v1/portal/demo')).toEqual({ name: 'Lumière Aesthetics', slug: 'demo', timezone: 'America/New_York' });
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
    const packages = (await get('/api/v1/service-packages')).items as { id: string }[];
    expect(packages).toHaveLength(2);
    const providers = (await get('/api/v1/providers')).items as { id: string; displayName: string; clinicIds: string[] }[];
    expect(providers).toHaveLength(6);
    expect(
      providers
        .filter((provider) => provider.clinicIds.length === 2)
        .map((provider) => provider.displayName)
        .sort(),
    ).toEqual(['Daniel Kowalski', 'Sofia Ramirez']);

    // Sofia works in New York on Mondays and in Santa Monica on Tuesdays, with a lunch break.
    const { monday, tuesday } = nextMondayAndTuesday();
    const sofia = providers.find((provider) => provider.displayName === 'Sofia Ramirez')?.id ?? '';
    const from = `${monday}T00:00:00Z`;
    const to = `${Temporal.PlainDate.from(tuesday).add({ days: 1 }).toString()}T12:00:00Z`;
    const week = await get(`/api/v1/providers/${sofia}/schedule?from=${from}&to=${to}`);
    expect(
      week.intervals.map((interval: { clinicId: string; localStart: string; localEnd: string }) => [
        interval.clinicId === soho ? 'SoHo' : 'Santa Monica',
        interval.localStart.slice(0, 16),
        interval.localEnd.slice(0, 16),
      ]),
    ).toEqual([
      ['SoHo', `${monday}T09:00`, `${monday}T13:00`],
      ['SoHo', `${monday}T14:00`, `${monday}T18:00`],
      ['Santa Monica', `${tuesday}T09:00`, `${tuesday}T13:00`],
      ['Santa Monica', `${tuesday}T13:30`, `${tuesday}T17:30`],
    ]);

    const botox = services.find((service) => service.name.startsWith('Botox'))?.id ?? '';
    const botoxSoho = await get(`/api/v1/availability?clinicId=${soho}&serviceIds=${botox}&from=${from}&to=${to}`);
    expect(botoxSoho.slots.length).toBeGreaterThan(20);
    const laser = services.find((service) => service.name === 'Laser Hair Removal — Large Area')?.id ?? '';
    const laserWest = await get(`/api/v1/availability?clinicId=${santaMonica}&serviceIds=${laser}&from=${from}&to=${to}`);
    expect(laserWest.slots.length).toBeGreaterThan(0);
    expect(laserWest.slots[0].resourceIds).toHaveLength(2);
    const weekLater = `${Temporal.PlainDate.from(monday).add({ days: 7 }).toString()}T00:00:00Z`;
    for (const bundle of packages) {
      const slots = await get(`/api/v1/availability?clinicId=${soho}&packageId=${bundle.id}&from=${from}&to=${weekLater}`);
      expect(slots.slots.length).toBeGreaterThan(0);
    }
  }, 180_000); // the whole demo (other modules' appointments and sales too) loads first

  it('books every kind of visit the book shows: forms to complete, a double booking, each package, out-of-office blocks', async () => {
    await seedDemo(app);
    const cookie = await signIn(app, 'frontdesk@demo.glowdesk.app', DEMO_PASSWORD);
    const now = Date.now();
    const range = `from=${new Date(now - 86_400_000).toISOString()}&to=${new Date(now + 9 * 86_400_000).toISOString()}`;
    const list = await app.inject({ method: 'GET', url: `/api/v1/appointments?${range}`, headers: { cookie } });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{
      items: {
        id: string;
        kind: string;
        status: string;
        providerId: string;
        start: string;
        end: string;
        packageId: string | null;
        allowDoubleBooking: boolean;
        formsOutstanding?: number;
      }[];
    }>().items;
    const live = items.filter((item) => item.kind === 'appointment' && item.status !== 'cancelled' && item.status !== 'no_show');

    expect(items.some((item) => item.kind === 'out_of_office')).toBe(true);
    expect(live.filter((item) => (item.formsOutstanding ?? 0) > 0).length).toBeGreaterThan(5);
    const packages = (await app.inject({ method: 'GET', url: '/api/v1/service-packages', headers: { cookie } })).json<{
      items: { id: string }[];
    }>().items;
    expect(new Set(live.flatMap((item) => (item.packageId ? [item.packageId] : [])))).toEqual(new Set(packages.map((bundle) => bundle.id)));
    const doubled = live.filter(
      (item) =>
        item.allowDoubleBooking &&
        live.some(
          (other) => other.id !== item.id && other.providerId === item.providerId && other.start < item.end && item.start < other.end,
        ),
    );
    expect(doubled.length).toBeGreaterThan(0);

    const [withForms] = live.filter((item) => (item.formsOutstanding ?? 0) > 0);
    const forms = await app.inject({ method: 'GET', url: `/api/v1/appointments/${withForms?.id}/paperwork`, headers: { cookie } });
    expect(forms.json<{ items: unknown[] }>().items.length).toBe(withForms?.formsOutstanding);
  }, 180_000);
});
