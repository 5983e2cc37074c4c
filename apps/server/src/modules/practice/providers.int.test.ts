import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { createClinic, createProvider, createService, everyDay, replaceRules } from './practice-test-builders.ts';

const { app } = await createTestApp();

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function putRules(practice: TestPractice, providerId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PUT', url: `/api/v1/providers/${providerId}/schedule-rules`, headers: practice.owner.headers, payload });
}

async function readRules(practice: TestPractice, providerId: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/providers/${providerId}/schedule-rules`,
    headers: practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    items: { weekday: number; start: string; end: string; clinicId: string; effectiveFrom: string; effectiveTo: string | null }[];
  }>().items;
}

async function readSchedule(practice: TestPractice, providerId: string, from: string, to: string, extra = '') {
  return app.inject({
    method: 'GET',
    url: `/api/v1/providers/${providerId}/schedule?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`,
    headers: practice.owner.headers,
  });
}

describe('providers', () => {
  it('makes a staff member bookable with clinics, services, color and a virtual room', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const botox = await createService(app, practice, { clinicIds: [clinic.id] });
    const member = await practice.signInAs('provider', { displayName: 'Sofia Ramirez' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: practice.owner.headers,
      payload: {
        staffId: member.id,
        title: 'NP',
        color: '#7C3AED',
        virtualRoomUrl: 'https://meet.example.com/sofia',
        clinicIds: [clinic.id],
        serviceIds: [botox.id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      staffId: member.id,
      displayName: 'Sofia Ramirez',
      title: 'NP',
      color: '#7c3aed',
      virtualRoomUrl: 'https://meet.example.com/sofia',
      clinicIds: [clinic.id],
      serviceIds: [botox.id],
      active: true,
      version: 1,
    });
    const service = await app.inject({ method: 'GET', url: `/api/v1/services/${botox.id}`, headers: practice.owner.headers });
    expect(service.json().providerIds).toEqual([created.json().id]);
  });

  it('filters by clinic, service and active', async () => {
    const practice = await createTestPractice(app);
    const soho = await createClinic(app, practice);
    const west = await createClinic(app, practice, { timezone: 'America/Los_Angeles' });
    const filler = await createService(app, practice);
    const east = await createProvider(app, practice, { clinicIds: [soho.id], serviceIds: [filler.id] });
    const both = await createProvider(app, practice, { clinicIds: [soho.id, west.id] });
    const ids = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/providers${query}`, headers: practice.owner.headers }))
        .json<{ items: { id: string }[] }>()
        .items.map((item) => item.id);
    expect((await ids(`?clinicId=${soho.id}`)).sort()).toEqual([east.id, both.id].sort());
    expect(await ids(`?clinicId=${west.id}`)).toEqual([both.id]);
    expect(await ids(`?serviceId=${filler.id}`)).toEqual([east.id]);
    await app.inject({ method: 'PATCH', url: `/api/v1/providers/${east.id}`, headers: practice.owner.headers, payload: { active: false } });
    expect(await ids('?active=true')).toEqual([both.id]);
  });

  it('refuses a second provider profile for the same staff member with 409', async () => {
    const practice = await createTestPractice(app);
    const provider = await createProvider(app, practice);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: practice.owner.headers,
      payload: { staffId: provider.staffId },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'provider_exists', field: 'staffId' });
  });

  it('refuses a stale If-Match with 412', async () => {
    const practice = await createTestPractice(app);
    const provider = await createProvider(app, practice);
    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { title: 'RN' },
    });
    expect(ok.json()).toMatchObject({ title: 'RN', version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { title: 'NP' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('keeps writes to owners and admins, and another practice cannot see or use them', async () => {
    const practice = await createTestPractice(app);
    const other = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    for (const role of ['provider', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      expect((await app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}`, headers: member.headers })).statusCode).toBe(200);
      expect(
        (await app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}/schedule-rules`, headers: member.headers })).statusCode,
      ).toBe(200);
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/providers', headers: member.headers, payload: { staffId: member.id } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await app.inject({ method: 'PATCH', url: `/api/v1/providers/${provider.id}`, headers: member.headers, payload: { title: 'MD' } }))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/providers/${provider.id}/schedule-rules`,
            headers: member.headers,
            payload: { clinicId: clinic.id, rules: [] },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/api/v1/providers/${provider.id}/schedule-overrides`,
            headers: member.headers,
            payload: { clinicId: clinic.id, localDate: '2026-05-01', intervals: [] },
          })
        ).statusCode,
      ).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}`, headers: other.owner.headers })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}/schedule-rules`, headers: other.owner.headers }))
        .statusCode,
    ).toBe(404);
    expect((await putRules(other, provider.id, { clinicId: clinic.id, rules: [] })).statusCode).toBe(404);
    // Another practice's staff member cannot be made a provider here.
    const foreignStaff = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: other.owner.headers,
      payload: { staffId: provider.staffId },
    });
    expect(foreignStaff.statusCode).toBe(400);
    expect(foreignStaff.json()).toMatchObject({ field: 'staffId', code: 'unknown_id' });
  });

  it('deletes a provider nothing refers to, with their schedule', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    await replaceRules(app, practice, provider.id, clinic.id, everyDay('09:00', '17:00'));
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/providers/${provider.id}`, headers: practice.owner.headers })).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/providers/${provider.id}`, headers: practice.owner.headers })).statusCode).toBe(
      404,
    );
  });

  it.each([
    ['unknown staff member', { staffId: UNKNOWN_ID }, 'staffId'],
    ['bad color', { color: 'purple' }, 'color'],
    ['http virtual room', { virtualRoomUrl: 'http://meet.example.com/x' }, 'virtualRoomUrl'],
    ['unknown clinic', { clinicIds: [UNKNOWN_ID] }, 'clinicIds[0]'],
    ['unknown service', { serviceIds: [UNKNOWN_ID] }, 'serviceIds[0]'],
    ['empty display name', { displayName: ' ' }, 'displayName'],
  ] as [string, Record<string, unknown>, string][])(
    'POST /providers refuses %s with 400 naming the field',
    async (_label, change, field) => {
      const practice = await createTestPractice(app);
      const member = await practice.signInAs('provider');
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: practice.owner.headers,
        payload: { staffId: member.id, ...change },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      const list = await app.inject({ method: 'GET', url: '/api/v1/providers', headers: practice.owner.headers });
      expect(list.json().items).toEqual([]);
    },
  );

  it('refuses to make a deactivated staff member a provider', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('provider');
    await app.inject({ method: 'PATCH', url: `/api/v1/staff/${member.id}`, headers: practice.owner.headers, payload: { active: false } });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: practice.owner.headers,
      payload: { staffId: member.id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'staffId', code: 'inactive' });
  });
});

describe('weekly schedule rules', () => {
  it('replaces a provider’s rules at one clinic atomically and leaves the other clinic alone', async () => {
    const practice = await createTestPractice(app);
    const soho = await createClinic(app, practice);
    const west = await createClinic(app, practice, { timezone: 'America/Los_Angeles' });
    const provider = await createProvider(app, practice, { clinicIds: [soho.id, west.id] });
    const lunchBreak = [
      { weekday: 1, start: '09:00', end: '12:00', effectiveFrom: '2026-01-05' },
      { weekday: 1, start: '13:00', end: '18:00', effectiveFrom: '2026-01-05' },
    ];
    expect((await putRules(practice, provider.id, { clinicId: soho.id, rules: lunchBreak })).statusCode).toBe(200);
    expect(
      (
        await putRules(practice, provider.id, {
          clinicId: west.id,
          rules: [{ weekday: 2, start: '10:00', end: '19:00', effectiveFrom: '2026-01-05' }],
        })
      ).statusCode,
    ).toBe(200);
    const replaced = await putRules(practice, provider.id, {
      clinicId: soho.id,
      rules: [{ weekday: 3, start: '08:00', end: '24:00', effectiveFrom: '2026-02-01', effectiveTo: '2026-06-30' }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().items).toEqual([
      expect.objectContaining({
        clinicId: soho.id,
        weekday: 3,
        start: '08:00',
        end: '24:00',
        effectiveFrom: '2026-02-01',
        effectiveTo: '2026-06-30',
      }),
    ]);
    const all = await readRules(practice, provider.id);
    const labelled = all.map((rule) => [rule.clinicId === soho.id ? 'soho' : 'west', rule.weekday, rule.start, rule.end]);
    expect(labelled.sort()).toEqual([
      ['soho', 3, '08:00', '24:00'],
      ['west', 2, '10:00', '19:00'],
    ]);
  });

  it('starts rules without effectiveFrom on the clinic’s today', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice, { timezone: 'Pacific/Kiritimati' });
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    const response = await putRules(practice, provider.id, { clinicId: clinic.id, rules: [{ weekday: 1, start: '09:00', end: '17:00' }] });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    expect(response.json().items[0].effectiveFrom).toBe(today);
  });

  it('audits a replacement with the rules before and after', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    await putRules(practice, provider.id, {
      clinicId: clinic.id,
      rules: [{ weekday: 1, start: '09:00', end: '17:00', effectiveFrom: '2026-01-01' }],
    });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?action=provider.schedule_rules.replace&objectId=${provider.id}`,
      headers: practice.owner.headers,
    });
    expect(audit.json().items[0].details).toEqual({
      clinicId: clinic.id,
      before: [],
      after: [{ weekday: 1, start: '09:00', end: '17:00', effectiveFrom: '2026-01-01', effectiveTo: null }],
    });
  });

  it('refuses to remove a clinic where the provider still has hours, with 409', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    await replaceRules(app, practice, provider.id, clinic.id, everyDay('09:00', '17:00'));
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: practice.owner.headers,
      payload: { clinicIds: [] },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'has_schedule_at_clinic', field: 'clinicIds' });
    await putRules(practice, provider.id, { clinicId: clinic.id, rules: [] });
    const after = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: practice.owner.headers,
      payload: { clinicIds: [] },
    });
    expect(after.statusCode).toBe(200);
  });

  describe('bad input: 400 naming the field, the old rules kept', () => {
    it.each([
      ['end before start', [{ weekday: 1, start: '17:00', end: '09:00' }], 'rules[0].end'],
      ['end equal to start', [{ weekday: 1, start: '09:00', end: '09:00' }], 'rules[0].end'],
      ['start at 24:00', [{ weekday: 1, start: '24:00', end: '24:00' }], 'rules[0].start'],
      ['a time that is not HH:MM', [{ weekday: 1, start: '9am', end: '17:00' }], 'rules[0].start'],
      ['minute 60', [{ weekday: 1, start: '09:60', end: '17:00' }], 'rules[0].start'],
      ['weekday 0', [{ weekday: 0, start: '09:00', end: '17:00' }], 'rules[0].weekday'],
      ['weekday 8', [{ weekday: 8, start: '09:00', end: '17:00' }], 'rules[0].weekday'],
      [
        'effectiveTo before effectiveFrom',
        [{ weekday: 1, start: '09:00', end: '17:00', effectiveFrom: '2026-05-01', effectiveTo: '2026-04-30' }],
        'rules[0].effectiveTo',
      ],
      ['an impossible date', [{ weekday: 1, start: '09:00', end: '17:00', effectiveFrom: '2026-02-30' }], 'rules[0].effectiveFrom'],
      [
        'overlapping intervals on one weekday',
        [
          { weekday: 2, start: '09:00', end: '13:00', effectiveFrom: '2026-01-01' },
          { weekday: 2, start: '12:30', end: '18:00', effectiveFrom: '2026-01-01' },
        ],
        'rules[1]',
      ],
      [
        'overlapping effective ranges with overlapping hours',
        [
          { weekday: 5, start: '09:00', end: '17:00', effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' },
          { weekday: 5, start: '10:00', end: '12:00', effectiveFrom: '2026-06-30' },
        ],
        'rules[1]',
      ],
      ['an unknown field', [{ weekday: 1, start: '09:00', end: '17:00', zone: 'UTC' }], 'rules[0].zone'],
    ] as [string, Record<string, unknown>[], string][])('%s', async (_label, rules, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
      await replaceRules(app, practice, provider.id, clinic.id, [
        { weekday: 7, start: '10:00', end: '14:00', effectiveFrom: '2026-01-01' },
      ]);
      const response = await putRules(practice, provider.id, { clinicId: clinic.id, rules });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().field).toBe(field);
      expect((await readRules(practice, provider.id)).map((rule) => [rule.weekday, rule.start, rule.end])).toEqual([[7, '10:00', '14:00']]);
    });

    it('accepts touching intervals and the same hours in consecutive effective ranges', async () => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
      const response = await putRules(practice, provider.id, {
        clinicId: clinic.id,
        rules: [
          { weekday: 5, start: '18:00', end: '24:00', effectiveFrom: '2026-01-01' },
          { weekday: 5, start: '09:00', end: '18:00', effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31' },
          { weekday: 5, start: '09:00', end: '18:00', effectiveFrom: '2026-04-01' },
          { weekday: 6, start: '00:00', end: '02:00', effectiveFrom: '2026-01-01' },
        ],
      });
      expect(response.statusCode, response.body).toBe(200);
    });

    it('names the clinic when the provider does not work there or it is unknown', async () => {
      const practice = await createTestPractice(app);
      const home = await createClinic(app, practice);
      const elsewhere = await createClinic(app, practice);
      const provider = await createProvider(app, practice, { clinicIds: [home.id] });
      const notThere = await putRules(practice, provider.id, {
        clinicId: elsewhere.id,
        rules: [{ weekday: 1, start: '09:00', end: '17:00' }],
      });
      expect(notThere.statusCode).toBe(400);
      expect(notThere.json()).toMatchObject({ field: 'clinicId', code: 'provider_not_at_clinic' });
      const unknown = await putRules(practice, provider.id, { clinicId: UNKNOWN_ID, rules: [] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ field: 'clinicId', code: 'unknown_id' });
    });
  });
});

