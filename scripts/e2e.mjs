#!/usr/bin/env node
// Runs the Playwright e2e tests through the real UI: builds the web app when its build is
// missing or stale, starts the server on a free port with a fresh embedded database holding
// the demo practice, runs the specs in Debian's Chromium, then stops the server and removes
// the database. Extra arguments go to `playwright test` (e.g. `node scripts/e2e.mjs -g "audit"`).
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); E2E_DATABASE_URL to run against a
// PostgreSQL server instead of the embedded database (a fresh database is created on that
// server for the run and dropped after it); E2E_COUNTS_FILE to write {passed, failed, skipped};
// E2E_WEB_OUT_DIR to build and serve the web app from a folder of its own; CI makes a
// missing Chromium an error.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'apps/web');
// E2E_WEB_OUT_DIR builds the web app into a private folder and serves that one, so
// several e2e runs on one machine do not rebuild each other's bundle underneath them.
const webOutDir = process.env.E2E_WEB_OUT_DIR ? resolve(process.env.E2E_WEB_OUT_DIR) : undefined;
const builtEntry = join(webOutDir ?? join(webDir, 'dist'), 'index.html');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Loading the demo practice takes ~10 s on a quiet 2-core machine, several times that under load.
const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 10_000;

function log(message) {
  console.log(`[e2e] ${message}`);
}

function requireChromium() {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) {
    console.error(
      `e2e failed: Chromium not found at ${chromiumPath}. Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log(`e2e skipped: Chromium not found at ${chromiumPath} (apt-get install -y chromium)`);
  return false;
}

/** The newest modification time of any file under `path` (a file or a folder). */
function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function buildWebIfStale() {
  const sources = ['src', 'public', 'index.html', 'portal.html', 'book.html', 'vite.config.ts', 'postcss.config.cjs', 'package.json'].map(
    (name) => join(webDir, name),
  );
  const sourcesChangedAt = Math.max(...sources.map(newestChange));
  if (existsSync(builtEntry) && statSync(builtEntry).mtimeMs >= sourcesChangedAt) {
    log('web build is up to date');
    return;
  }
  const outArgs = webOutDir ? ['--', '--outDir', webOutDir, '--emptyOutDir'] : [];
  log(`building the web app (npm run build -w @glowdesk/web${webOutDir ? ` into ${webOutDir}` : ''})`);
  const build = spawnSync('npm', ['run', 'build', '-w', '@glowdesk/web', ...outArgs], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('e2e failed: the web app did not build.');
    process.exit(build.status ?? 1);
  }
}

function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** A new, empty database on the E2E_DATABASE_URL server, so the demo practice loads into it. */
async function createServerDatabase(serverUrl) {
  const { default: pg } = await import(createRequire(join(root, 'apps/server/package.json')).resolve('pg'));
  const name = `glowdesk_e2e_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function startServer(port, dataDir, databaseUrl) {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', GLOWDESK_DATA_DIR: dataDir, GLOWDESK_DEMO: '1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (webOutDir) env.WEB_DIST_DIR = webOutDir;
  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  server.stdout.on('data', (chunk) => output.push(chunk));
  server.stderr.on('data', (chunk) => output.push(chunk));
  return { server, output: () => Buffer.concat(output).toString('utf8') };
}

async function waitUntilReady(baseUrl, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode} before it was ready`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
    server.once('exit', () => {
      clearTimeout(force);
      done();
    });
    server.kill('SIGTERM');
  });
}

const jsonReport = join(root, 'test-results/e2e-report.json');

/** Writes {passed, failed, skipped} from Playwright's JSON report to E2E_COUNTS_FILE. */
function writeCounts() {
  if (!process.env.E2E_COUNTS_FILE || !existsSync(jsonReport)) return;
  const { stats } = JSON.parse(readFileSync(jsonReport, 'utf8'));
  const counts = { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
  writeFileSync(process.env.E2E_COUNTS_FILE, JSON.stringify(counts));
}

function runPlaywright(baseUrl, extraArgs) {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  rmSync(jsonReport, { force: true });
  return new Promise((done) => {
    const runner = spawn(process.execPath, [cli, 'test', '-c', 'e2e/playwright.config.ts', '--reporter=line,json', ...extraArgs], {
      cwd: root,
      env: {
        ...process.env,
        E2E_BASE_URL: baseUrl,
        CHROMIUM_PATH: chromiumPath,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        PLAYWRIGHT_JSON_OUTPUT_NAME: jsonReport,
      },
      stdio: 'inherit',
    });
    runner.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (!requireChromium()) return 0;
  buildWebIfStale();

  const dataDir = mkdtempSync(join(tmpdir(), 'glowdesk-e2e-'));
  const serverDatabase = process.env.E2E_DATABASE_URL ? await createServerDatabase(process.env.E2E_DATABASE_URL) : undefined;
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { server, output } = startServer(port, dataDir, serverDatabase?.url);
  const cleanUp = async () => {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    await serverDatabase?.drop();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  }

  try {
    log(
      `starting the server at ${baseUrl} (${serverDatabase ? `PostgreSQL database ${new URL(serverDatabase.url).pathname.slice(1)}` : `data in ${dataDir}`})`,
    );
    await waitUntilReady(baseUrl, server);
    const code = await runPlaywright(baseUrl, process.argv.slice(2));
    writeCounts();
    if (code !== 0) console.error(`[e2e] server output:\n${output()}`);
    return code;
  } catch (error) {
    console.error(`e2e failed: ${error instanceof Error ? error.message : String(error)}\n[e2e] server output:\n${output()}`);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
