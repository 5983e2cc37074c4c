/**
 * Booking throughput and appointment-book reads over real HTTP:
 *   DATABASE_URL=postgres://… npx tsx apps/server/bench/booking.bench.ts
 * (without DATABASE_URL it runs on an in-memory PGlite, which serializes everything).
 *
 * 1. Bookings: 50 concurrent clients book distinct slots (no two requests compete), each
 *    through POST /api/v1/appointments with an Idempotency-Key (as the web app sends one)
 *    over keep-alive HTTP to a server on 127.0.0.1.
 *    After 2,000 warm-up bookings (the JIT compiles the booking path during the first ones),
 *    prints bookings per second and the p50/p95 latency of the next 2,000, first with the
 *    server in this process, then (on PostgreSQL) with `glowdesk start` running one server
 *    process per core (GLOWDESK_PROCESSES; BENCH_SERVER_PROCESSES sets the number), as it is
 *    deployed: a Node process serves on one thread, and on its own it keeps cores idle. Those
 *    processes log at LOG_LEVEL info, the default, one line per request (BENCH_LOG_LEVEL
 *    sets another level).
 * 2. Week view: 20 providers with 400 appointments in one week, amid bookings weeks and
 *    months before and after it; GET /api/v1/appointments for one provider's week (what the
 *    book's week view asks for) and for the whole clinic's week (all 400), repeated. Prints
 *    p50/p95.
 * With PostgreSQL it also counts the statements sent to the server per request (statements
 * sent together are pipelined: one wait for all their answers) and, when the server runs on this machine, the CPU its backends spent per
 * booking (from /proc). Each server's pool has the size DATABASE_POOL_SIZE gives (10 unless set).
 * The machine's speed varies from minute to minute: compare runs taken together. BENCH_TRACE_SQL=1 prints the statements of one booking and one week view;
 * BENCH_CPU_PROFILE=<file> writes a CPU profile of the booking phase, BENCH_WEEK_VIEW_CPU_PROFILE=<file> one of the
 * whole clinic's week view (open them in Chrome's DevTools).
 * Each run creates its own practice.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Temporal } from 'temporal-polyfill';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { runMigrations } from '../src/platform/migrations.ts';
import { startServerProcess } from '../src/testing/server-process.ts';
import { KeepAliveClient } from './keep-alive-client.ts';

const PROVIDERS = 20;
// BENCH_CLIENTS overrides the number of concurrent clients (1 shows each statement without contention).
const CLIENTS = process.env.BENCH_CLIENTS ? Number(process.env.BENCH_CLIENTS) : 50;
const BOOKINGS = 2_000;
const WARM_UP_BOOKINGS = 2_000;
const WEEK_VIEW_APPOINTMENTS = 400;
const WEEK_VIEW_REQUESTS = 200;
const PASSWORD = 'bench-password-123';

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Every statement the server's pool sends (BEGIN and COMMIT included), counted by `openDatabase`'s `onStatement`. */
let statements = 0;
let trace: string[] | undefined;
function countStatement(text: string): void {
  statements++;
  trace?.push(text);
}

/** Starts a CPU profile of this process when `file` is set; the returned function writes it there. */
async function startCpuProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function traced<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_TRACE_SQL !== '1') return work();
  trace = [];
  try {
    return await work();
  } finally {
    console.log(`-- ${label}: ${trace.length} statements`);
    for (const statement of trace) console.log(`   ${statement.replace(/\s+/g, ' ').slice(0, 400)}`);
    trace = undefined;
  }
}

/**
 * CPU time (ms) PostgreSQL's backends serving this database have used so far, when the
 * server runs on this machine (read from /proc); undefined otherwise.
 */
