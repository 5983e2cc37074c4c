import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './testing/server-process.ts';

const databaseUrl = process.env.DATABASE_URL;

/** The server processes a cluster's primary runs (Linux lists a process's children in /proc). */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter((entry) => entry.trim() !== '')
    .map(Number);
}

/** Connections PostgreSQL accepts from a server: max_connections less its reserved slots. */
async function allowedConnections(): Promise<number> {
  const observer = new pg.Client({ connectionString: databaseUrl });
  await observer.connect();
  try {
    const { rows } = await observer.query<{ allowed: number }>(
      `select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
              - coalesce(current_setting('reserved_connections', true)::int, 0) as allowed`,
    );
    return rows[0]?.allowed ?? 0;
  } finally {
    await observer.end();
  }
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(databaseUrl)('start with GLOWDESK_PROCESSES on PostgreSQL', () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('serves one port from that many processes, announced once', async () => {
    server = await startServerProcess({ DATABASE_URL: databaseUrl ?? '', GLOWDESK_PROCESSES: '2' });
    expect(server.output()).toMatch(/with 2 server processes/);
    expect(server.output().match(/running at/g)).toHaveLength(1);
    expect(childrenOf(server.pid)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server?.baseUrl}/readyz`)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
  }, 90_000);

  it('replaces a server process that dies and goes on serving', async () => {
    server = await startServerProcess({ DATABASE_URL: databaseUrl ?? '', GLOWDESK_PROCESSES: '2' });
    const [first, second] = childrenOf(server.pid);
    process.kill(first ?? 0, 'SIGKILL');
    await waitFor(() => childrenOf(server?.pid ?? 0).length === 2 && !childrenOf(server?.pid ?? 0).includes(first ?? 0), 'a replacement');
    expect(childrenOf(server.pid)).toContain(second);
    expect(server.output()).toMatch(/A server process exited \(SIGKILL\); starting another/);
    const answer = await fetch(`${server.baseUrl}/readyz`);
    expect(answer.status).toBe(200);
  }, 90_000);

  it('keeps each process within DATABASE_POOL_SIZE connections under load', async () => {
    server = await startServerProcess({ DATABASE_URL: databaseUrl ?? '', GLOWDESK_PROCESSES: '2', DATABASE_POOL_SIZE: '2' });
    const processes = childrenOf(server.pid);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${server?.baseUrl}/readyz`)));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
    }
    const observer = new pg.Client({ connectionString: databaseUrl });
    await observer.connect();
    try {
      const { rows } = await observer.query<{ application_name: string; connections: number }>(
        `select application_name, count(*)::int as connections from pg_stat_activity where application_name = any($1::text[]) group by 1`,
        [processes.map((pid) => `glowdesk pid ${pid}`)],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.connections).toBeLessThanOrEqual(2);
    } finally {
      await observer.end();
    }
  }, 90_000);

  it('refuses at start more connections than PostgreSQL accepts, naming the variables', async () => {
    const allowed = await allowedConnections();
    const processes = Math.min(64, Math.floor(allowed / 2) + 1);
    await expect(
      startServerProcess({ DATABASE_URL: databaseUrl ?? '', GLOWDESK_PROCESSES: String(processes), DATABASE_POOL_SIZE: '2' }),
    ).rejects.toThrow(
      new RegExp(
        `server exited with 1:[\\s\\S]*GLOWDESK_PROCESSES: ${processes} processes × DATABASE_POOL_SIZE 2 = ${processes * 2} connections, but PostgreSQL accepts ${allowed}`,
      ),
    );
    if (allowed < 100) {
      await expect(startServerProcess({ DATABASE_URL: databaseUrl ?? '', DATABASE_POOL_SIZE: '100' })).rejects.toThrow(
        /server exited with 1:[\s\S]*DATABASE_POOL_SIZE: 100 connections per process, but PostgreSQL accepts/,
      );
    }
  }, 90_000);

  it("fits 'auto' to the connections PostgreSQL accepts", async () => {
    const allowed = await allowedConnections();
    const poolSize = Math.floor(allowed / 2) + 1; // two processes would not fit
    server = await startServerProcess({
      DATABASE_URL: databaseUrl ?? '',
      GLOWDESK_PROCESSES: 'auto',
      DATABASE_POOL_SIZE: String(poolSize),
    });
    if (availableParallelism() > 1) {
      expect(server.output()).toMatch(new RegExp(`GLOWDESK_PROCESSES=auto: running 1 server process, not ${availableParallelism()}`));
      expect(childrenOf(server.pid)).toHaveLength(1);
    }
    const answer = await fetch(`${server.baseUrl}/readyz`);
    expect(answer.status).toBe(200);
  }, 90_000);

  it('stops every process on SIGTERM and exits cleanly', async () => {
    server = await startServerProcess({ DATABASE_URL: databaseUrl ?? '', GLOWDESK_PROCESSES: '2' });
    const processes = childrenOf(server.pid);
    expect(await server.stop()).toBe(0);
    for (const pid of processes) expect(() => process.kill(pid, 0)).toThrow();
  }, 90_000);
});

describe('start with GLOWDESK_PROCESSES on the embedded database', () => {
  it('refuses several processes, naming the variable', async () => {
    await expect(startServerProcess({ DATABASE_URL: undefined, GLOWDESK_PROCESSES: '2' })).rejects.toThrow(
      /server exited with 1:[\s\S]*GLOWDESK_PROCESSES: 2 processes need DATABASE_URL/,
    );
  }, 90_000);
});
