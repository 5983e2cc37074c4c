import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { createClinic, createProvider, createResource, createService, createServicePackage } from './practice-test-builders.ts';

const { app } = await createTestApp();

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function listIds(practice: TestPractice, url: string): Promise<string[]> {
  const response = await app.inject({ method: 'GET', url, headers: practice.owner.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
}

describe('resources', () => {
  it('adds rooms and equipment to a clinic and filters them by clinic, kind and active', async () => {
    const practice = await createTestPractice(app);
    const soho = await createClinic(app, practice);
    const santaMonica = await createClinic(app, practice, { timezone: 'America/Los_Angeles' });
    const rooms = await createResource(app, practice, soho.id, { name: 'Treatment Rooms 1–3', kind: 'room', quantity: 3 });
    const laser = await createResource(app, practice, soho.id, { name: 'Candela GentleMax Pro', kind: 'equipment' });
    const westLaser = await createResource(app, practice, santaMonica.id, { name: 'Candela GentleMax Pro', kind: 'equipment' });
    expect(rooms).toMatchObject({ clinicId: soho.id, kind: 'room', quantity: 3, active: true, version: 1 });

    expect((await listIds(practice, `/api/v1/resources?clinicId=${soho.id}`)).sort()).toEqual([rooms.id, laser.id].sort());
    expect((await listIds(practice, '/api/v1/resources?kind=equipment')).sort()).toEqual([laser.id, westLaser.id].sort());
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/resources/${laser.id}`,
      headers: practice.owner.headers,
      payload: { active: false },
    });
    expect(await listIds(practice, `/api/v1/resources?clinicId=${soho.id}&active=true`)).toEqual([rooms.id]);
  });

  it('changes the quantity with If-Match and refuses a stale one', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const rooms = await createResource(app, practice, clinic.id, { quantity: 2 });
    const grow = await app.inject({
      method: 'PATCH',
      url: `/api/v1/resources/${rooms.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { quantity: 4 },
    });
    expect(grow.json()).toMatchObject({ quantity: 4, version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/resources/${rooms.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { quantity: 1 },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('keeps writes to owners and admins and hides other practices’ resources', async () => {
    const practice = await createTestPractice(app);
    const other = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const room = await createResource(app, practice, clinic.id);
    for (const role of ['provider', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      expect((await app.inject({ method: 'GET', url: `/api/v1/resources/${room.id}`, headers: member.headers })).statusCode).toBe(200);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/resources',
            headers: member.headers,
            payload: { clinicId: clinic.id, name: 'X', kind: 'room' },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await app.inject({ method: 'PATCH', url: `/api/v1/resources/${room.id}`, headers: member.headers, payload: { quantity: 2 } }))
          .statusCode,
      ).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/resources/${room.id}`, headers: other.owner.headers })).statusCode).toBe(404);
    // A clinic of another practice is unknown: nothing can be added to it.
    const intoForeignClinic = await app.inject({
      method: 'POST',
      url: '/api/v1/resources',
      headers: other.owner.headers,
      payload: { clinicId: clinic.id, name: 'Sneaky', kind: 'room' },
    });
    expect(intoForeignClinic.statusCode).toBe(400);
    expect(intoForeignClinic.json()).toMatchObject({ field: 'clinicId', code: 'unknown_id' });
  });

  it('deletes an unused resource and answers 409 for one a service needs', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const spare = await createResource(app, practice, clinic.id);
    const laser = await createResource(app, practice, clinic.id, { kind: 'equipment' });
    await createService(app, practice, { clinicIds: [clinic.id], resourceIds: [laser.id] });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/resources/${spare.id}`, headers: practice.owner.headers })).statusCode).toBe(
      204,
    );
    const refused = await app.inject({ method: 'DELETE', url: `/api/v1/resources/${laser.id}`, headers: practice.owner.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe('Services still need this resource. Deactivate it instead (set active to false).');
  });

  describe('bad input: 400 naming the field, nothing written', () => {
    it.each([
      ['quantity 0', { quantity: 0 }, 'quantity'],
      ['negative quantity', { quantity: -1 }, 'quantity'],
      ['fractional quantity', { quantity: 1.5 }, 'quantity'],
      ['unknown kind', { kind: 'laser' }, 'kind'],
      ['empty name', { name: '' }, 'name'],
      ['unknown clinic', { clinicId: UNKNOWN_ID }, 'clinicId'],
      ['malformed clinic id', { clinicId: 'soho' }, 'clinicId'],
      ['unknown field', { color: 'blue' }, 'color'],
    ] as [string, Record<string, unknown>, string][])('POST /resources: %s', async (_label, change, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/resources',
        headers: practice.owner.headers,
        payload: { clinicId: clinic.id, name: 'Room', kind: 'room', ...change },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      expect(await listIds(practice, '/api/v1/resources')).toEqual([]);
    });

    it.each([
      ['quantity 0', { quantity: 0 }, 'quantity'],
      ['moving to another clinic', { clinicId: UNKNOWN_ID }, 'clinicId'],
    ] as [string, Record<string, unknown>, string][])('PATCH /resources/:id: %s', async (_label, body, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const room = await createResource(app, practice, clinic.id);
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/resources/${room.id}`,
        headers: practice.owner.headers,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      const read = await app.inject({ method: 'GET', url: `/api/v1/resources/${room.id}`, headers: practice.owner.headers });
      expect(read.json()).toMatchObject({ quantity: 1, version: 1 });
    });
  });
});

describe('services', () => {
  it('creates a service with its clinics, resources and providers, and reads both sides of who performs it', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const laser = await createResource(app, practice, clinic.id, { name: 'Candela GentleMax Pro', kind: 'equipment' });
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    const body = {
      name: 'Laser Hair Removal — Large Area',
      category: 'Laser',
      description: 'Back, full legs or chest.',
      durationMinutes: 60,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      priceCents: 45_000,
      currency: 'USD',
      cancellationFeeCents: 7_500,
      noShowFeeCents: 10_000,
      mode: 'in_person',
      bookableOnline: true,
      clinicIds: [clinic.id],
      resourceIds: [laser.id],
      providerIds: [provider.id],
    };
    const created = await app.inject({ method: 'POST', url: '/api/v1/services', headers: practice.owner.headers, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...body, active: true, version: 1 });
    const providerView = await app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}`, headers: practice.owner.headers });
    expect(providerView.json().serviceIds).toEqual([created.json().id]);
    expect(await listIds(practice, `/api/v1/services?providerId=${provider.id}`)).toEqual([created.json().id]);
    expect(await listIds(practice, `/api/v1/services?clinicId=${clinic.id}&category=Laser`)).toEqual([created.json().id]);
  });

  it('stores blank optional text as none', async () => {
    const practice = await createTestPractice(app);
    const service = await createService(app, practice, { category: '  ', description: '' });
    expect(service).toMatchObject({ category: null, description: null });
  });

  it('defaults to USD, in person, bookable online, no buffers and no fees', async () => {
    const practice = await createTestPractice(app);
    const service = await createService(app, practice, { name: 'Consultation', durationMinutes: 30, priceCents: 0 });
    expect(service).toMatchObject({
      currency: 'USD',
      mode: 'in_person',
      bookableOnline: true,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      cancellationFeeCents: 0,
      noShowFeeCents: 0,
      clinicIds: [],
      resourceIds: [],
      providerIds: [],
    });
  });

  it('replaces lists on PATCH, bumps the version and refuses a stale If-Match', async () => {
    const practice = await createTestPractice(app);
    const first = await createClinic(app, practice);
    const second = await createClinic(app, practice);
    const service = await createService(app, practice, { clinicIds: [first.id] });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${service.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { clinicIds: [second.id], priceCents: 12_500 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ clinicIds: [second.id], priceCents: 12_500, version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${service.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { priceCents: 1 },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('refuses a service needing a resource at a clinic that does not offer it', async () => {
    const practice = await createTestPractice(app);
    const soho = await createClinic(app, practice);
    const santaMonica = await createClinic(app, practice, { timezone: 'America/Los_Angeles' });
    const westLaser = await createResource(app, practice, santaMonica.id, { name: 'IPL', kind: 'equipment' });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: practice.owner.headers,
      payload: { name: 'IPL Photofacial', durationMinutes: 45, priceCents: 35_000, clinicIds: [soho.id], resourceIds: [westLaser.id] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'resourceIds[0]', code: 'resource_not_at_clinic' });
    expect(await listIds(practice, '/api/v1/services')).toEqual([]);

    const offeredWest = await createService(app, practice, { clinicIds: [santaMonica.id], resourceIds: [westLaser.id] });
    const dropClinic = await app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${offeredWest.id}`,
      headers: practice.owner.headers,
      payload: { clinicIds: [soho.id] },
    });
    expect(dropClinic.statusCode).toBe(400);
    expect(dropClinic.json()).toMatchObject({ field: 'clinicIds', code: 'resource_not_at_clinic' });
  });

  it('keeps writes to owners and admins and hides other practices’ services', async () => {
    const practice = await createTestPractice(app);
    const other = await createTestPractice(app);
    const service = await createService(app, practice);
    for (const role of ['provider', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: member.headers })).statusCode).toBe(200);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/services',
            headers: member.headers,
            payload: { name: 'X', durationMinutes: 30, priceCents: 1 },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await app.inject({ method: 'PATCH', url: `/api/v1/services/${service.id}`, headers: member.headers, payload: { priceCents: 1 } }))
          .statusCode,
      ).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/services/${service.id}`, headers: member.headers })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/services/${service.id}`, headers: other.owner.headers })).statusCode).toBe(404);
    const foreignPackage = await app.inject({
      method: 'POST',
      url: '/api/v1/service-packages',
      headers: other.owner.headers,
      payload: { name: 'P', priceCents: 1, serviceIds: [service.id, service.id] },
    });
    expect(foreignPackage.statusCode).toBe(400);
    expect(foreignPackage.json().field).toBe('serviceIds[0]');
  });

  it('audits creation and changes with what changed', async () => {
    const practice = await createTestPractice(app);
    const service = await createService(app, practice, { priceCents: 10_000 });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${service.id}`,
      headers: practice.owner.headers,
      payload: { priceCents: 12_000, active: false },
    });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?objectType=service&objectId=${service.id}`,
      headers: practice.owner.headers,
    });
    const events = audit.json().items as { action: string; details: Record<string, unknown> }[];
    expect(events.map((event) => event.action)).toEqual(['service.update', 'service.create']);
    expect(events[0]?.details).toEqual({ changes: { priceCents: { from: 10_000, to: 12_000 }, active: { from: true, to: false } } });
  });

  it('deletes a service nothing refers to and answers 409 for one in a package', async () => {
    const practice = await createTestPractice(app);
    const lonely = await createService(app, practice);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/services/${lonely.id}`, headers: practice.owner.headers })).statusCode).toBe(
      204,
    );
    const first = await createService(app, practice);
    const second = await createService(app, practice);
    await createServicePackage(app, practice, [first.id, second.id]);
    const refused = await app.inject({ method: 'DELETE', url: `/api/v1/services/${first.id}`, headers: practice.owner.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'still_referenced',
      detail: 'Packages still include this service. Deactivate it instead (set active to false).',
    });
  });

  describe('bad input: 400 naming the field, nothing written', () => {
    it.each([
      ['negative price', { priceCents: -100 }, 'priceCents'],
      ['fractional price', { priceCents: 99.5 }, 'priceCents'],
      ['negative cancellation fee', { cancellationFeeCents: -1 }, 'cancellationFeeCents'],
      ['negative no-show fee', { noShowFeeCents: -1 }, 'noShowFeeCents'],
      ['zero duration', { durationMinutes: 0 }, 'durationMinutes'],
      ['negative duration', { durationMinutes: -30 }, 'durationMinutes'],
      ['negative buffer before', { bufferBeforeMinutes: -5 }, 'bufferBeforeMinutes'],
      ['negative buffer after', { bufferAfterMinutes: -5 }, 'bufferAfterMinutes'],
      ['lower-case currency', { currency: 'usd' }, 'currency'],
      ['unknown mode', { mode: 'telepathic' }, 'mode'],
      ['unknown clinic', { clinicIds: [UNKNOWN_ID] }, 'clinicIds[0]'],
      ['duplicate clinic', { clinicIds: ['CLINIC', 'CLINIC'] }, 'clinicIds[1]'],
      ['unknown resource', { clinicIds: ['CLINIC'], resourceIds: [UNKNOWN_ID] }, 'resourceIds[0]'],
      ['resource at a clinic that does not offer it', { resourceIds: ['RESOURCE'] }, 'resourceIds[0]'],
      ['virtual service needing a room', { mode: 'virtual', clinicIds: ['CLINIC'], resourceIds: ['RESOURCE'] }, 'resourceIds'],
      ['unknown provider', { providerIds: [UNKNOWN_ID] }, 'providerIds[0]'],
      ['unknown field', { colour: 'red' }, 'colour'],
    ] as [string, Record<string, unknown>, string][])('POST /services: %s', async (_label, change, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const room = await createResource(app, practice, clinic.id);
      const body = JSON.parse(
        JSON.stringify({ name: 'Botox', durationMinutes: 30, priceCents: 1_400, ...change })
          .replaceAll('CLINIC', clinic.id)
          .replaceAll('RESOURCE', room.id),
      );
      const response = await app.inject({ method: 'POST', url: '/api/v1/services', headers: practice.owner.headers, payload: body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().field).toBe(field);
      expect(await listIds(practice, '/api/v1/services')).toEqual([]);
    });

    it.each([
      ['negative price', { priceCents: -1 }, 'priceCents'],
      ['zero duration', { durationMinutes: 0 }, 'durationMinutes'],
      ['unknown clinic', { clinicIds: [UNKNOWN_ID] }, 'clinicIds[0]'],
      ['becoming virtual while needing a room', { mode: 'virtual' }, 'resourceIds'],
      ['empty body', {}, 'body'],
    ] as [string, Record<string, unknown>, string][])('PATCH /services/:id: %s', async (_label, body, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const room = await createResource(app, practice, clinic.id);
      const service = await createService(app, practice, { clinicIds: [clinic.id], resourceIds: [room.id] });
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${service.id}`,
        headers: practice.owner.headers,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      const read = await app.inject({ method: 'GET', url: `/api/v1/services/${service.id}`, headers: practice.owner.headers });
      expect(read.json()).toMatchObject({ version: 1, clinicIds: [clinic.id], resourceIds: [room.id], mode: 'in_person' });
    });
  });
});

describe('service packages', () => {
  it('keeps the order of its services and changes them on PATCH', async () => {
    const practice = await createTestPractice(app);
    const hydrafacial = await createService(app, practice, { name: 'HydraFacial' });
    const peel = await createService(app, practice, { name: 'Chemical Peel' });
    const led = await createService(app, practice, { name: 'LED Therapy' });
    const glow = await createServicePackage(app, practice, [peel.id, hydrafacial.id], { name: 'Glow Up', priceCents: 39_900 });
    expect(glow).toMatchObject({
      name: 'Glow Up',
      priceCents: 39_900,
      currency: 'USD',
      serviceIds: [peel.id, hydrafacial.id],
      active: true,
      version: 1,
    });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/service-packages/${glow.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { serviceIds: [hydrafacial.id, peel.id, led.id] },
    });
    expect(patch.json()).toMatchObject({ serviceIds: [hydrafacial.id, peel.id, led.id], version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/service-packages/${glow.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { active: false },
    });
    expect(stale.statusCode).toBe(412);
    expect(await listIds(practice, '/api/v1/service-packages?active=true')).toEqual([glow.id]);
  });

  it('keeps writes to owners and admins', async () => {
    const practice = await createTestPractice(app);
    const a = await createService(app, practice);
    const b = await createService(app, practice);
    const bundle = await createServicePackage(app, practice, [a.id, b.id]);
    const frontDesk = await practice.signInAs('front_desk');
    expect((await app.inject({ method: 'GET', url: `/api/v1/service-packages/${bundle.id}`, headers: frontDesk.headers })).statusCode).toBe(
      200,
    );
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/service-packages/${bundle.id}`,
          headers: frontDesk.headers,
          payload: { active: false },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/service-packages',
          headers: frontDesk.headers,
          payload: { name: 'X', priceCents: 1, serviceIds: [a.id, b.id] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it.each([
    ['negative price', { priceCents: -1 }, 'priceCents'],
    ['one service', { serviceIds: ['A'] }, 'serviceIds'],
    ['unknown service', { serviceIds: ['A', UNKNOWN_ID] }, 'serviceIds[1]'],
    ['deactivated service', { serviceIds: ['A', 'INACTIVE'] }, 'serviceIds[1]'],
    ['bad currency', { currency: 'dollars' }, 'currency'],
  ] as [string, Record<string, unknown>, string][])(
    'POST /service-packages refuses %s with 400 naming the field',
    async (_label, change, field) => {
      const practice = await createTestPractice(app);
      const a = await createService(app, practice);
      const b = await createService(app, practice);
      const retired = await createService(app, practice);
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${retired.id}`,
        headers: practice.owner.headers,
        payload: { active: false },
      });
      const body = JSON.parse(
        JSON.stringify({ name: 'Bundle', priceCents: 10_000, serviceIds: ['A', 'B'], ...change })
          .replaceAll('"A"', `"${a.id}"`)
          .replaceAll('"B"', `"${b.id}"`)
          .replaceAll('INACTIVE', retired.id),
      );
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/service-packages',
        headers: practice.owner.headers,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      expect(await listIds(practice, '/api/v1/service-packages')).toEqual([]);
    },
  );
});
