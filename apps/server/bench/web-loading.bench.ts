/**
 * What the staff web app, the patient portal and the online booking page cost a browser on first load:
 *   npx tsx apps/server/bench/web-loading.bench.ts      (or `npm run bench web-loading`)
 *
 * Builds the web app into a temporary folder (WEB_DIST_DIR=<folder> serves an existing build
 * instead), loads the demo practice into a fresh embedded database, starts `glowdesk start`
 * with NODE_ENV=production on 127.0.0.1, and opens it in Debian's Chromium (CHROMIUM_PATH,
 * default /usr/bin/chromium) with an empty cache for every visit:
 *   - the sign-in page, until the network is idle;
 *   - the book (/appointments) with a signed-in session, until the network is idle;
 *   - the patient portal's sign-in page (/portal/demo), until its form shows and the network is idle;
 *   - the portal's dashboard and appointments with a patient signed in by an email code (an
 *     SMTP server in this process receives it), until their content shows;
 *   - the online booking page (/book/demo), nobody signed in, until its first step's choices show
 *     and the network is idle. Its time to interactive is measured on BOOK_RUNS cold visits
 *     (default 20): from navigation start until the first step's choices (the locations, or the
 *     services when the practice has one clinic) are in the page, observed in the page itself
 *     (a MutationObserver installed before any script runs). React listens for events at its
 *     root from before its first render, so a choice that is in the page answers a tap; median
 *     and 95th percentile (nearest rank) are printed, with the page's gzipped JavaScript
 *     against its 200 KB budget (same-origin scripts only: a gateway's own script is not counted).
 * For each it prints the JavaScript transferred (bytes on the wire, compressed as the server
 * sent them, and the decoded size), the other bytes, and for the book the time from navigation
 * start until the first appointment card is on screen ("calendar visible"), then what a second
 * visit to the book transfers with the cache the first one left. BENCH_RUNS sets the number of
 * cold visits per page (default 5): byte counts are the same every time, times are medians.
 * The machine's speed varies from minute to minute: compare runs taken together.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_OWNER_EMAIL, DEMO_PASSWORD, demoPractice } from '../src/demo/demo-staff.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../src/modules/notifications/test-smtp-server.ts';
import { startServerProcess } from '../src/testing/server-process.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNS = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : 5;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CALENDAR_CARD = '[data-appointment-id]';
/** A choice of the booking page's first step (a location or a service). */
const BOOK_CHOICE = '[data-book-choice]';
const BOOK_RUNS = process.env.BOOK_RUNS ? Number(process.env.BOOK_RUNS) : 20;
/** The booking page's first-load budget, gzipped JavaScript, not counting a payment gateway's own script. */
const BOOK_SCRIPT_BUDGET_BYTES = 200 * 1024;

/**
 * The book's URL for the next Tuesday or Wednesday in the demo practice's zone (today if it
 * is one): every demo clinic is open then and the demo books the coming week, so the day has
 * appointments whatever day the bench runs.
 */
function bookPath(): string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: demoPractice.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (let days = 0; days < 7; days++) {
    const moment = new Date(Date.now() + days * 86_400_000);
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: demoPractice.timezone, weekday: 'short' }).format(moment);
    if (weekday === 'Tue' || weekday === 'Wed') return `/appointments?date=${format.format(moment)}`;
  }
  throw new Error('no Tuesday within a week');
}

interface Transfer {
  url: string;
  type: string;
  /** Bytes of the body on the wire (compressed when the server compressed it). */
  encoded: number;
  /** Bytes of the body after decoding. */
  decoded: number;
  /** Bytes of the body gzipped at level 9, as the build's .gz copies are: what a browser without brotli receives. */
  gzipped: number;
  encoding: string;
}

interface Visit {
  transfers: Transfer[];
  /** Requests to another origin (Stripe.js, say), whether or not they succeeded. */
  otherOrigins: string[];
  calendarVisibleMs: number | undefined;
}

function buildWebApp(): { distDir: string; remove: () => void } {
  if (process.env.WEB_DIST_DIR) return { distDir: process.env.WEB_DIST_DIR, remove: () => {} };
  const distDir = mkdtempSync(join(tmpdir(), 'glowdesk-bench-web-'));
  console.log(`building the web app into ${distDir}`);
  const build = spawnSync(
    'npm',
    ['run', 'build', '-w', '@glowdesk/web', '--', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('the web app did not build');
  return { distDir, remove: () => rmSync(distDir, { recursive: true, force: true }) };
}

function loadDemoPractice(dataDir: string): void {
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'seed-demo'], {
    cwd: root,
    env: { ...process.env, GLOWDESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: undefined },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`seed-demo failed:\n${seed.stdout}${seed.stderr}`);
}

/** Records every response's sizes from the moment it is called; `done()` returns them. */
function recordTransfers(page: Page): () => Promise<Transfer[]> {
  const pending: Promise<Transfer>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        const sizes = await request.sizes();
        const headers = (await response?.allHeaders()) ?? {};
        const body = await response?.body().catch(() => undefined);
        return {
          url: request.url(),
          type: request.resourceType(),
          // Chromium reports -1 for a response the cache answered: nothing crossed the wire.
          encoded: Math.max(0, sizes.responseBodySize),
          decoded: body?.length ?? 0,
          gzipped: body && sizes.responseBodySize > 0 ? gzipSync(body, { level: 9 }).length : 0,
          encoding: headers['content-encoding'] ?? 'identity',
        };
      })(),
    );
  });
  return () => Promise.all(pending);
}

