/**
 * HTTP end-to-end cost of `GET /api/v1/availability`, on PGlite and (with DATABASE_URL) on
 * PostgreSQL:  [DATABASE_URL=postgres://…] npx tsx apps/server/bench/availability-http.bench.ts
 * (SKIP_PGLITE=1 measures PostgreSQL only). Each run creates its own practice.
 *
 * Fixture (built through the practice module's use cases): one clinic in America/New_York,
 * 20 providers with weekly hours (lunch breaks, one day off a week) in force for 60 days from
 * 2025-03-01 (spanning the 2025-03-09 spring-forward), a few day-off overrides, 5 resources
 * (a laser and an IPL of quantity 1, treatment rooms ×3, injection chairs ×4, HydraFacial
 * carts ×2), and 5,000 existing appointments.
 *
 * Appointments do not exist yet (the next issue adds them), so the 5,000 bookings live in a
 * BENCH-ONLY TABLE, `bench_busy_times` (one row per provider interval and per resource unit
 * claimed, tenant-protected like real tables), read by a BusyTimeSource passed to buildApp:
 * one bounded query per search, as the appointments module's implementation will be.
 *
 * Figures: the service call alone (database reads + engine), `app.inject` (adds routing,
 * validation, auth and serialization), and real HTTP on 127.0.0.1 (adds sockets and
 * parsing). Each search is 30 days for one service with any provider, or for a 3-service
 * sequence; then the same with twice the days and with twice the providers.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { Temporal } from 'temporal-polyfill';
import { buildApp, type GlowdeskApp } from '../src/app.ts';
import type { BusyTimeSource } from '../src/modules/practice/index.ts';
import type { StaffActor } from '../src/platform/auth/access.ts';
import { createManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/database.ts';
import { runMigrations } from '../src/platform/migrations.ts';
import { asPlatform } from '../src/platform/tenancy.ts';

const ZONE = 'America/New_York';
const FIRST_LOCAL_DATE = '2025-03-01';
const SCHEDULE_DAYS = 60;
const APPOINTMENTS = 5_000;
const ITERATIONS = 150;
const WARM_UP = 20;
const PASSWORD = 'bench-password-123';
const meta = { ip: '127.0.0.1', requestId: 'bench', userAgent: 'availability bench' };

const benchBusyTimes = pgTable('bench_busy_times', {
  practiceId: uuid('practice_id').notNull(),
  id: integer('id').notNull(),
  providerId: uuid('provider_id'),
  resourceId: uuid('resource_id'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
});

const CREATE_BENCH_TABLE = `
  DROP TABLE IF EXISTS bench_busy_times;
  CREATE TABLE bench_busy_times (
    practice_id uuid NOT NULL,
    id integer NOT NULL,
    provider_id uuid,
    resource_id uuid,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id)
  );
  CREATE INDEX bench_busy_times_range_idx ON bench_busy_times (practice_id, starts_at, ends_at);
  SELECT protect_tenant_table('bench_busy_times', 'SELECT');
`;

/**
 * Reads the planted bookings with one bounded query for both kinds. Rows come back grouped
 * per provider or resource, their intervals packed as 'start,end,start,end…' epoch
 * milliseconds: a few dozen rows instead of thousands, which is what makes the read cheap
 * (row decoding, not the scan, dominates, above all on PGlite).
 */
