import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice, setProvidersManageAllAppointments, type TestPractice } from '../../testing/test-app.ts';

const { app } = await createTestApp();

async function createPatient(practice: TestPractice, body: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/patients', headers: practice.owner.headers, payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; version: number; possibleDuplicates: { id: string; matchedOn: string[] }[] }>();
}

async function search(practice: TestPractice, q: string): Promise<string[]> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/patients?q=${encodeURIComponent(q)}`, headers: practice.owner.headers });
  expect(response.statusCode).toBe(200);
  return response
    .json<{ items: { firstName: string; lastName: string }[] }>()
    .items.map((patient) => `${patient.firstName} ${patient.lastName}`);
}

describe('patient profiles', () => {
  it('creates a patient with every profile field and reads it back', async () => {
    const practice = await createTestPractice(app);
    const body = {
      firstName: 'Camila',
      lastName: 'Ortega',
      email: 'Camila.Ortega@Example.com',
      phone: '+12125550143',
      dateOfBirth: '1988-04-12',
      gender: 'female',
      addressLine1: '200 Spring St',
      addressLine2: 'Apt 4B',
      city: 'New York',
      region: 'NY',
      postalCode: '10012',
      country: 'US',
      notes: 'Prefers afternoon appointments.',
      marketingConsent: true,
      preferredChannel: 'sms',
    };
    const created = await createPatient(practice, body);
    const read = await app.inject({ method: 'GET', url: `/api/v1/patients/${created.id}`, headers: practice.owner.headers });
    expect(read.json()).toMatchObject({ ...body, email: 'camila.ortega@example.com', version: 1 });
    expect(read.json().marketingConsentAt).toEqual(expect.any(String));
  });

  it('warns about profiles sharing the email or phone but still creates the patient', async () => {
    const practice = await createTestPractice(app);
    const parent = await createPatient(practice, {
      firstName: 'Dana',
      lastName: 'Reyes',
      email: 'reyes.family@example.com',
      phone: '+13105550100',
    });
    const child = await createPatient(practice, {
      firstName: 'Mia',
      lastName: 'Reyes',
      email: 'reyes.family@example.com',
      phone: '+13105550100',
    });
    expect(child.id).not.toBe(parent.id);
    expect(child.possibleDuplicates).toEqual([expect.objectContaining({ id: parent.id, matchedOn: ['email', 'phone'] })]);
  });

  it('warns about the same name and date of birth', async () => {
    const practice = await createTestPractice(app);
    const first = await createPatient(practice, { firstName: 'Noah', lastName: 'Kim', dateOfBirth: '1990-01-02' });
    const check = await app.inject({
      method: 'POST',
      url: '/api/v1/patients/duplicate-check',
      headers: practice.owner.headers,
      payload: { firstName: 'noah', lastName: 'KIM', dateOfBirth: '1990-01-02' },
    });
    expect(check.json().possibleDuplicates).toEqual([expect.objectContaining({ id: first.id, matchedOn: ['name_and_date_of_birth'] })]);
  });

  it('edits a profile, bumps its version and refuses a stale If-Match', async () => {
    const practice = await createTestPractice(app);
    const patient = await createPatient(practice, { firstName: 'Ava', lastName: 'Stone' });
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${patient.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { phone: '+14155550111', notes: null },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ phone: '+14155550111', version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${patient.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { firstName: 'Eve' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('hides another practice’s patient (404) for reads and edits', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    const patient = await createPatient(practiceB, { firstName: 'Private', lastName: 'Person' });
    expect((await app.inject({ method: 'GET', url: `/api/v1/patients/${patient.id}`, headers: practiceA.owner.headers })).statusCode).toBe(
      404,
    );
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/patients/${patient.id}`,
          headers: practiceA.owner.headers,
          payload: { firstName: 'X' },
        })
      ).statusCode,
    ).toBe(404);
    expect(await search(practiceA, 'Private')).toEqual([]);
  });

  it('lets every staff role read patients when providers may see every client', async () => {
    const practice = await createTestPractice(app);
    await setProvidersManageAllAppointments(app, practice, true);
    const patient = await createPatient(practice, { firstName: 'Lena', lastName: 'Fox' });
    for (const role of ['admin', 'provider', 'front_desk'] as const) {
      const member = await practice.signInAs(role);
      expect((await app.inject({ method: 'GET', url: `/api/v1/patients/${patient.id}`, headers: member.headers })).statusCode).toBe(200);
    }
  });

  it.each([
    ['firstName', { lastName: 'Only' }],
    ['email', { firstName: 'A', lastName: 'B', email: 'not-an-email' }],
    ['phone', { firstName: 'A', lastName: 'B', phone: '212-555-0100' }],
    ['dateOfBirth', { firstName: 'A', lastName: 'B', dateOfBirth: '1985-02-30' }],
    ['dateOfBirth', { firstName: 'A', lastName: 'B', dateOfBirth: '1850-01-01' }],
    ['gender', { firstName: 'A', lastName: 'B', gender: 'unknown' }],
    ['country', { firstName: 'A', lastName: 'B', country: 'USA' }],
    ['firstName', { firstName: 'A'.repeat(101), lastName: 'B' }],
    ['notes', { firstName: 'A', lastName: 'B', notes: 'N'.repeat(5001) }],
    ['ssn', { firstName: 'A', lastName: 'B', ssn: '123' }],
  ])('refuses a body with a bad %s and writes nothing', async (field, body) => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'POST', url: '/api/v1/patients', headers: practice.owner.headers, payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
    const list = await app.inject({ method: 'GET', url: '/api/v1/patients', headers: practice.owner.headers });
    expect(list.json().items).toEqual([]);
  });
});