describe('schedule overrides and working intervals', () => {
  it('shows working intervals in UTC and clinic-local time across the New York spring-forward change', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice, { timezone: 'America/New_York' });
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    await replaceRules(app, practice, provider.id, clinic.id, [
      { weekday: 6, start: '09:00', end: '12:00', effectiveFrom: '2026-01-01' },
      { weekday: 7, start: '09:00', end: '12:00', effectiveFrom: '2026-01-01' },
      { weekday: 7, start: '13:00', end: '17:00', effectiveFrom: '2026-01-01' },
    ]);
    const response = await readSchedule(practice, provider.id, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().intervals).toEqual([
      {
        clinicId: clinic.id,
        start: '2026-03-07T14:00:00.000Z',
        end: '2026-03-07T17:00:00.000Z',
        localDate: '2026-03-07',
        localStart: '2026-03-07T09:00-05:00',
        localEnd: '2026-03-07T12:00-05:00',
        source: 'weekly',
      },
      {
        clinicId: clinic.id,
        start: '2026-03-08T13:00:00.000Z',
        end: '2026-03-08T16:00:00.000Z',
        localDate: '2026-03-08',
        localStart: '2026-03-08T09:00-04:00',
        localEnd: '2026-03-08T12:00-04:00',
        source: 'weekly',
      },
      {
        clinicId: clinic.id,
        start: '2026-03-08T17:00:00.000Z',
        end: '2026-03-08T21:00:00.000Z',
        localDate: '2026-03-08',
        localStart: '2026-03-08T13:00-04:00',
        localEnd: '2026-03-08T17:00-04:00',
        source: 'weekly',
      },
    ]);
  });

  it('replaces a date’s hours with an override, lists it, and restores the weekly hours when it is deleted', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice, { timezone: 'America/Los_Angeles' });
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    await replaceRules(app, practice, provider.id, clinic.id, everyDay('09:00', '17:00'));
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/schedule-overrides`,
      headers: practice.owner.headers,
      payload: {
        clinicId: clinic.id,
        localDate: '2026-07-03',
        intervals: [
          { start: '14:00', end: '16:00' },
          { start: '08:00', end: '11:00' },
        ],
        note: 'Half day',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      localDate: '2026-07-03',
      intervals: [
        { start: '08:00', end: '11:00' },
        { start: '14:00', end: '16:00' },
      ],
      note: 'Half day',
    });
    const overrideId = created.json().id;

    const day = await readSchedule(practice, provider.id, '2026-07-03T07:00:00Z', '2026-07-04T07:00:00Z');
    expect(
      day
        .json()
        .intervals.map((interval: { localStart: string; localEnd: string; source: string }) => [
          interval.localStart,
          interval.localEnd,
          interval.source,
        ]),
    ).toEqual([
      ['2026-07-03T08:00-07:00', '2026-07-03T11:00-07:00', 'override'],
      ['2026-07-03T14:00-07:00', '2026-07-03T16:00-07:00', 'override'],
    ]);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/providers/${provider.id}/schedule-overrides?fromDate=2026-07-01&toDate=2026-07-31`,
      headers: practice.owner.headers,
    });
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([overrideId]);

    const duplicate = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/schedule-overrides`,
      headers: practice.owner.headers,
      payload: { clinicId: clinic.id, localDate: '2026-07-03', intervals: [] },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'override_exists', field: 'localDate' });

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${provider.id}/schedule-overrides/${overrideId}`,
      headers: practice.owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${provider.id}/schedule-overrides/${overrideId}`,
      headers: practice.owner.headers,
    });
    expect(again.statusCode).toBe(404);
    const restored = await readSchedule(practice, provider.id, '2026-07-03T07:00:00Z', '2026-07-04T07:00:00Z');
    expect(
      restored.json().intervals.map((interval: { localStart: string; source: string }) => [interval.localStart, interval.source]),
    ).toEqual([['2026-07-03T09:00-07:00', 'weekly']]);
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?objectType=provider&objectId=${provider.id}`,
      headers: practice.owner.headers,
    });
    expect(audit.json().items.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining(['provider.schedule_override.create', 'provider.schedule_override.delete']),
    );
  });

  it('shows no hours on a day-off override', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
    await replaceRules(app, practice, provider.id, clinic.id, everyDay('09:00', '17:00'));
    await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/schedule-overrides`,
      headers: practice.owner.headers,
      payload: { clinicId: clinic.id, localDate: '2026-05-25', intervals: [] },
    });
    const schedule = await readSchedule(practice, provider.id, '2026-05-25T04:00:00Z', '2026-05-26T04:00:00Z');
    expect(schedule.json().intervals).toEqual([]);
  });

  it.each([
    ['end before start', { intervals: [{ start: '15:00', end: '10:00' }] }, 'intervals[0].end'],
    [
      'overlapping intervals',
      {
        intervals: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
      'intervals[1]',
    ],
    ['a bad date', { localDate: '2026-13-01' }, 'localDate'],
    ['missing intervals', { intervals: undefined }, 'intervals'],
    ['an unknown clinic', { clinicId: UNKNOWN_ID }, 'clinicId'],
  ] as [string, Record<string, unknown>, string][])(
    'POST schedule-overrides refuses %s with 400 naming the field',
    async (_label, change, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const provider = await createProvider(app, practice, { clinicIds: [clinic.id] });
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/providers/${provider.id}/schedule-overrides`,
        headers: practice.owner.headers,
        payload: { clinicId: clinic.id, localDate: '2026-05-01', intervals: [{ start: '09:00', end: '12:00' }], ...change },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      const listed = await app.inject({
        method: 'GET',
        url: `/api/v1/providers/${provider.id}/schedule-overrides`,
        headers: practice.owner.headers,
      });
      expect(listed.json().items).toEqual([]);
    },
  );

  it.each([
    ['a range over 93 days', '2026-01-01T00:00:00Z', '2026-04-05T00:00:00Z', 'to'],
    ['to before from', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', 'to'],
    ['a date without time', '2026-01-01', '2026-01-02T00:00:00Z', 'from'],
  ])('GET schedule refuses %s with 400 naming the field', async (_label, from, to, field) => {
    const practice = await createTestPractice(app);
    const provider = await createProvider(app, practice);
    const response = await readSchedule(practice, provider.id, from, to);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().field).toBe(field);
  });
});
