import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { createClinic, createResource } from './practice-test-builders.ts';

const { app } = await createTestApp();

const soho = {
  name: 'Lumière Aesthetics — SoHo',
  addressLine1: '120 Prince St',
  addressLine2: 'Floor 2',
  city: 'New York',
  region: 'NY',
  postalCode: '10012',
  country: 'US',
  phone: '+1 212 555 0142',
  timezone: 'America/New_York',
  notificationEmail: 'SoHo@Lumiere.example',
  smsNotificationPhone: '+12125550142',
};

describe('clinics', () => {
  it('creates a clinic with every field and default availability settings, and reads it back', async () => {
    const practice = await createTestPractice(app);
    const created = await app.inject({ method: 'POST', url: '/api/v1/clinics', headers: practice.owner.headers, payload: soho });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const clinic = created.json();
    expect(created.headers.location).toBe(`/api/v1/clinics/${clinic.id}`);

    const read = await app.inject({ method: 'GET', url: `/api/v1/clinics/${clinic.id}`, headers: practice.owner.headers });
    expect(read.json()).toMatchObject({
      ...soho,
      notificationEmail: 'soho@lumiere.example',
      slotStepMinutes: 15,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 365,
      active: true,
      version: 1,
    });
  });

  it('lets every staff role read clinics but only owners and admins write them', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    for (const role of ['provider', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      const list = await app.inject({ method: 'GET', url: '/api/v1/clinics', headers: member.headers });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([clinic.id]);
      const post = await app.inject({
        method: 'POST',
        url: '/api/v1/clinics',
        headers: member.headers,
        payload: { name: 'Sneaky', timezone: 'UTC' },
      });
      expect(post.statusCode).toBe(403);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/clinics/${clinic.id}`,
        headers: member.headers,
        payload: { name: 'Renamed' },
      });
      expect(patch.statusCode).toBe(403);
      const remove = await app.inject({ method: 'DELETE', url: `/api/v1/clinics/${clinic.id}`, headers: member.headers });
      expect(remove.statusCode).toBe(403);
    }
    const admin = await practice.signInAs('admin');
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${clinic.id}`,
      headers: admin.headers,
      payload: { name: 'Renamed by admin' },
    });
    expect(patch.statusCode).toBe(200);
  });

  it('refuses anonymous reads', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/clinics' });
    expect(response.statusCode).toBe(401);
  });

  it('hides another practice’s clinic: 404 on read, write and delete', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    const clinic = await createClinic(app, practiceA);
    const read = await app.inject({ method: 'GET', url: `/api/v1/clinics/${clinic.id}`, headers: practiceB.owner.headers });
    expect(read.statusCode).toBe(404);
    expect(read.json()).toMatchObject({ code: 'not_found', field: 'clinicId' });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${clinic.id}`,
      headers: practiceB.owner.headers,
      payload: { name: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
    const remove = await app.inject({ method: 'DELETE', url: `/api/v1/clinics/${clinic.id}`, headers: practiceB.owner.headers });
    expect(remove.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/v1/clinics', headers: practiceB.owner.headers });
    expect(list.json().items).toEqual([]);
    const stillThere = await app.inject({ method: 'GET', url: `/api/v1/clinics/${clinic.id}`, headers: practiceA.owner.headers });
    expect(stillThere.json().name).toBe(clinic.name);
  });

  it('deactivates with PATCH, filters by active, and bumps the version', async () => {
    const practice = await createTestPractice(app);
    const open = await createClinic(app, practice, { name: 'Open' });
    const closing = await createClinic(app, practice, { name: 'Closing' });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${closing.id}`,
      headers: practice.owner.headers,
      payload: { active: false },
    });
    expect(patch.json()).toMatchObject({ active: false, version: 2 });
    expect(patch.headers.etag).toBe('"2"');
    const active = await app.inject({ method: 'GET', url: '/api/v1/clinics?active=true', headers: practice.owner.headers });
    expect(active.json().items.map((item: { id: string }) => item.id)).toEqual([open.id]);
    const inactive = await app.inject({ method: 'GET', url: '/api/v1/clinics?active=false', headers: practice.owner.headers });
    expect(inactive.json().items.map((item: { id: string }) => item.id)).toEqual([closing.id]);
  });

  it('refuses a PATCH whose If-Match names an older version with 412', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    const first = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${clinic.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { phone: '+1 212 555 0100' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${clinic.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { phone: '+1 212 555 0199' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'stale_version', field: 'If-Match' });
    const read = await app.inject({ method: 'GET', url: `/api/v1/clinics/${clinic.id}`, headers: practice.owner.headers });
    expect(read.json()).toMatchObject({ phone: '+1 212 555 0100', version: 2 });
  });

  it('clears an optional field with null', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice, { addressLine2: 'Suite 5' });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${clinic.id}`,
      headers: practice.owner.headers,
      payload: { addressLine2: null },
    });
    expect(patch.json().addressLine2).toBeNull();
  });

  it('refuses a second clinic with the same name with 409', async () => {
    const practice = await createTestPractice(app);
    await createClinic(app, practice, { name: 'Upper East Side' });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/clinics',
      headers: practice.owner.headers,
      payload: { name: 'upper east side', timezone: 'UTC' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'name_taken', field: 'name' });
  });

  it('deletes a clinic nothing refers to, and answers 409 for one with resources', async () => {
    const practice = await createTestPractice(app);
    const empty = await createClinic(app, practice);
    const remove = await app.inject({ method: 'DELETE', url: `/api/v1/clinics/${empty.id}`, headers: practice.owner.headers });
    expect(remove.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/clinics/${empty.id}`, headers: practice.owner.headers })).statusCode).toBe(404);

    const equipped = await createClinic(app, practice);
    await createResource(app, practice, equipped.id);
    const refused = await app.inject({ method: 'DELETE', url: `/api/v1/clinics/${equipped.id}`, headers: practice.owner.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'still_referenced' });
    expect(refused.json().detail).toContain('Deactivate it instead');
  });

  it('records an audit event for each write', async () => {
    const practice = await createTestPractice(app);
    const clinic = await createClinic(app, practice);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${clinic.id}`,
      headers: practice.owner.headers,
      payload: { timezone: 'America/Chicago' },
    });
    await app.inject({ method: 'DELETE', url: `/api/v1/clinics/${clinic.id}`, headers: practice.owner.headers });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?objectType=clinic&objectId=${clinic.id}`,
      headers: practice.owner.headers,
    });
    const events = audit.json().items as { action: string; actorId: string; details: Record<string, unknown> }[];
    expect(events.map((event) => event.action)).toEqual(['clinic.delete', 'clinic.update', 'clinic.create']);
    expect(events.every((event) => event.actorId === practice.owner.id)).toBe(true);
    expect(events[1]?.details).toEqual({ changes: { timezone: { from: 'America/New_York', to: 'America/Chicago' } } });
  });

  describe('bad input: 400 problem+json naming the field, nothing written', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown zone', { name: 'X', timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['zone abbreviation', { name: 'X', timezone: 'EST5EDT_NOPE' }, 'timezone'],
      ['missing zone', { name: 'X' }, 'timezone'],
      ['empty name', { name: '  ', timezone: 'UTC' }, 'name'],
      ['SMS phone not E.164', { name: 'X', timezone: 'UTC', smsNotificationPhone: '212-555-0142' }, 'smsNotificationPhone'],
      ['bad notification email', { name: 'X', timezone: 'UTC', notificationEmail: 'front desk' }, 'notificationEmail'],
      ['lower-case country', { name: 'X', timezone: 'UTC', country: 'us' }, 'country'],
      ['slot step 0', { name: 'X', timezone: 'UTC', slotStepMinutes: 0 }, 'slotStepMinutes'],
      ['negative notice', { name: 'X', timezone: 'UTC', minimumNoticeMinutes: -5 }, 'minimumNoticeMinutes'],
      ['horizon 0', { name: 'X', timezone: 'UTC', bookingHorizonDays: 0 }, 'bookingHorizonDays'],
      ['unknown field', { name: 'X', timezone: 'UTC', colour: 'red' }, 'colour'],
    ];
    it.each(cases)('POST /clinics: %s', async (_label, body, field) => {
      const practice = await createTestPractice(app);
      const response = await app.inject({ method: 'POST', url: '/api/v1/clinics', headers: practice.owner.headers, payload: body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().field).toBe(field);
      const list = await app.inject({ method: 'GET', url: '/api/v1/clinics', headers: practice.owner.headers });
      expect(list.json().items).toEqual([]);
    });

    const patchCases: [string, Record<string, unknown>, string][] = [
      ['unknown zone', { timezone: 'America/Gotham' }, 'timezone'],
      ['empty body', {}, 'body'],
      ['slot step too large', { slotStepMinutes: 600 }, 'slotStepMinutes'],
      ['active not boolean', { active: 'no' }, 'active'],
    ];
    it.each(patchCases)('PATCH /clinics/:id: %s', async (_label, body, field) => {
      const practice = await createTestPractice(app);
      const clinic = await createClinic(app, practice);
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/clinics/${clinic.id}`,
        headers: practice.owner.headers,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().field).toBe(field);
      const read = await app.inject({ method: 'GET', url: `/api/v1/clinics/${clinic.id}`, headers: practice.owner.headers });
      expect(read.json().version).toBe(1);
    });

    it('names a malformed id in the path', async () => {
      const practice = await createTestPractice(app);
      const response = await app.inject({ method: 'GET', url: '/api/v1/clinics/not-a-uuid', headers: practice.owner.headers });
      expect(response.statusCode).toBe(400);
      expect(response.json().field).toBe('clinicId');
    });
  });
});