const benchBusyTimeSource: BusyTimeSource = {
  async findBusyTimes(tx, query) {
    const kinds = [];
    if (query.providerIds.length > 0) kinds.push(inArray(benchBusyTimes.providerId, [...query.providerIds]));
    if (query.resourceIds.length > 0) kinds.push(inArray(benchBusyTimes.resourceId, [...query.resourceIds]));
    const groups = await tx
      .select({
        providerId: benchBusyTimes.providerId,
        resourceId: benchBusyTimes.resourceId,
        packed: sql<string>`string_agg(((extract(epoch from ${benchBusyTimes.startsAt}) * 1000)::bigint)::text || ',' || ((extract(epoch from ${benchBusyTimes.endsAt}) * 1000)::bigint)::text, ',')`,
      })
      .from(benchBusyTimes)
      .where(
        and(
          eq(benchBusyTimes.practiceId, query.practiceId),
          lt(benchBusyTimes.startsAt, new Date(query.to)),
          gt(benchBusyTimes.endsAt, new Date(query.from)),
          or(...kinds),
        ),
      )
      .groupBy(benchBusyTimes.providerId, benchBusyTimes.resourceId);
    const busy: Awaited<ReturnType<BusyTimeSource['findBusyTimes']>> = { providerBusy: [], resourceBusy: [] };
    for (const group of groups) {
      const bounds = group.packed.split(',').map(Number);
      for (let index = 0; index + 1 < bounds.length; index += 2) {
        const start = bounds[index] ?? 0;
        const end = bounds[index + 1] ?? 0;
        if (group.providerId !== null) busy.providerBusy.push({ providerId: group.providerId, start, end });
        else if (group.resourceId !== null) busy.resourceBusy.push({ resourceId: group.resourceId, start, end });
      }
    }
    return busy;
  },
};

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same fixture. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SHIFTS: [string, string, string, string][] = [
  ['08:00', '12:00', '13:00', '16:30'],
  ['09:00', '13:00', '14:00', '17:30'],
  ['10:00', '14:00', '14:30', '19:00'],
  ['11:00', '15:00', '16:00', '20:00'],
];

interface Fixture {
  label: string;
  actor: StaffActor;
  cookie: string;
  clinicId: string;
  singleServiceIds: string[];
  sequenceServiceIds: string[];
  providerCount: number;
  busyRows: number;
}

function localInstant(localDate: string, time: string): number {
  return Temporal.PlainDateTime.from(`${localDate}T${time}`).toZonedDateTime(ZONE, { disambiguation: 'compatible' }).epochMilliseconds;
}