describe('patient search', () => {
  async function practiceWithPatients() {
    const practice = await createTestPractice(app);
    for (const patient of [
      { firstName: 'Jane', lastName: 'Smith', email: 'jane.smith@example.com', phone: '+12125550199' },
      { firstName: 'Janet', lastName: 'Smithers', email: 'janet@example.org', phone: '+12125550200' },
      { firstName: 'Adam', lastName: 'Jansen', email: 'adam@jansen.net', phone: '+16465550101' },
      { firstName: 'Liam', lastName: 'Brown', email: 'lbrown@example.com', phone: '+13125550102' },
    ]) {
      await createPatient(practice, patient);
    }
    return practice;
  }

  it('finds patients by any part of the name, ranking exact and prefix matches first', async () => {
    const practice = await practiceWithPatients();
    expect(await search(practice, 'smith')).toEqual(['Jane Smith', 'Janet Smithers']);
    expect((await search(practice, 'jan')).sort()).toEqual(['Adam Jansen', 'Jane Smith', 'Janet Smithers']);
    expect(await search(practice, 'jane')).toEqual(['Jane Smith', 'Janet Smithers']);
    expect(await search(practice, 'jane smi')).toEqual(['Jane Smith', 'Janet Smithers']);
    expect(await search(practice, 'liam smith')).toEqual([]);
    expect(await search(practice, 'mither')).toEqual(['Janet Smithers']);
  });

  it('finds patients by email and by phone in any format', async () => {
    const practice = await practiceWithPatients();
    expect(await search(practice, 'lbrown@')).toEqual(['Liam Brown']);
    expect(await search(practice, '(212) 555-0199')).toEqual(['Jane Smith']);
    expect(await search(practice, '+1646')).toEqual(['Adam Jansen']);
    expect(await search(practice, '5550102')).toEqual(['Liam Brown']);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const practice = await practiceWithPatients();
    expect(await search(practice, '%')).toEqual([]);
    expect(await search(practice, '___')).toEqual([]);
  });

  it('lists patients alphabetically in pages that neither repeat nor skip', async () => {
    const practice = await practiceWithPatients();
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/patients?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.inject({ method: 'GET', url, headers: practice.owner.headers });
      const body = page.json<{ items: { lastName: string }[]; nextCursor: string | null }>();
      names.push(...body.items.map((patient) => patient.lastName));
      cursor = body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Brown', 'Jansen', 'Smith', 'Smithers']);
  });

  it('refuses a forged cursor', async () => {
    const practice = await practiceWithPatients();
    const response = await app.inject({ method: 'GET', url: '/api/v1/patients?cursor=bm9wZQ', headers: practice.owner.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('cursor');
  });
});

describe('patient data access is audited', () => {
  it('records every read, search, create and edit with the staff member and request', async () => {
    const practice = await createTestPractice(app);
    const patient = await createPatient(practice, { firstName: 'Audit', lastName: 'Trail' });
    await app.inject({ method: 'GET', url: `/api/v1/patients/${patient.id}`, headers: practice.owner.headers });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${patient.id}`,
      headers: practice.owner.headers,
      payload: { notes: 'Allergic to lidocaine' },
    });
    await search(practice, 'Audit');
    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit-events?objectType=patient', headers: practice.owner.headers });
    const events = audit.json<{ items: { action: string; objectId: string | null; actorId: string; details: Record<string, unknown> }[] }>()
      .items;
    expect(events.map((event) => event.action)).toEqual(['patient.search', 'patient.update', 'patient.read', 'patient.create']);
    expect(events.every((event) => event.actorId === practice.owner.id)).toBe(true);
    expect(events[0]?.details).toMatchObject({ patientIds: [patient.id] });
    expect(events[1]?.details).toEqual({ changedFields: ['notes'] });
    expect(JSON.stringify(events)).not.toContain('lidocaine');
  });
});
