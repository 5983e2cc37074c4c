// Makes a fresh clone runnable: installs npm packages and builds the web app when they
// are missing or out of date. Used by `npm start`, `npm test` and the e2e runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

export function ensureDependencies() {
  const installed = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing npm packages (first run)…');
  const status = run('npm', ['ci', '--no-audit', '--no-fund'], { env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  if (status !== 0) process.exit(status);
}

export function ensureWebBuild() {
  const builtAt = newestModification(join(root, 'apps/web/dist/index.html'));
  const sourcesAt = Math.max(
    newestModification(join(root, 'apps/web/src')),
    newestModification(join(root, 'apps/web/index.html')),
    newestModification(join(root, 'apps/web/vite.config.ts')),
    newestModification(join(root, 'packages/contracts/src')),
  );
  if (builtAt > 0 && builtAt >= sourcesAt) return;
  console.log('Building the web app…');
  const status = run('npm', ['run', 'build', '-w', '@glowdesk/web']);
  if (status !== 0) process.exit(status);
}