async function buildFixture(app: GlowdeskApp, database: Database, providerCount: number, seed: number): Promise<Fixture> {
  const random = randomSource(seed);
  const { practice: practiceSetup, identity } = app.services;
  const ownerEmail = `bench-owner-${randomUUID().slice(0, 8)}@bench.glowdesk.app`;
  const { practice, owner } = await identity.createPracticeWithOwner({
    practiceName: `Bench ${providerCount}`,
    timezone: ZONE,
    ownerEmail,
    ownerName: 'Bench Owner',
    password: PASSWORD,
  });
  const actor: StaffActor = {
    kind: 'staff',
    staffId: owner.id,
    practiceId: practice.id,
    role: 'owner',
    email: owner.email,
    displayName: owner.displayName,
    sessionTokenHash: 'bench',
  };
  const clinic = await practiceSetup.clinics.create(
    actor,
    { name: 'Bench Clinic', timezone: ZONE, slotStepMinutes: 15, minimumNoticeMinutes: 0, bookingHorizonDays: 365 },
    meta,
  );

  const resourceSpecs = [
    { key: 'gentlemax', name: 'Candela GentleMax Pro', kind: 'equipment' as const, quantity: 1 },
    { key: 'ipl', name: 'Lumenis M22 IPL', kind: 'equipment' as const, quantity: 1 },
    { key: 'rooms', name: 'Treatment Rooms', kind: 'room' as const, quantity: 3 },
    { key: 'chairs', name: 'Injection Chairs', kind: 'room' as const, quantity: 4 },
    { key: 'hydrafacial', name: 'HydraFacial carts', kind: 'equipment' as const, quantity: 2 },
  ];
  const resources = new Map<string, { id: string; quantity: number }>();
  for (const spec of resourceSpecs) {
    const created = await practiceSetup.resources.create(
      actor,
      { clinicId: clinic.id, name: spec.name, kind: spec.kind, quantity: spec.quantity },
      meta,
    );
    resources.set(spec.key, { id: created.id, quantity: spec.quantity });
  }
  const resourceId = (key: string) => resources.get(key)?.id ?? '';

  const providerIds: string[] = [];
  for (let index = 0; index < providerCount; index += 1) {
    const member = await identity.createStaff(
      actor,
      {
        email: `bench-provider-${randomUUID().slice(0, 8)}@bench.glowdesk.app`,
        displayName: `Provider ${index + 1}`,
        role: 'provider',
        password: PASSWORD,
      },
      meta,
    );
    const provider = await practiceSetup.providers.create(actor, { staffId: member.id, clinicIds: [clinic.id], serviceIds: [] }, meta);
    providerIds.push(provider.id);
    const [start, lunchStart, lunchEnd, end] = SHIFTS[index % SHIFTS.length] ?? SHIFTS[0]!;
    const dayOff = (index % 7) + 1;
    const lastDate = Temporal.PlainDate.from(FIRST_LOCAL_DATE)
      .add({ days: SCHEDULE_DAYS - 1 })
      .toString();
    const rules = [1, 2, 3, 4, 5, 6, 7]
      .filter((weekday) => weekday !== dayOff)
      .flatMap((weekday) => [
        { weekday, start, end: lunchStart, effectiveFrom: FIRST_LOCAL_DATE, effectiveTo: lastDate },
        { weekday, start: lunchEnd, end, effectiveFrom: FIRST_LOCAL_DATE, effectiveTo: lastDate },
      ]);
    await practiceSetup.schedules.replaceRules(actor, provider.id, { clinicId: clinic.id, rules }, meta);
    for (let overrideIndex = 0; overrideIndex < 2; overrideIndex += 1) {
      const localDate = Temporal.PlainDate.from(FIRST_LOCAL_DATE)
        .add({ days: Math.floor(random() * SCHEDULE_DAYS) })
        .toString();
      await practiceSetup.schedules
        .createOverride(actor, provider.id, { clinicId: clinic.id, localDate, intervals: [] }, meta)
        .catch(() => undefined);
    }
  }
  // Eligibility like a real menu: everyone consults, most do laser, about half do peels.
  const consult = await practiceSetup.catalog.createService(
    actor,
    serviceInput('Consultation', 45, 0, 10, [resourceId('rooms')], clinic.id, providerIds),
    meta,
  );
  const laser = await practiceSetup.catalog.createService(
    actor,
    serviceInput(
      'Laser Hair Removal',
      30,
      5,
      10,
      [resourceId('gentlemax')],
      clinic.id,
      providerIds.slice(0, Math.ceil(providerCount * 0.75)),
    ),
    meta,
  );
  const peel = await practiceSetup.catalog.createService(
    actor,
    serviceInput(
      'Chemical Peel',
      30,
      0,
      5,
      [resourceId('rooms')],
      clinic.id,
      providerIds.filter((_, index) => index % 2 === 0),
    ),
    meta,
  );

  // 5,000 (or, with more providers, proportionally more) bookings spread over the 60 days.
  const appointmentTarget = Math.round((APPOINTMENTS * providerCount) / 20);
  const claims = new Map<string, { start: number; end: number }[]>();
  const claimResource = (key: string, start: number, end: number): boolean => {
    const resource = resources.get(key);
    if (!resource) return false;
    const list = claims.get(key) ?? [];
    if (list.filter((claim) => claim.start < end && claim.end > start).length >= resource.quantity) return false;
    list.push({ start, end });
    claims.set(key, list);
    return true;
  };
  const rows: { practiceId: string; id: number; providerId: string | null; resourceId: string | null; startsAt: Date; endsAt: Date }[] = [];
  const cursors = new Map<string, number>();
  let appointments = 0;
  for (let round = 0; round < 10 && appointments < appointmentTarget; round += 1) {
    for (let dayIndex = 0; dayIndex < SCHEDULE_DAYS && appointments < appointmentTarget; dayIndex += 1) {
      const localDate = Temporal.PlainDate.from(FIRST_LOCAL_DATE).add({ days: dayIndex });
      for (let providerIndex = 0; providerIndex < providerCount && appointments < appointmentTarget; providerIndex += 1) {
        if (localDate.dayOfWeek === (providerIndex % 7) + 1) continue;
        const shift = SHIFTS[providerIndex % SHIFTS.length] ?? SHIFTS[0]!;
        const cursorKey = `${providerIndex}:${dayIndex}`;
        const dayString = localDate.toString();
        let cursor = cursors.get(cursorKey) ?? localInstant(dayString, shift[0]);
        const lunchStart = localInstant(dayString, shift[1]);
        const lunchEnd = localInstant(dayString, shift[2]);
        cursor += Math.floor(random() * 3) * 15 * 60_000;
        const duration = [30, 45, 60][Math.floor(random() * 3)]! * 60_000;
        if (cursor < lunchStart && cursor + duration > lunchStart) cursor = lunchEnd;
        if (cursor + duration > localInstant(dayString, shift[3])) continue;
        cursors.set(cursorKey, cursor + duration);
        const providerId = providerIds[providerIndex] ?? '';
        rows.push({
          practiceId: practice.id,
          id: rows.length,
          providerId,
          resourceId: null,
          startsAt: new Date(cursor),
          endsAt: new Date(cursor + duration),
        });
        const wanted = ['gentlemax', 'ipl', 'rooms', 'chairs', 'hydrafacial', 'rooms'][Math.floor(random() * 6)] ?? 'rooms';
        if (claimResource(wanted, cursor, cursor + duration)) {
          rows.push({
            practiceId: practice.id,
            id: rows.length,
            providerId: null,
            resourceId: resourceId(wanted),
            startsAt: new Date(cursor),
            endsAt: new Date(cursor + duration),
          });
        }
        appointments += 1;
      }
    }
  }
  await asPlatform(database, async (tx) => {
    for (let offset = 0; offset < rows.length; offset += 1_000) await tx.insert(benchBusyTimes).values(rows.slice(offset, offset + 1_000));
  });

  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ownerEmail, password: PASSWORD } });
  const session = login.cookies.find((cookie) => cookie.name === 'glowdesk_session');
  if (!session) throw new Error(`bench sign-in failed: ${login.body}`);
  return {
    label: `${providerCount} providers, ${appointments} appointments (${rows.length} busy rows)`,
    actor,
    cookie: `glowdesk_session=${session.value}`,
    clinicId: clinic.id,
    singleServiceIds: [consult.id],
    sequenceServiceIds: [consult.id, laser.id, peel.id],
    providerCount,
    busyRows: rows.length,
  };
}