async function visit(context: BrowserContext, baseUrl: string, path: string, waitFor: boolean | string): Promise<Visit> {
  const page = await context.newPage();
  const done = recordTransfers(page);
  const otherOrigins: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) otherOrigins.push(request.url());
  });
  await page.goto(path, { waitUntil: 'commit' });
  let calendarVisibleMs: number | undefined;
  if (waitFor === true) {
    await page.locator(CALENDAR_CARD).first().waitFor({ state: 'visible', timeout: 60_000 });
    calendarVisibleMs = await page.evaluate(() => performance.now());
  } else if (typeof waitFor === 'string') {
    await page.getByRole('heading', { name: waitFor, exact: true }).waitFor({ state: 'visible', timeout: 60_000 });
  }
  await page.waitForLoadState('networkidle');
  const transfers = await done();
  await page.close();
  return { transfers, otherOrigins, calendarVisibleMs };
}

/** Signs in through the sign-in page once and returns the session to reuse in fresh contexts. */
async function signedInState(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER_EMAIL);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * Signs a demo patient in to the portal by an email code, as a patient would: the code is
 * read from the SMTP server the bench's server sends through.
 */
async function portalSignedInState(
  browser: Browser,
  baseUrl: string,
  staffState: Awaited<ReturnType<typeof signedInState>>,
  smtp: TestSmtpServer,
) {
  const staff = await browser.newContext({ baseURL: baseUrl, storageState: staffState });
  const patients = (await (await staff.request.get('/api/v1/patients?limit=50')).json()) as { items: { email: string | null }[] };
  await staff.close();
  const email = patients.items.find((patient) => patient.email)?.email;
  if (!email) throw new Error('no demo patient has an email address');

  const context = await browser.newContext({ baseURL: baseUrl });
  const before = smtp.received.length;
  const requested = await context.request.post(`/api/v1/portal/${demoPractice.slug}/auth/code`, { data: { channel: 'email', email } });
  if (requested.status() !== 202) throw new Error(`the portal refused a code: ${requested.status()} ${await requested.text()}`);
  const received = await smtp.waitForMessages(before + 1, 30_000);
  const code = received.at(-1)?.parsed?.text?.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error('the sign-in email holds no code');
  const verified = await context.request.post(`/api/v1/portal/${demoPractice.slug}/auth/verify`, {
    data: { channel: 'email', email, code },
  });
  if (!verified.ok()) throw new Error(`the code was refused: ${verified.status()} ${await verified.text()}`);
  const state = await context.storageState();
  await context.close();
  return state;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The nearest-rank percentile: the smallest value at least `percent` % of the values are at or below. */
function percentile(values: number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * One cold visit to the booking page: its transfers, and when its first step's choices
 * appeared (ms after navigation start, read in the page).
 */
async function visitBookingPage(context: BrowserContext, baseUrl: string, path: string): Promise<Visit & { interactiveMs: number }> {
  const page = await context.newPage();
  // A string, not a function: tsx's compiled functions call a helper (__name) the page does not have.
  await page.addInitScript(`
    new MutationObserver((records, observer) => {
      if (window.__bookInteractiveMs === undefined && document.querySelector(${JSON.stringify(BOOK_CHOICE)})) {
        window.__bookInteractiveMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  `);
  const done = recordTransfers(page);
  const otherOrigins: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) otherOrigins.push(request.url());
  });
  await page.goto(path, { waitUntil: 'commit' });
  await page.locator(BOOK_CHOICE).first().waitFor({ state: 'visible', timeout: 60_000 });
  const interactiveMs = await page.evaluate(() => (window as unknown as { __bookInteractiveMs: number }).__bookInteractiveMs);
  await page.waitForLoadState('networkidle');
  const transfers = await done();
  await page.close();
  return { transfers, otherOrigins, calendarVisibleMs: undefined, interactiveMs };
}

