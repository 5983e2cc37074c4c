import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createClinic, createProvider, createService, createServicePackage } from '../practice/practice-test-builders.ts';
import { createPortalWithPatient } from './portal-test-support.ts';

// Sunday 1 March 2026, 07:00 in New York; providers work 08:00–20:00.
const clock = createManualClock('2026-03-01T12:00:00Z');
// A small per-address limit, so one test can reach it; every other test searches from its own address.
const { app } = await createTestApp({ clock, config: { publicAvailabilitySearchesPerIpPerMinute: 5 } });

let addressSequence = 10;
function nextAddress(): string {
  addressSequence += 1;
  return `198.51.100.${addressSequence}`;
}

const catalogOf = (slug: string) => app.inject({ method: 'GET', url: `/api/v1/public/${slug}/booking-catalog` });

const searchAt = (slug: string, query: Record<string, string>, remoteAddress = nextAddress()) =>
  app.inject({ method: 'GET', url: `/api/v1/public/${slug}/availability?${new URLSearchParams(query).toString()}`, remoteAddress });

async function arrange() {
  clock.set('2026-03-01T12:00:00Z');
  const arranged = await createPortalWithPatient(app);
  const { setup } = arranged;
  const practice = setup.practice;
  // Staff-only: never offered online, nor is a package holding it.
  const injectables = await createService(app, practice, {
    name: 'Injectables review',
    durationMinutes: 30,
    bookableOnline: false,
    clinicIds: [setup.clinic.id],
  });
  const filler = await createService(app, practice, {
    name: 'Lip filler',
    category: 'Injectables',
    description: 'Up to 1 ml.',
    durationMinutes: 45,
    priceCents: 65_000,
    requiresCardForOnlineBooking: true,
    clinicIds: [setup.clinic.id],
  });
  const onlinePackage = await createServicePackage(app, practice, [setup.consultation.id, filler.id], { name: 'Consult and filler' });
  const staffPackage = await createServicePackage(app, practice, [setup.consultation.id, injectables.id], { name: 'Consult and review' });
  return { ...arranged, injectables, filler, onlinePackage, staffPackage };
}

