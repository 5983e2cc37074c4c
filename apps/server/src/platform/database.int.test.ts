import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAudit } from './audit/audit-log.ts';
import { bind, prepareStatement, readOf, runInOrder, runTogether, sqlStateOf } from './database.ts';
import { inPractice, inPracticeReading } from './tenancy.ts';
import { createTestApp, createTestPractice } from '../testing/test-app.ts';

const { app, database } = await createTestApp();

const echo = prepareStatement<{ items: string[]; note: string | null; at: string }, { items: string[]; note: string | null; at: Date }>(
  'test.echo',
  (value) => sql`select ${value('items')}::text[] as items, ${value('note')}::text as note,
             to_char(${value('at')}::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at`,
);
const staffCount = prepareStatement<{ n: number }, Record<string, never>>(
  'test.staff_count',
  () => sql`select count(*)::int as n from staff`,
);
const failing = prepareStatement<{ n: number }, { divisor: number }>(
  'test.failing_read',
  (value) => sql`select 1 / ${value('divisor')}::int as n`,
);

async function auditCount(practiceId: string, action: string): Promise<number> {
  const result = await inPractice(database, practiceId, (tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = ${action}`),
  );
  return result.rows[0]?.n ?? 0;
}

describe('transactions whose first reads are sent with BEGIN', () => {
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

  it('keeps the connection of a failed read in the pool, its prepared statements still usable', async () => {
    const practice = await createTestPractice(app);
    const backend = prepareStatement<{ pid: number }, Record<string, never>>('test.backend_pid', () => sql`select pg_backend_pid() as pid`);
    const pidOf = () =>
      inPracticeReading(database, practice.practiceId, { pid: readOf(backend, {}, ([row]) => row?.pid) }, async (_tx, read) => read.pid);
    const before = await pidOf();
    const divide = prepareStatement<{ n: number }, { divisor: number }>(
      'test.divide_once',
      (value) => sql`select 6 / ${value('divisor')}::int as n`,
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

  it('runs the same prepared statement with BEGIN and later in the work', async () => {
    const practice = await createTestPractice(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      const answers = await inPracticeReading(
        database,
        practice.practiceId,
        { staff: readOf(staffCount, {}, ([row]) => row?.n) },
        async (tx, read) => ({ early: read.staff, later: (await staffCount(tx, {}))[0]?.n }),
      );
      expect(answers).toEqual({ early: 1, later: 1 });
    }
  });
});

const renameStaff = prepareStatement<Record<string, never>, { name: string }>(
  'test.rename_staff',
  (value) => sql`update staff set display_name = ${value('name')}::text`,
);
const staffNames = prepareStatement<{ display_name: string }, Record<string, never>>(
  'test.staff_names',
  () => sql`select display_name from staff order by display_name`,
);

async function staffNamesOf(practiceId: string): Promise<string[]> {
  return inPractice(database, practiceId, async (tx) => (await staffNames(tx, {})).map((row) => row.display_name));
}

describe('audit events', () => {
  it('commits the audit event with the change', async () => {
    const practice = await createTestPractice(app);
    await inPractice(database, practice.practiceId, async (tx) => {
      await recordAudit(tx, { practiceId: practice.practiceId, actorType: 'system', action: 'test.recorded', details: { note: "it's" } });
    });
    expect(await auditCount(practice.practiceId, 'test.recorded')).toBe(1);
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

  it('reports a bad audit write at the call that wrote it, and rolls the change back', async () => {
    const practice = await createTestPractice(app);
    let reported: string | undefined;
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await renameStaff(tx, { name: 'Renamed first' });
        try {
          // An actor id that is not a uuid.
          await recordAudit(tx, { practiceId: practice.practiceId, actorType: 'system', action: 'test.bad_write', actorId: 'not-a-uuid' });
        } catch (error) {
          reported = sqlStateOf(error);
          throw error;
        }
      }),
    ).rejects.toThrow();
    expect(reported).toBe('22P02');
    expect(await staffNamesOf(practice.practiceId)).toEqual(['Test Owner']);
    expect(await auditCount(practice.practiceId, 'test.bad_write')).toBe(0);
  });
});

describe('errors at the statement that caused them', () => {
  it('stops the work at a failing statement: nothing after it runs, nothing before it stays', async () => {
    const practice = await createTestPractice(app);
    let wentOn = false;
    let reported: string | undefined;
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await renameStaff(tx, { name: 'Renamed first' });
        await failing(tx, { divisor: 0 }).catch((error: unknown) => {
          reported = sqlStateOf(error);
          throw error;
        });
        wentOn = true;
      }),
    ).rejects.toThrow();
    expect(reported).toBe('22012');
    expect(wentOn).toBe(false);
    expect(await staffNamesOf(practice.practiceId)).toEqual(['Test Owner']);
  });

  it('refuses to commit a transaction whose work carried on after a failed statement', async () => {
    const practice = await createTestPractice(app);
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await renameStaff(tx, { name: 'Renamed first' });
        await failing(tx, { divisor: 0 }).catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await staffNamesOf(practice.practiceId)).toEqual(['Test Owner']);
  });

  it('runs statements sent together in order, each seeing the ones before it', async () => {
    const practice = await createTestPractice(app);
    const rows = await inPractice(database, practice.practiceId, (tx) =>
      runInOrder(tx, [bind(renameStaff, { name: "Together O'Neil" }), bind(staffNames, {}), bind(failing, { divisor: 1 })]),
    );
    expect(rows).toEqual([[], [{ display_name: "Together O'Neil" }], [{ n: 1 }]]);
    expect(await staffNamesOf(practice.practiceId)).toEqual(["Together O'Neil"]);
  });

  it('throws the error of the statement that failed among statements sent together, and rolls back', async () => {
    const practice = await createTestPractice(app);
    let reported: string | undefined;
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await runInOrder(tx, [bind(renameStaff, { name: 'Renamed first' }), bind(failing, { divisor: 0 }), bind(staffNames, {})]).catch(
          (error: unknown) => {
            reported = sqlStateOf(error);
            throw error;
          },
        );
      }),
    ).rejects.toThrow();
    // Division by zero, not the "transaction is aborted" of the statement sent after it.
    expect(reported).toBe('22012');
    expect(await staffNamesOf(practice.practiceId)).toEqual(['Test Owner']);
  });

  it('runs independent work together and hands back each result in the order given', async () => {
    const practice = await createTestPractice(app);
    const [names, quotient, list] = await inPractice(database, practice.practiceId, (tx) =>
      runTogether(tx, [
        async () => (await staffNames(tx, {})).map((row) => row.display_name),
        async () => (await failing(tx, { divisor: 2 }))[0]?.n,
        async () => (await echo(tx, { items: ['a', 'b'], note: null, at: new Date(0) }))[0]?.items,
      ] as const),
    );
    expect({ names, quotient, list }).toEqual({ names: ['Test Owner'], quotient: 0, list: ['a', 'b'] });
  });

  it('throws the error of failed work run together once all of it has finished, and rolls back', async () => {
    const practice = await createTestPractice(app);
    let reported: string | undefined;
    await expect(
      inPractice(database, practice.practiceId, async (tx) => {
        await runTogether(tx, [() => renameStaff(tx, { name: 'Renamed together' }), () => failing(tx, { divisor: 0 })] as const).catch(
          (error: unknown) => {
            reported = sqlStateOf(error);
            throw error;
          },
        );
      }),
    ).rejects.toThrow();
    expect(reported).toBe('22012');
    expect(await staffNamesOf(practice.practiceId)).toEqual(['Test Owner']);
  });

  it('binds every value: text that looks like SQL or a parameter is stored as written', async () => {
    const practice = await createTestPractice(app);
    const name = "$1 '; drop table staff; -- \\ $2";
    await inPractice(database, practice.practiceId, (tx) => renameStaff(tx, { name }));
    expect(await staffNamesOf(practice.practiceId)).toEqual([name]);
  });
});