function summarize(label: string, visits: Visit[], listFiles: boolean): void {
  const first = visits[0];
  if (!first) return;
  const scripts = first.transfers.filter((transfer) => transfer.type === 'script');
  const others = first.transfers.filter((transfer) => transfer.type !== 'script');
  const sum = (list: Transfer[], key: 'encoded' | 'decoded' | 'gzipped') => list.reduce((total, transfer) => total + transfer[key], 0);
  const encodings = [...new Set(scripts.map((script) => script.encoding))].join(', ');
  console.log(`\n${label}`);
  console.log(
    `  JavaScript: ${kilobytes(sum(scripts, 'encoded'))} transferred (${encodings}), ${kilobytes(sum(scripts, 'gzipped'))} as gzip, ${kilobytes(sum(scripts, 'decoded'))} decoded, ${scripts.length} files`,
  );
  console.log(`  everything else: ${kilobytes(sum(others, 'encoded'))} transferred in ${others.length} responses`);
  for (const script of listFiles ? [...scripts].sort((a, b) => b.encoded - a.encoded) : []) {
    console.log(`    ${kilobytes(script.encoded).padStart(9)}  ${new URL(script.url).pathname}`);
  }
  console.log(`  requests to other origins: ${first.otherOrigins.length === 0 ? 'none' : first.otherOrigins.join(', ')}`);
  const times = visits.map((one) => one.calendarVisibleMs).filter((time): time is number => time !== undefined);
  if (times.length > 0) {
    console.log(
      `  calendar visible: median ${median(times).toFixed(0)} ms after navigation start (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${times.length} visit${times.length === 1 ? '' : 's'})`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0]?.toFixed(2)}`);
  const web = buildWebApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-bench-data-'));
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let browser: Browser | undefined;
  const smtp = await startTestSmtpServer();
  try {
    loadDemoPractice(dataDir);
    server = await startServerProcess({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Lumière Aesthetics <hello@demo.glowdesk.app>',
      NODE_ENV: 'production',
      GLOWDESK_DATA_DIR: dataDir,
      GLOWDESK_DEMO: '0',
      DATABASE_URL: undefined,
      WEB_DIST_DIR: web.distDir,
      // Production refuses to start without it; the bench sends no messages that would use it.
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? 'http://localhost',
    });
    // localhost, not 127.0.0.1: Chromium keeps production's Secure session cookie only on a secure origin, and localhost is one.
    const baseUrl = server.baseUrl.replace('127.0.0.1', 'localhost');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

    const signInVisits: Visit[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: baseUrl });
      signInVisits.push(await visit(context, baseUrl, '/login', false));
      await context.close();
    }
    summarize('Sign-in page (/login), empty cache', signInVisits, true);

    const storageState = await signedInState(browser, baseUrl);
    const book = bookPath();
    const bookVisits: Visit[] = [];
    let repeatVisit: Visit | undefined;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, storageState });
      bookVisits.push(await visit(context, baseUrl, book, true));
      if (run === 0) repeatVisit = await visit(context, baseUrl, book, true);
      await context.close();
    }
    summarize(`Book (${book}), signed in, empty cache`, bookVisits, true);
    if (repeatVisit) summarize('Book again, with the cache the first visit left', [repeatVisit], false);

    const portal = `/portal/${demoPractice.slug}`;
    const portalSignInVisits: Visit[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: baseUrl });
      portalSignInVisits.push(await visit(context, baseUrl, portal, 'Log in'));
      await context.close();
    }
    summarize(`Patient portal sign-in (${portal}), empty cache`, portalSignInVisits, true);

    const patientState = await portalSignedInState(browser, baseUrl, storageState, smtp);
    const dashboardVisits: Visit[] = [];
    const appointmentsVisits: Visit[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, storageState: patientState });
      dashboardVisits.push(await visit(context, baseUrl, portal, 'Important Reminders'));
      await context.close();
      const other = await browser.newContext({ baseURL: baseUrl, storageState: patientState });
      appointmentsVisits.push(await visit(other, baseUrl, `${portal}/appointments`, 'Appointments'));
      await other.close();
    }
    summarize(`Patient portal dashboard (${portal}), patient signed in, empty cache`, dashboardVisits, true);
    summarize(`Patient portal appointments (${portal}/appointments), patient signed in, empty cache`, appointmentsVisits, true);

    const booking = `/book/${demoPractice.slug}`;
    const bookingVisits: (Visit & { interactiveMs: number })[] = [];
    for (let run = 0; run < BOOK_RUNS; run++) {
      const context = await browser.newContext({ baseURL: baseUrl });
      bookingVisits.push(await visitBookingPage(context, baseUrl, booking));
      await context.close();
    }
    summarize(`Online booking page (${booking}), nobody signed in, empty cache`, bookingVisits, true);
    const first = bookingVisits[0];
    if (first) {
      // A payment gateway's own script (Stripe.js) is not ours to shrink; the first step loads none.
      const ours = first.transfers.filter(
        (transfer) => transfer.type === 'script' && new URL(transfer.url).origin === new URL(baseUrl).origin,
      );
      const gzipped = ours.reduce((total, transfer) => total + transfer.gzipped, 0);
      console.log(
        `  JavaScript as gzip, first load: ${kilobytes(gzipped)} (budget ${kilobytes(BOOK_SCRIPT_BUDGET_BYTES)}: ${gzipped <= BOOK_SCRIPT_BUDGET_BYTES ? 'within' : 'OVER'})`,
      );
    }
    const interactive = bookingVisits.map((one) => one.interactiveMs);
    console.log(
      `  time to interactive (navigation start → first step's choices in the page): median ${median(interactive).toFixed(0)} ms, p95 ${percentile(interactive, 95).toFixed(0)} ms (min ${Math.min(...interactive).toFixed(0)}, max ${Math.max(...interactive).toFixed(0)}, ${interactive.length} cold visits)`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
    web.remove();
  }
}

await main();