describe('the online booking catalog', () => {
  it('offers only services bookable online, packages made of them, and the providers and policies behind them, without sign-in', async () => {
    const { setup, portalPractice, injectables, filler, onlinePackage, staffPackage } = await arrange();
    const closed = await createClinic(app, setup.practice, { name: 'Closed clinic' });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${closed.id}`,
      headers: setup.practice.owner.headers,
      payload: { active: false },
    });
    const staffOnlyProvider = await createProvider(app, setup.practice, { clinicIds: [setup.clinic.id], serviceIds: [injectables.id] });

    const response = await catalogOf(portalPractice.slug);

    expect(response.statusCode, response.body).toBe(200);
    const catalog = response.json();
    expect(catalog.practice).toMatchObject({ slug: portalPractice.slug });
    expect(catalog.clinics).toEqual([{ id: setup.clinic.id, name: setup.clinic.name, timezone: 'America/New_York', address: null }]);
    const serviceIds = catalog.services.map((service: { id: string }) => service.id);
    expect(serviceIds).toEqual(expect.arrayContaining([setup.laserTreatment.id, setup.consultation.id, filler.id]));
    expect(serviceIds).not.toContain(injectables.id);
    expect(catalog.services.find((service: { id: string }) => service.id === filler.id)).toEqual({
      id: filler.id,
      name: 'Lip filler',
      description: 'Up to 1 ml.',
      durationMinutes: 45,
      priceCents: 65_000,
      currency: 'USD',
      modes: ['in_person'],
      clinicIds: [setup.clinic.id],
      requiresCard: true,
      category: 'Injectables',
    });
    expect(catalog.services.find((service: { id: string }) => service.id === setup.consultation.id)).toMatchObject({
      modes: ['in_person', 'virtual'],
      requiresCard: false,
    });
    expect(catalog.packages).toEqual([
      {
        id: onlinePackage.id,
        name: 'Consult and filler',
        description: null,
        serviceIds: [setup.consultation.id, filler.id],
        durationMinutes: 75,
        priceCents: 20_000,
        currency: 'USD',
        clinicIds: [setup.clinic.id],
        requiresCard: true,
      },
    ]);
    expect(catalog.packages.map((item: { id: string }) => item.id)).not.toContain(staffPackage.id);
    const providerIds = catalog.providers.map((provider: { id: string }) => provider.id);
    expect(providerIds).toEqual(expect.arrayContaining([setup.providerA.id, setup.providerB.id]));
    expect(providerIds).not.toContain(staffOnlyProvider.id);
    expect(catalog.providers.find((provider: { id: string }) => provider.id === setup.providerA.id).serviceIds.sort()).toEqual(
      [setup.laserTreatment.id, setup.consultation.id].sort(),
    );
    expect(catalog.cancellationPolicies).toEqual([
      { clinicId: setup.clinic.id, policyVersionId: expect.any(String), text: expect.any(String), cancellationWindowHours: 24 },
    ]);
  });

  it('answers 404 for an unknown address, for the catalog and the search alike', async () => {
    const catalog = await catalogOf('no-such-practice');
    expect(catalog.statusCode).toBe(404);
    expect(catalog.headers['content-type']).toContain('application/problem+json');
    expect(catalog.json()).toMatchObject({ code: 'not_found', field: 'slug' });

    const search = await searchAt('no-such-practice', {
      clinicId: '0193a7a2-5b1c-7000-8000-000000000001',
      serviceIds: '0193a7a2-5b1c-7000-8000-000000000002',
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-03T00:00:00Z',
    });
    expect(search.statusCode).toBe(404);
    expect(search.json()).toMatchObject({ code: 'not_found', field: 'slug' });
  });
});

describe('online availability', () => {
  it('answers the staff search’s own reply for services bookable online, without sign-in', async () => {
    const { setup, portalPractice } = await arrange();
    const query = {
      clinicId: setup.clinic.id,
      serviceIds: setup.consultation.id,
      mode: 'in_person',
      from: '2026-03-02T13:00:00Z',
      to: '2026-03-02T18:00:00Z',
    };

    const online = await searchAt(portalPractice.slug, query);
    const staff = await app.inject({
      method: 'GET',
      url: `/api/v1/availability?${new URLSearchParams(query).toString()}`,
      headers: setup.practice.owner.headers,
    });

    expect(online.statusCode, online.body).toBe(200);
    expect(online.json()).toEqual(staff.json());
    expect(online.json().slots.length).toBeGreaterThan(0);
    expect(online.json().slots[0]).toMatchObject({ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T13:30:00.000Z' });
  });

  it('refuses a service that is not bookable online, naming it (400), and a package holding one', async () => {
    const { setup, portalPractice, injectables, staffPackage, onlinePackage } = await arrange();
    const range = { from: '2026-03-02T13:00:00Z', to: '2026-03-02T18:00:00Z' };

    const mixed = await searchAt(portalPractice.slug, {
      clinicId: setup.clinic.id,
      serviceIds: `${setup.consultation.id},${injectables.id}`,
      ...range,
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.headers['content-type']).toContain('application/problem+json');
    expect(mixed.json()).toMatchObject({
      code: 'not_bookable_online',
      field: 'serviceIds',
      errors: [{ field: 'serviceIds[1]', code: 'not_bookable_online' }],
    });
    expect(mixed.json().detail).toContain(injectables.id);

    const viaPackage = await searchAt(portalPractice.slug, { clinicId: setup.clinic.id, packageId: staffPackage.id, ...range });
    expect(viaPackage.statusCode).toBe(400);
    expect(viaPackage.json()).toMatchObject({ code: 'not_bookable_online', field: 'packageId' });

    const fine = await searchAt(portalPractice.slug, { clinicId: setup.clinic.id, packageId: onlinePackage.id, ...range });
    expect(fine.statusCode, fine.body).toBe(200);
  });

  it('refuses a malformed query with the field at fault (400)', async () => {
    const { setup, portalPractice } = await arrange();
    const response = await searchAt(portalPractice.slug, {
      clinicId: setup.clinic.id,
      serviceIds: setup.consultation.id,
      from: 'tomorrow',
      to: '2026-03-03T00:00:00Z',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'from' })]));
  });

  it('limits searches per client address (429 with Retry-After), leaving other addresses alone', async () => {
    const { setup, portalPractice } = await arrange();
    const query = {
      clinicId: setup.clinic.id,
      serviceIds: setup.consultation.id,
      from: '2026-03-02T13:00:00Z',
      to: '2026-03-02T14:00:00Z',
    };
    const address = nextAddress();
    for (let search = 0; search < 5; search += 1) {
      expect((await searchAt(portalPractice.slug, query, address)).statusCode).toBe(200);
    }

    const limited = await searchAt(portalPractice.slug, query, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ code: 'too_many_requests' });
    expect((await searchAt(portalPractice.slug, query)).statusCode).toBe(200);

    clock.advanceMinutes(1);
    expect((await searchAt(portalPractice.slug, query, address)).statusCode).toBe(200);
  });
});
