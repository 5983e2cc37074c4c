import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from './testing/server-process.ts';

const databaseUrl = process.env.DATABASE_URL;

/**
 * The server under test runs its message delivery worker and reminder scheduler over every
 * practice in its database: on the suite's shared database it would claim and send other test
 * files' queued messages as they run. It gets a database of its own, dropped afterwards.
 */
async function withOwnDatabase(sharedUrl: string, work: (url: string) => Promise<void>): Promise<void> {
  const name = `glowdesk_entry_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: sharedUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(sharedUrl);
    url.pathname = `/${name}`;
    try {
      await work(url.toString());
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end();
  }
}

// On PostgreSQL, where a second connection can hold a request in the middle of its work.
describe.runIf(databaseUrl)('the production entry point (node apps/server/bin/glowdesk.mjs)', () => {
  it('is the server itself: SIGTERM lets the request in flight finish, then the process exits 0', async () => {
    if (!databaseUrl) return;
    await withOwnDatabase(databaseUrl, async (ownUrl) => {
      const server = await startServerProcess({ DATABASE_URL: ownUrl }, ['apps/server/bin/glowdesk.mjs', 'start']);
      const blocker = new pg.Client({ connectionString: ownUrl });
      await blocker.connect();
      try {
        // Sign-in counts the attempt first: with its table locked, the request waits mid-way.
        await blocker.query('begin');
        await blocker.query('lock table auth_failure_counters in exclusive mode');
        const answer = fetch(`${server.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@clinic.example', password: 'not the password' }),
        });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        process.kill(server.pid, 'SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 500));
        const stillRunning = await Promise.race([server.exited.then(() => false), Promise.resolve(true)]);
        expect(stillRunning).toBe(true);
        await blocker.query('commit');
        const response = await answer;
        expect(response.status).toBe(401);
        expect((await response.json()).code).toBe('invalid_credentials');
        expect(await server.exited).toBe(0);
      } finally {
        await blocker.end();
        await server.stop();
      }
    });
  }, 90_000);
});
