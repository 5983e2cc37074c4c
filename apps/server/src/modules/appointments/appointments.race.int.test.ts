import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';
import { startServerProcess, type ServerProcess } from '../../testing/server-process.ts';
import { createProvider, everyDay, replaceRules } from '../practice/practice-test-builders.ts';
import { createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

const databaseUrl = process.env.DATABASE_URL;
/**
 * A week after today at 15:00 UTC (10:00 or 11:00 in New York): inside working hours and the
 * clinic's booking horizon. The server processes run on the real clock, so this one does too.
 */
const START = `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T15:00:00Z`;

/** Two server processes on one PostgreSQL, as behind a load balancer. */
describe.runIf(databaseUrl)('concurrent bookings across two server processes', () => {
  const servers: ServerProcess[] = [];
  let app: Awaited<ReturnType<typeof createTestApp>>['app'];
  let database: Awaited<ReturnType<typeof createTestApp>>['database'];

  beforeAll(async () => {
    ({ app, database } = await createTestApp());
    servers.push(
      ...(await Promise.all([
        startServerProcess({ DATABASE_URL: databaseUrl ?? '' }),
        startServerProcess({ DATABASE_URL: databaseUrl ?? '' }),
      ])),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  async function send(index: number, setup: BookablePractice, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const server = servers[index % servers.length];
    if (!server) throw new Error('no server');
    const response = await fetch(`${server.baseUrl}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: setup.practice.owner.cookie, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { id?: string } };
  }

  async function post(index: number, setup: BookablePractice, body: Record<string, unknown>): Promise<number> {
    return (await send(index, setup, body)).status;
  }

  function bookingBody(setup: BookablePractice, overrides: Record<string, unknown>) {
    return {
      kind: 'appointment',
      mode: 'in_person',
      clinicId: setup.clinic.id,
      patientId: setup.patientId,
      start: START,
      ...overrides,
    };
  }

  async function overlappingPairs(practiceId: string): Promise<number> {
    const result = await database.db.execute<{ overlaps: number }>(sql`
      select
        (select count(*) from provider_claims a join provider_claims b
           on a.practice_id = b.practice_id and a.provider_id = b.provider_id and a.appointment_id < b.appointment_id and a.period && b.period
         where a.practice_id = ${practiceId})::int
      + (select count(*) from resource_claims a join resource_claims b
           on a.practice_id = b.practice_id and a.resource_id = b.resource_id and a.unit = b.unit and a.appointment_id < b.appointment_id and a.period && b.period
         where a.practice_id = ${practiceId})::int as overlaps`);
    return result.rows[0]?.overlaps ?? -1;
  }

  it('books exactly one of 50 simultaneous requests for the same provider and time', async () => {
    const setup = await createBookablePractice(app);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(index, setup, bookingBody(setup, { providerId: setup.providerA.id, serviceIds: [setup.consultation.id] })),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(await overlappingPairs(setup.practice.practiceId)).toBe(0);
  });

  it('books once for 20 simultaneous requests with one Idempotency-Key, and answers all of them with that booking', async () => {
    const setup = await createBookablePractice(app);
    const body = bookingBody(setup, { providerId: setup.providerA.id, serviceIds: [setup.consultation.id] });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        send(index, setup, body, { 'idempotency-key': `double-click-${setup.practice.practiceId}` }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(19);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    const booked = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from appointments where practice_id = ${setup.practice.practiceId}`,
    );
    expect(booked.rows[0]?.n).toBe(1);
  });

  it('books exactly one of 50 simultaneous requests by different providers for the one laser', async () => {
    const setup = await createBookablePractice(app);
    const providers = [setup.providerA, setup.providerB];
    for (let index = 0; index < 8; index++) {
      const provider = await createProvider(app, setup.practice, { clinicIds: [setup.clinic.id], serviceIds: [setup.laserTreatment.id] });
      await replaceRules(app, setup.practice, provider.id, setup.clinic.id, everyDay('08:00', '20:00'));
      providers.push(provider);
    }
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(
          index,
          setup,
          bookingBody(setup, { providerId: providers[index % providers.length]?.id, serviceIds: [setup.laserTreatment.id] }),
        ),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(await overlappingPairs(setup.practice.practiceId)).toBe(0);
  });
});
