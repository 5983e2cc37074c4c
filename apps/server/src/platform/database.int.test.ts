import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAudit } from './audit/audit-log.ts';
import { prepareStatement, readOf, writeAhead } from './database.ts';
import { inPractice, inPracticeReading } from './tenancy.ts';
import { createTestApp, createTestPractice } from '../testing/test-app.ts';

const { app, database } = await createTestApp();

const echo = prepareStatement<{ items: string[]; note: string | null; at: string }, { items: string[]; note: string | null; at: Date }>(
  'test.echo',
  sql`select ${sql.placeholder('items')}::text[] as items, ${sql.placeholder('note')}::text as note,
             to_char(${sql.placeholder('at')}::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at`,
);
const staffCount = prepareStatement<{ n: number }, Record<string, never>>('test.staff_count', sql`select count(*)::int as n from staff`);
const failing = prepareStatement<{ n: number }, { divisor: number }>(
  'test.failing_read',
  sql`select 1 / ${sql.placeholder('divisor')}::int as n`,
);

async function auditCount(practiceId: string, action: string): Promise<number> {
  const result = await inPractice(database, practiceId, (tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = ${action}`),
  );
  return result.rows[0]?.n ?? 0;
}

describe('transactions whose reads travel with BEGIN', () => {
  it('hands the work each read’s answer, with awkward values read back exactly', async () => {
    const practice = await createTestPractice(app);
    const items = ["O'Brien", 'back\\slash', 'a "quoted" word', 'comma, brace }', 'Zoë ✓'];
    const answers = await inPracticeReading(
      database,
      practice.practiceId,
      {
        echoed: readOf(echo, { items, note: null, at: new Date('2031-01-06T05:00:00Z') }, ([row]) => row),
        staff: readOf(staffCount, {}, ([row]) => row?.n),
        nothing: undefined,
      },
      async (_tx, read) => read,
    );
    expect(answers.echoed).toEqual({ items, note: null, at: '2031-01-06T05:00:00' });
    expect(answers.staff).toBe(1);
    expect(answers.nothing).toBeUndefined();
  });

  it('reads under the practice’s row-level security like any statement of the transaction', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    await practiceB.signInAs('provider');
    await practiceB.signInAs('front_desk');
    const count = (practiceId: string) =>
      inPracticeReading(database, practiceId, { staff: readOf(staffCount, {}, ([row]) => row?.n) }, async (_tx, read) => read.staff);
    expect(await count(practiceA.practiceId)).toBe(1);
    expect(await count(practiceB.practiceId)).toBe(3);
  });

  it('rolls back without running the work when a read’s decoder refuses the request', async () => {
    const practice = await createTestPractice(app);
    let ran = false;
    await expect(
      inPracticeReading(
        database,
        practice.practiceId,
        {
          staff: readOf(staffCount, {}, () => {
            throw new Error('refused by the decoder');
          }),
        },
        async () => {
          ran = true;
        },
      ),
    ).rejects.toThrow('refused by the decoder');
    expect(ran).toBe(false);
  });

  it('keeps serving transactions after a read fails in the database', async () => {
    const practice = await createTestPractice(app);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(
        inPracticeReading(database, practice.practiceId, { bad: readOf(failing, { divisor: 0 }, ([row]) => row?.n) }, async () => 'ran'),
      ).rejects.toThrow();
    }
    // The failed scripts' PREPAREs were learnt back: the connections prepare nothing twice.
    for (let attempt = 0; attempt < 3; attempt++) {
      const value = await inPracticeReading(
        database,
        practice.practiceId,
        { good: readOf(failing, { divisor: 1 }, ([row]) => row?.n) },
        async (_tx, read) => read.good,
      );
      expect(value).toBe(1);
    }
  });

  it('keeps the connection of a failed script in the pool, knowing which of its statements it prepared', async () => {
    const practice = await createTestPractice(app);
    const backend = prepareStatement<{ pid: number }, Record<string, never>>('test.backend_pid', sql`select pg_backend_pid() as pid`);
    const pidOf = () =>
      inPracticeReading(database, practice.practiceId, { pid: readOf(backend, {}, ([row]) => row?.pid) }, async (_tx, read) => read.pid);
    const before = await pidOf();
    const divide = prepareStatement<{ n: number }, { divisor: number }>(
      'test.divide_once',
      sql`select 6 / ${sql.placeholder('divisor')}::int as n`,
    );
    await expect(
      inPracticeReading(database, practice.practiceId, { bad: readOf(divide, { divisor: 0 }, ([row]) => row?.n) }, async () => 'ran'),
    ).rejects.toThrow();
    // The pool hands back its most recently released connection: the same one, still usable.
    expect(await pidOf()).toBe(before);
    const answers = await inPracticeReading(
      database,
      practice.practiceId,
      { early: readOf(divide, { divisor: 2 }, ([row]) => row?.n) },
      async (tx, read) => ({ early: read.early, later: (await divide(tx, { divisor: 3 }))[0]?.n }),
    );
    expect(answers).toEqual({ early: 3, later: 2 });
  });

  it('runs a statement prepared in a script through the driver too, on the same connections', async () => {
    const practice = await createTestPractice(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      const viaScript = await inPracticeReading(
        database,
        practice.practiceId,
        { staff: readOf(staffCount, {}, ([row]) => row?.n) },
        async (tx, read) => ({ early: read.staff, later: (await staffCount(tx, {}))[0]?.n }),
      );
      expect(viaScript).toEqual({ early: 1, later: 1 });
    }
  });
});

describe('writes deferred until COMMIT', () => {
  it('writes the audit event with the commit', async () => {
    const practice = await createTestPractice(app);
    await inPractice(database, practice.practiceId, async (tx) => {
      await recordAudit(tx, { practiceId: practice.practiceId, actorType: 'system', action: 'test.deferred', details: { note: "it's" } });
    });
    expect(await auditCount(practice.practiceId, 'test.deferred')).toBe(1);
  });

  it('writes no audit event when the work fails after recording it', async () => {
    const practice = await createTestPractice(app);
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await recordAudit(tx, { practiceId: practice.practiceId, actorType: 'system', action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditCount(practice.practiceId, 'test.rolled_back')).toBe(0);
  });

  it('rolls the whole transaction back when a deferred write fails at commit', async () => {
    const practice = await createTestPractice(app);
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await tx.execute(sql`update staff set display_name = 'Renamed at commit'`);
        // An actor id that is not a uuid: the insert fails only when the commit script runs it.
        await recordAudit(tx, { practiceId: practice.practiceId, actorType: 'system', action: 'test.bad_write', actorId: 'not-a-uuid' });
      }),
    ).rejects.toThrow();
    const names = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ display_name: string }>(sql`select display_name from staff`),
    );
    expect(names.rows.map((row) => row.display_name)).toEqual(['Test Owner']);
    expect(await auditCount(practice.practiceId, 'test.bad_write')).toBe(0);
  });
});

describe('writes sent ahead of the next statement', () => {
  it('lets the transaction’s next statement see a queued write', async () => {
    const practice = await createTestPractice(app);
    const seen = await inPractice(database, practice.practiceId, async (tx) => {
      await writeAhead(tx, sql`update staff set display_name = ${"Queued O'Neil"}`);
      const rows = await tx.execute<{ display_name: string }>(sql`select display_name from staff`);
      return rows.rows.map((row) => row.display_name);
    });
    expect(seen).toEqual(["Queued O'Neil"]);
  });

  it('commits a write queued last with the COMMIT', async () => {
    const practice = await createTestPractice(app);
    await inPractice(database, practice.practiceId, async (tx) => {
      await writeAhead(tx, sql`update staff set display_name = 'Written with the commit'`);
    });
    const names = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ display_name: string }>(sql`select display_name from staff`),
    );
    expect(names.rows.map((row) => row.display_name)).toEqual(['Written with the commit']);
  });

  it('rolls the whole transaction back when a queued write fails, before the work goes on', async () => {
    const practice = await createTestPractice(app);
    let wentOn = false;
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await tx.execute(sql`update staff set display_name = 'Renamed first'`);
        await writeAhead(tx, sql`update staff set display_name = ${'x'.repeat(10)}::varchar(3)::text || ${'not-a-number'}::int::text`);
        await tx.execute(sql`select 1`);
        wentOn = true;
      }),
    ).rejects.toThrow();
    expect(wentOn).toBe(false);
    const names = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ display_name: string }>(sql`select display_name from staff`),
    );
    expect(names.rows.map((row) => row.display_name)).toEqual(['Test Owner']);
  });
});