/** CPU time (ms) each client backend of this database has used so far, by pid, from /proc. */
async function postgresCpuByBackend(): Promise<Map<number, number> | undefined> {
  if (!databaseUrl) return undefined;
  const pids = await database.withConnection(async (run) =>
    (await run(`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)).map((row) =>
      Number(row.pid),
    ),
  );
  const byBackend = new Map<number, number>();
  try {
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byBackend.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond);
    }
  } catch {
    return undefined;
  }
  return byBackend;
}

/**
 * CPU (ms) PostgreSQL's client backends used between two readings: backends that ended
 * meanwhile (an idle pool closing its connections) are left out rather than subtracted, and
 * backends that began meanwhile count in full.
 */
function postgresCpuBetween(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, milliseconds] of after) total += milliseconds - (before.get(pid) ?? 0);
  return total;
}

/** CPU time (ms) a process and its children (a cluster's server processes) have used so far, from /proc. */
function processTreeCpuMilliseconds(pid: number): number {
  let ticks = 0;
  const visit = (id: number) => {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      for (const child of readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').split(' ')) if (child.trim()) visit(Number(child));
    } catch {
      // gone meanwhile
    }
  };
  visit(pid);
  return (ticks * 1000) / clockTicksPerSecond;
}
const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const databaseUrl = process.env.DATABASE_URL;
/** Production requires the public address (links in messages); the benchmark's servers send none. */
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1';
// DATABASE_POOL_SIZE, as the server processes started below read it.
const config = {
  ...loadConfig({ ...process.env, NODE_ENV: 'production', PUBLIC_BASE_URL: publicBaseUrl, DATABASE_URL: databaseUrl }),
  demo: false,
};
const poolSize = config.databasePoolSize;
const database = await openDatabase({ databaseUrl, dataDir: 'memory://', poolSize, onStatement: countStatement });
await runMigrations(database);
const app = await buildApp({ config, database });
await app.listen({ host: '127.0.0.1', port: 0 });
/** Where the clients send their requests: this process's server, or the server processes' shared port. */
let port = (app.server.address() as AddressInfo).port;
// Raw keep-alive HTTP/1.1 (keep-alive-client.ts): the load generator shares the cores with
// the server it measures, and node:http costs about twice the CPU per request on this side.
const client = new KeepAliveClient('127.0.0.1', port);

async function call(
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; json: unknown; setCookie: string | undefined }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> =
    payload === undefined ? { ...extraHeaders } : { 'content-type': 'application/json', ...extraHeaders };
  if (cookie) headers.cookie = cookie;
  const response = await client.request(method, path, headers, payload);
  return { status: response.status, json: response.body ? (JSON.parse(response.body) as unknown) : null, setCookie: response.setCookie };
}

async function setUp() {
  const suffix = crypto.randomUUID().slice(0, 8);
  const ownerEmail = `bench-${suffix}@bench.glowdesk.app`;
  await app.services.identity.createPracticeWithOwner({
    practiceName: `Bench ${suffix}`,
    timezone: 'America/New_York',
    ownerEmail,
    ownerName: 'Bench Owner',
    password: PASSWORD,
  });
  const login = await call('POST', '/api/v1/auth/login', '', { email: ownerEmail, password: PASSWORD });
  const cookie = (login.setCookie ?? '').split(';')[0] ?? '';
  const clinic = (
    await call('POST', '/api/v1/clinics', cookie, { name: 'Bench Clinic', timezone: 'America/New_York', bookingHorizonDays: 730 })
  ).json as {
    id: string;
  };
  const service = (
    await call('POST', '/api/v1/services', cookie, { name: 'Consultation', durationMinutes: 30, priceCents: 5000, clinicIds: [clinic.id] })
  ).json as { id: string };
  const providerIds: string[] = [];
  for (let index = 0; index < PROVIDERS; index++) {
    const staff = (
      await call('POST', '/api/v1/staff', cookie, {
        email: `p${index}-${suffix}@bench.glowdesk.app`,
        displayName: `Provider ${index}`,
        role: 'provider',
        password: PASSWORD,
      })
    ).json as { id: string };
    const provider = (
      await call('POST', '/api/v1/providers', cookie, { staffId: staff.id, clinicIds: [clinic.id], serviceIds: [service.id] })
    ).json as { id: string };
    const rules = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00', effectiveFrom: '2020-01-01' }));
    const put = await call('PUT', `/api/v1/providers/${provider.id}/schedule-rules`, cookie, { clinicId: clinic.id, rules });
    if (put.status !== 200) throw new Error(`schedule: ${JSON.stringify(put.json)}`);
    providerIds.push(provider.id);
  }
  const patient = (await call('POST', '/api/v1/patients', cookie, { firstName: 'Bench', lastName: 'Patient' })).json as { id: string };
  return { cookie, clinicId: clinic.id, serviceId: service.id, providerIds, patientId: patient.id };
}

const setup = await setUp();
// Midnight in New York on the Monday two weeks ahead: every booking below (up to ~405 days
// on) stays inside the clinic's booking horizon (730 days, the most a clinic may set).
const today = Temporal.Now.plainDateISO('America/New_York');
const firstDay = today.add({ days: 14 - (today.dayOfWeek - 1) }).toZonedDateTime('America/New_York').epochMilliseconds;

const SLOTS_PER_DAY = 40;

/** Slot n of a day: provider n % 20 at the (n / 20)th half hour: distinct for n < 800. */
function slotStart(n: number, dayOffset: number): string {
  const halfHour = Math.floor(n / PROVIDERS) % SLOTS_PER_DAY;
  return new Date(firstDay + dayOffset * 86_400_000 + halfHour * 30 * 60_000).toISOString();
}

async function bookSlot(n: number, dayOffset: number): Promise<{ status: number; milliseconds: number }> {
  const started = performance.now();
  const { status } = await call(
    'POST',
    '/api/v1/appointments',
    setup.cookie,
    {
      kind: 'appointment',
      mode: 'in_person',
      clinicId: setup.clinicId,
      providerId: setup.providerIds[n % PROVIDERS],
      serviceIds: [setup.serviceId],
      start: slotStart(n, dayOffset),
      patientId: setup.patientId,
    },
    // As the web app's booking drawer does: a key per booking, so a retried request books once.
    { 'idempotency-key': crypto.randomUUID() },
  );
  return { status, milliseconds: performance.now() - started };
}

console.log(
  `machine: ${cpus().length} CPUs, load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

// The ceiling this machine allows right now: the same clients on a route that does nothing.
{
  let nextPing = 0;
  const pingCpu = process.cpuUsage();
  const pingStarted = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (nextPing < BOOKINGS) {
        nextPing++;
        await call('GET', '/healthz', '');
      }
    }),
  );
  const pingSeconds = (performance.now() - pingStarted) / 1000;
  const cpu = process.cpuUsage(pingCpu);
  console.log(
    `HTTP floor: GET /healthz with ${CLIENTS} concurrent clients: ${(BOOKINGS / pingSeconds).toFixed(0)} requests/s, ${((cpu.user + cpu.system) / 1000 / BOOKINGS).toFixed(2)} ms of this process's CPU each`,
  );
}

/** `count` bookings by the concurrent clients, from day `firstDayOffset` on; the latency of each and how many failed. */
async function bookConcurrently(count: number, firstDayOffset: number): Promise<{ latencies: number[]; failures: number }> {
  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const n = next++;
        const result = await bookSlot(n, firstDayOffset + Math.floor(n / (PROVIDERS * SLOTS_PER_DAY)));
        latencies.push(result.milliseconds);
        if (result.status !== 201) failures++;
      }
    }),
  );
  return { latencies, failures };
}

