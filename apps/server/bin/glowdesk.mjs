#!/usr/bin/env node
// The production entry point: `node apps/server/bin/glowdesk.mjs [start | migrate | …]`.
// The server runs in this very process, so a supervisor that signals the process it started
// (a container stop, systemd, a process manager) reaches it: SIGTERM finishes the requests in
// flight and exits. `npm start` does not pass signals on (npm 11), and it also installs and
// builds, which a production start should not do. Build the web app once with `npm run build`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