function serviceInput(
  name: string,
  durationMinutes: number,
  bufferBeforeMinutes: number,
  bufferAfterMinutes: number,
  resourceIds: string[],
  clinicId: string,
  providerIds: string[],
) {
  return {
    name,
    durationMinutes,
    bufferBeforeMinutes,
    bufferAfterMinutes,
    priceCents: 10_000,
    currency: 'USD',
    cancellationFeeCents: 0,
    noShowFeeCents: 0,
    mode: 'in_person' as const,
    bookableOnline: true,
    requiresCardForOnlineBooking: false,
    clinicIds: [clinicId],
    resourceIds,
    providerIds,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(label: string, run: () => Promise<{ slots: number; bytes: number }>): Promise<void> {
  let last = { slots: 0, bytes: 0 };
  for (let iteration = 0; iteration < WARM_UP; iteration += 1) last = await run();
  const durations: number[] = [];
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const startedAt = performance.now();
    await run();
    durations.push(performance.now() - startedAt);
  }
  durations.sort((left, right) => left - right);
  const size = last.bytes > 0 ? `   ${(last.bytes / 1024).toFixed(0).padStart(4)} KiB` : '';
  console.log(
    `  ${label.padEnd(62)} p50 ${percentile(durations, 0.5).toFixed(2).padStart(7)} ms   p95 ${percentile(durations, 0.95).toFixed(2).padStart(7)} ms   slots ${String(last.slots).padStart(5)}${size}`,
  );
}

function searchUrl(fixture: Fixture, serviceIds: string[], days: number): string {
  const from = localInstant(Temporal.PlainDate.from(FIRST_LOCAL_DATE).add({ days: 1 }).toString(), '00:00');
  const to = from + days * 86_400_000;
  return `/api/v1/availability?clinicId=${fixture.clinicId}&serviceIds=${serviceIds.join(',')}&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
}

async function benchEngine(label: string, databaseUrl: string | undefined): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  await runMigrations(database);
  await database.withConnection((runScript) => runScript(CREATE_BENCH_TABLE));
  // "now" is 08:00 local on the first schedule day, as in the engine benchmark.
  const clock = createManualClock(new Date(localInstant(FIRST_LOCAL_DATE, '08:00')));
  const config = {
    ...loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }),
    demo: false,
  };
  const app = await buildApp({ config, database, clock, busyTimeSource: benchBusyTimeSource });
  try {
    const startedAt = performance.now();
    const base = await buildFixture(app, database, 20, 20_250_301);
    const doubled = await buildFixture(app, database, 40, 20_250_302);
    // Other work on the machine skews the figures: say how busy it was.
    const load = loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
    console.log(
      `\n${label} (fixtures built in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; load average ${load} on ${cpus().length} CPUs)`,
    );

    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const scenarios: { name: string; fixture: Fixture; serviceIds: (fixture: Fixture) => string[]; days: number }[] = [
      { name: '30 days, 1 service, any provider', fixture: base, serviceIds: (fixture) => fixture.singleServiceIds, days: 30 },
      { name: '30 days, 3-service sequence', fixture: base, serviceIds: (fixture) => fixture.sequenceServiceIds, days: 30 },
      { name: '60 days (2× days), 1 service', fixture: base, serviceIds: (fixture) => fixture.singleServiceIds, days: 60 },
      { name: '60 days (2× days), 3-service sequence', fixture: base, serviceIds: (fixture) => fixture.sequenceServiceIds, days: 60 },
      { name: '30 days, 40 providers (2×), 1 service', fixture: doubled, serviceIds: (fixture) => fixture.singleServiceIds, days: 30 },
      {
        name: '30 days, 40 providers (2×), 3-service sequence',
        fixture: doubled,
        serviceIds: (fixture) => fixture.sequenceServiceIds,
        days: 30,
      },
    ];
    console.log(`  base fixture: ${base.label}; doubled: ${doubled.label}`);
    for (const scenario of scenarios) {
      const { fixture, days } = scenario;
      const serviceIds = scenario.serviceIds(fixture);
      const url = searchUrl(fixture, serviceIds, days);
      const query = new URL(url, origin).searchParams;
      console.log(` ${scenario.name}`);
      await measure('service call (database reads + engine)', async () => {
        const result = await app.services.practice.availability.searchOpenSlots(fixture.actor, {
          clinicId: fixture.clinicId,
          serviceIds,
          from: new Date(query.get('from') ?? ''),
          to: new Date(query.get('to') ?? ''),
        });
        return { slots: result.slots.length, bytes: 0 };
      });
      await measure('HTTP via app.inject', async () => {
        const response = await app.inject({ method: 'GET', url, headers: { cookie: fixture.cookie } });
        if (response.statusCode !== 200) throw new Error(response.body);
        return { slots: response.json<{ slots: unknown[] }>().slots.length, bytes: response.rawPayload.length };
      });
      await measure('HTTP via a real socket (127.0.0.1, keep-alive)', async () => {
        const response = await fetch(`${origin}${url}`, { headers: { cookie: fixture.cookie } });
        const body = await response.text();
        if (response.status !== 200) throw new Error(body);
        return { slots: (JSON.parse(body) as { slots: unknown[] }).slots.length, bytes: body.length };
      });
    }
  } finally {
    await app.close();
    await database.close();
  }
}

console.log(
  `availability over HTTP: ${ITERATIONS} requests per figure after ${WARM_UP} warm-up, sequential; node ${process.version}; zone ${ZONE}, 15-minute step`,
);
if (!process.env.SKIP_PGLITE) await benchEngine('PGlite (embedded, in-process)', undefined);
if (process.env.DATABASE_URL) await benchEngine(`PostgreSQL (${new URL(process.env.DATABASE_URL).host})`, process.env.DATABASE_URL);
else console.log('\nPostgreSQL: skipped (set DATABASE_URL to include it)');