// Warm up (a server runs for hours: the figures are its steady state, after the JIT has
// compiled the booking path, not the first seconds), then measure.
const warmUp = await bookConcurrently(WARM_UP_BOOKINGS, 400);
if (warmUp.failures > 0) throw new Error(`${warmUp.failures} warm-up bookings failed`);
// The database was created a minute ago: its tables had no statistics when the first plans
// were made (PostgreSQL's own foreign-key checks included, which then read appointments by
// whichever index starts with practice_id). On a live database autovacuum analyzes a table
// soon after it grows; here the benchmark does it, so the figures describe that steady state.
await database.withConnection((runScript) => runScript('analyze'));
await traced('one booking', () => bookSlot(0, 399));
const statementsBefore = statements;
const postgresCpuBefore = await postgresCpuByBackend();
const stopBookingProfile = await startCpuProfile(process.env.BENCH_CPU_PROFILE);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const { latencies, failures } = await bookConcurrently(BOOKINGS, 30);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await stopBookingProfile();
const postgresCpuAfter = await postgresCpuByBackend();
const postgresCpu = postgresCpuBetween(postgresCpuBefore, postgresCpuAfter);
const bookingStatements = (statements - statementsBefore) / BOOKINGS;
latencies.sort((a, b) => a - b);
const engine = databaseUrl ? 'PostgreSQL' : 'PGlite (in memory)';
console.log(
  `bookings on ${engine}, one server process: ${BOOKINGS} with ${CLIENTS} concurrent clients in ${seconds.toFixed(2)} s = ${(BOOKINGS / seconds).toFixed(0)} bookings/s; p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms; non-201: ${failures}`,
);
console.log(
  `  per booking: ${databaseUrl ? `${bookingStatements.toFixed(1)} SQL statements, ` : ''}${((cpu.user + cpu.system) / 1000 / BOOKINGS).toFixed(2)} ms of this process's CPU (server and load generator)${
    postgresCpu !== undefined ? `, ${(postgresCpu / BOOKINGS).toFixed(2)} ms of PostgreSQL's (its ${poolSize} connections)` : ''
  }`,
);

// The same bookings against `glowdesk start` with GLOWDESK_PROCESSES (one per core unless
// BENCH_SERVER_PROCESSES says otherwise), as a server is deployed: one Node process serves on
// one thread, and above it waits for its event loop while cores sit idle.
if (databaseUrl) {
  const processes = process.env.BENCH_SERVER_PROCESSES ? Number(process.env.BENCH_SERVER_PROCESSES) : availableParallelism();
  const server = await startServerProcess({
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: publicBaseUrl,
    GLOWDESK_PROCESSES: String(processes),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  });
  const ownPort = port;
  port = Number(new URL(server.baseUrl).port);
  client.retarget(port);
  try {
    // Each process compiles the booking path for itself.
    const warmUpEach = await bookConcurrently(WARM_UP_BOOKINGS * processes, 200);
    if (warmUpEach.failures > 0) throw new Error(`${warmUpEach.failures} warm-up bookings failed`);
    const serversCpuBefore = processTreeCpuMilliseconds(server.pid);
    const postgresBefore = await postgresCpuByBackend();
    const loadGeneratorCpuBefore = process.cpuUsage();
    const begin = performance.now();
    const measured = await bookConcurrently(BOOKINGS, 100);
    const elapsed = (performance.now() - begin) / 1000;
    const serversCpu = processTreeCpuMilliseconds(server.pid) - serversCpuBefore;
    const loadGeneratorCpu = process.cpuUsage(loadGeneratorCpuBefore);
    const postgresCpuOfRun = postgresCpuBetween(postgresBefore, await postgresCpuByBackend());
    measured.latencies.sort((a, b) => a - b);
    console.log(
      `bookings on ${engine}, ${processes} server processes (GLOWDESK_PROCESSES=${processes}, ${poolSize} connections each): ${BOOKINGS} with ${CLIENTS} concurrent clients in ${elapsed.toFixed(2)} s = ${(BOOKINGS / elapsed).toFixed(0)} bookings/s; p50 ${percentile(measured.latencies, 0.5).toFixed(1)} ms, p95 ${percentile(measured.latencies, 0.95).toFixed(1)} ms; non-201: ${measured.failures}`,
    );
    console.log(
      `  per booking: ${(serversCpu / BOOKINGS).toFixed(2)} ms of the server processes' CPU${
        postgresCpuOfRun !== undefined ? `, ${(postgresCpuOfRun / BOOKINGS).toFixed(2)} ms of PostgreSQL's (all connections)` : ''
      }, ${((loadGeneratorCpu.user + loadGeneratorCpu.system) / 1000 / BOOKINGS).toFixed(2)} ms of the load generator's (this process)`,
    );
  } finally {
    port = ownPort;
    client.retarget(port);
    await server.stop();
  }
}

