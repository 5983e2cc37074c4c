// `npm start`: installs what a fresh clone needs, builds the web app, then starts the
// server (API + web UI on one port). Extra arguments go to the server CLI:
// `npm start -- migrate`, `npm start -- seed-demo`, `npm start -- create-owner …`.
import { spawn } from 'node:child_process';
import { ensureDependencies, ensureWebBuild, root } from './prepare.mjs';

ensureDependencies();
const args = process.argv.slice(2);
if (args.length === 0 || args[0] === 'start') ensureWebBuild();

const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
