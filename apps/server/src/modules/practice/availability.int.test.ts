import type { ProviderBusyInterval, ResourceBusyInterval } from '@glowdesk/scheduling';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createManualClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase } from '../../platform/database.ts';
import { runMigrations } from '../../platform/migrations.ts';
import { createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import type { BusyTimeSource } from './index.ts';
import {
  createClinic,
  createProvider,
  createResource,
  createService,
  createServicePackage,
  everyDay,
  replaceRules,
} from './practice-test-builders.ts';

/** Busy time the tests plant per practice, standing in for appointments. */
const plantedBusy = new Map<string, { providerBusy: ProviderBusyInterval[]; resourceBusy: ResourceBusyInterval[] }>();
const plantedBusyTimes: BusyTimeSource = {
  async findBusyTimes(_tx, query) {
    const planted = plantedBusy.get(query.practiceId) ?? { providerBusy: [], resourceBusy: [] };
    return {
      providerBusy: planted.providerBusy.filter(
        (interval) => query.providerIds.includes(interval.providerId) && interval.start < query.to && interval.end > query.from,
      ),
      resourceBusy: planted.resourceBusy.filter(
        (interval) => query.resourceIds.includes(interval.resourceId) && interval.start < query.to && interval.end > query.from,
      ),
    };
  },
};

function plant(practice: TestPractice, busy: { providerBusy?: ProviderBusyInterval[]; resourceBusy?: ResourceBusyInterval[] }): void {
  plantedBusy.set(practice.practiceId, { providerBusy: busy.providerBusy ?? [], resourceBusy: busy.resourceBusy ?? [] });
}

const clock = createManualClock('2026-03-01T12:00:00Z');
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://', poolSize: 4 });
if (!process.env.DATABASE_URL) await runMigrations(database);
const app = await buildApp({
  config: { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL }), demo: false },
  database,
  clock,
  busyTimeSource: plantedBusyTimes,
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const at = (iso: string) => Date.parse(iso);

async function searchSlots(practice: TestPractice, query: Record<string, string>) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/availability?${new URLSearchParams(query).toString()}`,
    headers: practice.owner.headers,
  });
  return response;
}

async function slotStarts(practice: TestPractice, query: Record<string, string>): Promise<string[]> {
  const response = await searchSlots(practice, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ slots: { start: string }[] }>().slots.map((slot) => slot.start.replace('.000Z', 'Z'));
}

function quarterHours(firstIso: string, lastIso: string): string[] {
  const starts: string[] = [];
  for (let instant = at(firstIso); instant <= at(lastIso); instant += 15 * 60_000)
    starts.push(new Date(instant).toISOString().replace('.000Z', 'Z'));
  return starts;
}

/** A New York clinic, one 60-minute service, one provider working 09:00–12:00 every day. */
async function morningSetup(options: { service?: Record<string, unknown>; clinic?: Record<string, unknown>; now?: string } = {}) {
  clock.set(options.now ?? '2026-03-01T12:00:00Z');
  const practice = await createTestPractice(app);
  const clinic = await createClinic(app, practice, { timezone: 'America/New_York', ...options.clinic });
  const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
  const service = await createService(app, practice, {
    durationMinutes: 60,
    clinicIds: [clinic.id],
    providerIds: [provider.id],
    ...options.service,
  });
  await replaceRules(app, practice, provider.id, clinic.id, everyDay('09:00', '12:00'));
  return { practice, clinic, provider, service };
}

describe('availability', () => {
  it('offers 09:00–11:00 local starts in UTC on both sides of the spring-forward change in New York', async () => {
    const { practice, clinic, provider, service } = await morningSetup();
    const response = await searchSlots(practice, {
      clinicId: clinic.id,
      serviceIds: service.id,
      from: '2026-03-07T00:00:00Z',
      to: '2026-03-09T00:00:00Z',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ clinicId: clinic.id, timezone: 'America/New_York', serviceIds: [service.id] });
    // Saturday 7 March is EST (UTC-5); Sunday 8 March, the change day, is EDT (UTC-4).
    expect(body.slots.map((slot: { start: string }) => slot.start.replace('.000Z', 'Z'))).toEqual([
      ...quarterHours('2026-03-07T14:00:00Z', '2026-03-07T16:00:00Z'),
      ...quarterHours('2026-03-08T13:00:00Z', '2026-03-08T15:00:00Z'),
    ]);
    expect(body.slots[0]).toEqual({
      start: '2026-03-07T14:00:00.000Z',
      end: '2026-03-07T15:00:00.000Z',
      providerIds: [provider.id],
      resourceIds: [],
    });
  });

  it('starts no slot in the skipped hour when an override on the change day spans it', async () => {
    const { practice, clinic, provider, service } = await morningSetup();
    const override = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/schedule-overrides`,
      headers: practice.owner.headers,
      payload: { clinicId: clinic.id, localDate: '2026-03-08', intervals: [{ start: '01:00', end: '04:00' }] },
    });
    expect(override.statusCode, override.body).toBe(201);
    // 01:00 EST = 06:00Z; 02:00–02:59 do not exist; 03:00 EDT = 07:00Z; 04:00 EDT = 08:00Z.
    expect(
      await slotStarts(practice, { clinicId: clinic.id, serviceIds: service.id, from: '2026-03-08T05:00:00Z', to: '2026-03-08T12:00:00Z' }),
    ).toEqual(['2026-03-08T06:00:00Z', '2026-03-08T06:15:00Z', '2026-03-08T06:30:00Z', '2026-03-08T06:45:00Z', '2026-03-08T07:00:00Z']);
  });

  it('offers the repeated hour twice when clocks go back in New York', async () => {
    const { practice, clinic, provider } = await morningSetup({ clinic: { slotStepMinutes: 30 } });
    const short = await createService(app, practice, { durationMinutes: 30, clinicIds: [clinic.id], providerIds: [provider.id] });
    await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/schedule-overrides`,
      headers: practice.owner.headers,
      payload: { clinicId: clinic.id, localDate: '2026-11-01', intervals: [{ start: '00:00', end: '03:00' }] },
    });
    // 00:00 EDT = 04:00Z; 01:00–01:59 happens at 05:xxZ (EDT) and again at 06:xxZ (EST); 03:00 EST = 08:00Z.
    expect(
      await slotStarts(practice, { clinicId: clinic.id, serviceIds: short.id, from: '2026-11-01T03:00:00Z', to: '2026-11-01T09:00:00Z' }),
    ).toEqual([
      '2026-11-01T04:00:00Z',
      '2026-11-01T04:30:00Z',
      '2026-11-01T05:00:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:00:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:00:00Z',
      '2026-11-01T07:30:00Z',
    ]);
  });

  it('offers no slots on a day-off override', async () => {
    const { practice, clinic, provider, service } = await morningSetup();
    await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/schedule-overrides`,
      headers: practice.owner.headers,
      payload: { clinicId: clinic.id, localDate: '2026-03-10', intervals: [], note: 'Conference' },
    });
    expect(
      await slotStarts(practice, { clinicId: clinic.id, serviceIds: service.id, from: '2026-03-10T04:00:00Z', to: '2026-03-11T04:00:00Z' }),
    ).toEqual([]);
  });

  it('keeps buffers inside working hours: a 15-minute prep buffer moves the first start to 09:15', async () => {
    const { practice, clinic, service } = await morningSetup({ service: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 } });
    const starts = await slotStarts(practice, {
      clinicId: clinic.id,
      serviceIds: service.id,
      from: '2026-03-04T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
    });
    // 09:15 EST = 14:15Z; the last start leaves the 15-minute clean-up before 12:00: 10:45 = 15:45Z.
    expect(starts).toEqual(quarterHours('2026-03-04T14:15:00Z', '2026-03-04T15:45:00Z'));
  });

  it('applies the clinic’s minimum notice from now and its slot step', async () => {
    const { practice, clinic, service } = await morningSetup({
      clinic: { minimumNoticeMinutes: 60, slotStepMinutes: 30 },
      now: '2026-03-04T14:20:00Z',
    });
    const starts = await slotStarts(practice, {
      clinicId: clinic.id,
      serviceIds: service.id,
      from: '2026-03-04T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
    });
    expect(starts).toEqual(['2026-03-04T15:30:00Z', '2026-03-04T16:00:00Z']);
  });

  it('skips times the provider is busy and lists every provider who can take a slot', async () => {
    const { practice, clinic, provider, service } = await morningSetup();
    const second = await createProvider(app, practice, { clinicIds: [clinic.id], serviceIds: [service.id] });
    await replaceRules(app, practice, second.id, clinic.id, everyDay('10:00', '12:00'));
    plant(practice, { providerBusy: [{ providerId: provider.id, start: at('2026-03-04T14:30:00Z'), end: at('2026-03-04T15:00:00Z') }] });
    const response = await searchSlots(practice, {
      clinicId: clinic.id,
      serviceIds: service.id,
      from: '2026-03-04T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
    });
    const slots = response
      .json<{ slots: { start: string; providerIds: string[] }[] }>()
      .slots.map((slot) => [slot.start.slice(11, 16), slot.providerIds.length]);
    // First provider busy 09:30–10:00 EST: free 09:00–09:30 (too short) and 10:00–12:00. Second works 10:00–12:00.
    expect(slots).toEqual([
      ['15:00', 2],
      ['15:15', 2],
      ['15:30', 2],
      ['15:45', 2],
      ['16:00', 2],
    ]);
    const onlySecond = await slotStarts(practice, {
      clinicId: clinic.id,
      serviceIds: service.id,
      providerId: second.id,
      from: '2026-03-04T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
    });
    expect(onlySecond).toEqual(quarterHours('2026-03-04T15:00:00Z', '2026-03-04T16:00:00Z'));
  });

  it('books a sequence back to back and lets two services share one laser only one segment at a time', async () => {
    const { practice, clinic, provider, service: consult } = await morningSetup();
    const laser = await createResource(app, practice, clinic.id, { name: 'Candela GentleMax Pro', kind: 'equipment', quantity: 1 });
    const laserHair = await createService(app, practice, {
      durationMinutes: 30,
      clinicIds: [clinic.id],
      resourceIds: [laser.id],
      providerIds: [provider.id],
    });
    // The laser is claimed 10:00–10:30 EST (15:00–15:30Z) by someone else.
    plant(practice, { resourceBusy: [{ resourceId: laser.id, start: at('2026-03-04T15:00:00Z'), end: at('2026-03-04T15:30:00Z') }] });
    const response = await searchSlots(practice, {
      clinicId: clinic.id,
      serviceIds: `${consult.id},${laserHair.id}`,
      from: '2026-03-04T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
    });
    expect(response.statusCode, response.body).toBe(200);
    const slots = response.json<{ slots: { start: string; end: string; resourceIds: string[] }[] }>().slots;
    // 90-minute visit; only the last 30 minutes need the laser, so [start+60, start+90) must miss
    // 15:00–15:30Z: 14:00 and 14:15 are out, while 14:30 is fine although its first segment
    // runs during the claim.
    expect(slots.map((slot) => slot.start.slice(11, 16))).toEqual(['14:30', '14:45', '15:00', '15:15', '15:30']);
    expect(slots[0]).toMatchObject({ end: '2026-03-04T16:00:00.000Z', resourceIds: [laser.id] });
  });

  it('searches a package as its services in order', async () => {
    const { practice, clinic, provider, service } = await morningSetup();
    const peel = await createService(app, practice, { durationMinutes: 30, clinicIds: [clinic.id], providerIds: [provider.id] });
    const bundle = await createServicePackage(app, practice, [service.id, peel.id]);
    const response = await searchSlots(practice, {
      clinicId: clinic.id,
      packageId: bundle.id,
      from: '2026-03-04T00:00:00Z',
      to: '2026-03-05T00:00:00Z',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.serviceIds).toEqual([service.id, peel.id]);
    expect(body.slots.map((slot: { start: string }) => slot.start.slice(11, 16))).toEqual([
      '14:00',
      '14:15',
      '14:30',
      '14:45',
      '15:00',
      '15:15',
      '15:30',
    ]);
    expect(body.slots[0].end).toBe('2026-03-04T15:30:00.000Z');
  });

  it('claims no rooms for a virtual visit and refuses a mode a service is not offered in', async () => {
    const { practice, clinic, provider } = await morningSetup();
    const room = await createResource(app, practice, clinic.id, { name: 'Consult Room' });
    const consult = await createService(app, practice, {
      mode: 'both',
      clinicIds: [clinic.id],
      resourceIds: [room.id],
      providerIds: [provider.id],
    });
    const videoOnly = await createService(app, practice, { mode: 'virtual', clinicIds: [clinic.id], providerIds: [provider.id] });
    plant(practice, { resourceBusy: [{ resourceId: room.id, start: at('2026-03-04T14:00:00Z'), end: at('2026-03-04T17:00:00Z') }] });
    const day = { from: '2026-03-04T00:00:00Z', to: '2026-03-05T00:00:00Z' };

    expect(await slotStarts(practice, { clinicId: clinic.id, serviceIds: consult.id, ...day })).toEqual([]);
    const virtual = await searchSlots(practice, { clinicId: clinic.id, serviceIds: consult.id, mode: 'virtual', ...day });
    expect(virtual.json()).toMatchObject({ mode: 'virtual' });
    expect(virtual.json().slots).toHaveLength(9);
    expect(virtual.json().slots[0].resourceIds).toEqual([]);

    const byDefault = await searchSlots(practice, { clinicId: clinic.id, serviceIds: videoOnly.id, ...day });
    expect(byDefault.json()).toMatchObject({ mode: 'virtual' });
    const inPerson = await searchSlots(practice, { clinicId: clinic.id, serviceIds: videoOnly.id, mode: 'in_person', ...day });
    expect(inPerson.statusCode).toBe(400);
    expect(inPerson.json()).toMatchObject({ field: 'mode', code: 'mode_not_offered' });
  });

  it('gives nothing when a needed resource is deactivated', async () => {
    const { practice, clinic, provider } = await morningSetup();
    const room = await createResource(app, practice, clinic.id, { name: 'Treatment Room 1' });
    const facial = await createService(app, practice, { clinicIds: [clinic.id], resourceIds: [room.id], providerIds: [provider.id] });
    await app.inject({ method: 'PATCH', url: `/api/v1/resources/${room.id}`, headers: practice.owner.headers, payload: { active: false } });
    expect(
      await slotStarts(practice, { clinicId: clinic.id, serviceIds: facial.id, from: '2026-03-04T00:00:00Z', to: '2026-03-05T00:00:00Z' }),
    ).toEqual([]);
  });

  it('finds the providers unoccupied at an instant', async () => {
    const { practice, clinic, provider, service } = await morningSetup();
    const second = await createProvider(app, practice, { clinicIds: [clinic.id], serviceIds: [service.id] });
    const offDuty = await createProvider(app, practice, { clinicIds: [clinic.id], serviceIds: [service.id] });
    await replaceRules(app, practice, second.id, clinic.id, everyDay('09:00', '17:00'));
    await replaceRules(app, practice, offDuty.id, clinic.id, everyDay('13:00', '17:00'));
    plant(practice, { providerBusy: [{ providerId: second.id, start: at('2026-03-04T14:45:00Z'), end: at('2026-03-04T15:15:00Z') }] });
    const url = (start: string) =>
      `/api/v1/providers/available?clinicId=${clinic.id}&serviceIds=${service.id}&start=${encodeURIComponent(start)}`;
    const busyHalfHour = await app.inject({ method: 'GET', url: url('2026-03-04T14:30:00Z'), headers: practice.owner.headers });
    expect(busyHalfHour.statusCode, busyHalfHour.body).toBe(200);
    expect(busyHalfHour.json()).toEqual({
      start: '2026-03-04T14:30:00.000Z',
      end: '2026-03-04T15:30:00.000Z',
      items: [expect.objectContaining({ id: provider.id, displayName: provider.displayName })],
    });
    const afternoon = await app.inject({ method: 'GET', url: url('2026-03-04T19:00:00Z'), headers: practice.owner.headers });
    expect(
      afternoon
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([second.id, offDuty.id].sort());
  });

  it('lets a front desk search; every read role may', async () => {
    const { practice, clinic, service } = await morningSetup();
    const frontDesk = await practice.signInAs('front_desk');
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/availability?clinicId=${clinic.id}&serviceIds=${service.id}&from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z`,
      headers: frontDesk.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().slots).toHaveLength(9);
  });

  describe('bad input', () => {
    it.each([
      ['a range over 93 days', { from: '2026-03-01T00:00:00Z', to: '2026-06-03T00:00:01Z' }, 400, 'to'],
      ['to before from', { from: '2026-03-05T00:00:00Z', to: '2026-03-04T00:00:00Z' }, 400, 'to'],
      ['from without an offset', { from: '2026-03-04T00:00:00', to: '2026-03-05T00:00:00Z' }, 400, 'from'],
      ['neither serviceIds nor packageId', { serviceIds: undefined }, 400, 'serviceIds'],
      ['both serviceIds and packageId', { packageId: '00000000-0000-4000-8000-000000000000' }, 400, 'packageId'],
      ['a malformed service id', { serviceIds: 'SERVICE,nope' }, 400, 'serviceIds[1]'],
      ['an unknown service', { serviceIds: 'SERVICE,00000000-0000-4000-8000-000000000000' }, 404, 'serviceIds[1]'],
      ['an unknown clinic', { clinicId: '00000000-0000-4000-8000-000000000000' }, 404, 'clinicId'],
      ['an unknown provider', { providerId: '00000000-0000-4000-8000-000000000000' }, 404, 'providerId'],
      ['an unknown query parameter', { limit: '5' }, 400, 'limit'],
    ] as [string, Record<string, string | undefined>, number, string][])(
      'answers %s with a problem naming the field',
      async (_label, change, status, field) => {
        const { practice, clinic, service } = await morningSetup();
        const query: Record<string, string> = {};
        const base: Record<string, string | undefined> = {
          clinicId: clinic.id,
          serviceIds: service.id,
          from: '2026-03-04T00:00:00Z',
          to: '2026-03-05T00:00:00Z',
          ...change,
        };
        for (const [key, value] of Object.entries(base)) if (value !== undefined) query[key] = value.replace('SERVICE', service.id);
        const response = await searchSlots(practice, query);
        expect(response.statusCode, response.body).toBe(status);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().field).toBe(field);
      },
    );

    it('answers 400 for a service the clinic does not offer', async () => {
      const { practice, clinic } = await morningSetup();
      const elsewhere = await createService(app, practice);
      const response = await searchSlots(practice, {
        clinicId: clinic.id,
        serviceIds: elsewhere.id,
        from: '2026-03-04T00:00:00Z',
        to: '2026-03-05T00:00:00Z',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field: 'serviceIds[0]', code: 'not_offered_at_clinic' });
    });

    it('answers 404 for another practice’s clinic or service', async () => {
      const a = await morningSetup();
      const b = await morningSetup();
      const foreignClinic = await searchSlots(b.practice, {
        clinicId: a.clinic.id,
        serviceIds: b.service.id,
        from: '2026-03-04T00:00:00Z',
        to: '2026-03-05T00:00:00Z',
      });
      expect(foreignClinic.statusCode).toBe(404);
      expect(foreignClinic.json().field).toBe('clinicId');
      const foreignService = await searchSlots(b.practice, {
        clinicId: b.clinic.id,
        serviceIds: a.service.id,
        from: '2026-03-04T00:00:00Z',
        to: '2026-03-05T00:00:00Z',
      });
      expect(foreignService.statusCode).toBe(404);
      expect(foreignService.json().field).toBe('serviceIds[0]');
    });
  });
});