// Week view: 400 appointments (20 per provider) in a week with the bookings above on days
// before it (30–32, 100–102) and after it (200–204, 399–402), as in a live clinic's book.
const WEEK_VIEW_DAY = 150;
for (let n = 0; n < WEEK_VIEW_APPOINTMENTS; n++) {
  const result = await bookSlot(n, WEEK_VIEW_DAY + (n % 7));
  if (result.status !== 201) throw new Error(`week-view fixture booking failed with ${result.status}`);
}
const weekStart = firstDay + WEEK_VIEW_DAY * 86_400_000;
const week = `from=${new Date(weekStart).toISOString()}&to=${new Date(weekStart + 7 * 86_400_000).toISOString()}`;

async function measureWeekView(label: string, path: string, profileFile?: string): Promise<void> {
  await traced(label, () => call('GET', path, setup.cookie));
  const stopProfile = await startCpuProfile(profileFile);
  const weekLatencies: number[] = [];
  let items = 0;
  let weekStatements = 0;
  const cpuBeforeWeek = process.cpuUsage();
  for (let index = 0; index < WEEK_VIEW_REQUESTS + 20; index++) {
    const statementsBeforeRequest = statements;
    const begin = performance.now();
    const response = await call('GET', path, setup.cookie);
    if (response.status !== 200) throw new Error(`${label} answered ${response.status}`);
    if (index >= 20) {
      weekLatencies.push(performance.now() - begin);
      weekStatements += statements - statementsBeforeRequest;
    }
    items = (response.json as { items: unknown[] }).items.length;
  }
  const weekCpu = process.cpuUsage(cpuBeforeWeek);
  await stopProfile();
  weekLatencies.sort((a, b) => a - b);
  console.log(
    `${label} on ${engine}: ${items} appointments, ${PROVIDERS} providers: p50 ${percentile(weekLatencies, 0.5).toFixed(1)} ms, p95 ${percentile(weekLatencies, 0.95).toFixed(1)} ms over ${WEEK_VIEW_REQUESTS} requests`,
  );
  console.log(
    `  per request: ${databaseUrl ? `${(weekStatements / WEEK_VIEW_REQUESTS).toFixed(1)} SQL statements, ` : ''}${((weekCpu.user + weekCpu.system) / 1000 / (WEEK_VIEW_REQUESTS + 20)).toFixed(2)} ms of this process's CPU`,
  );
}

await measureWeekView(
  'week view (one provider)',
  `/api/v1/appointments?clinicId=${setup.clinicId}&providerId=${setup.providerIds[0]}&${week}`,
);
await measureWeekView(
  'week view (whole clinic)',
  `/api/v1/appointments?clinicId=${setup.clinicId}&${week}`,
  process.env.BENCH_WEEK_VIEW_CPU_PROFILE,
);

client.close();
await app.close();
await database.close();
