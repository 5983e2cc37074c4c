import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcedurePhoto } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqlStateOf } from '../../platform/database.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createChartingPractice, startProcedure, type ChartingPractice } from './emr-test-support.ts';
import { uploadProcedurePhoto } from './procedure-photo-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York. The app's clock stands still; job runs are given their own now.
const clock = createManualClock('2026-03-03T12:30:00Z');
const minutesLater = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);

/**
 * The test's folder store with the failures of a real one put in front of its deletes: the
 * next deletes can be made to fail or to wait, and every key asked for is counted.
 */
const storeTrouble = {
  deletesAsked: [] as string[],
  failuresLeft: 0,
  held: [] as Promise<void>[],
  reset() {
    this.deletesAsked = [];
    this.failuresLeft = 0;
    this.held = [];
  },
  /** The next `count` deletes throw, as a store that is down does. */
  failNextDeletes(count: number) {
    this.failuresLeft = count;
  },
  /** The next `count` deletes wait until the answer is called, as in a process that stopped mid-request. */
  holdNextDeletes(count: number): () => void {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.held = Array.from({ length: count }, () => gate);
    return release;
  },
};

function troubledStore(store: FileStore): FileStore {
  return {
    store: store.store,
    put: (key, bytes, contentType) => store.put(key, bytes, contentType),
    get: (key) => store.get(key),
    async delete(key) {
      storeTrouble.deletesAsked.push(key);
      const gate = storeTrouble.held.shift();
      if (gate) await gate;
      if (storeTrouble.failuresLeft > 0) {
        storeTrouble.failuresLeft -= 1;
        throw new Error('The file store is unavailable (503 Service Unavailable).');
      }
      await store.delete(key);
    },
  };
}

const { app, database, config } = await createTestApp({ clock, wrapFileStore: troubledStore });

beforeEach(() => storeTrouble.reset());

interface PendingRow {
  file_key: string;
  photo_id: string;
  attempts: number;
  last_error: string | null;
  next_attempt_ms: number;
}

async function pendingFiles(practiceId: string): Promise<PendingRow[]> {
  const result = await inPractice(database, practiceId, (tx) =>
    tx.execute(sql`select file_key, photo_id, attempts, last_error, extract(epoch from next_attempt_at)::float8 * 1000 as next_attempt_ms
      from photo_file_deletions order by file_key`),
  );
  return result.rows as unknown as PendingRow[];
}

function storedPath(key: string): string {
  if (config.fileStore.store !== 'data_folder') throw new Error('the tests store files in a folder');
  return join(config.fileStore.directory, ...key.split('/'));
}

const exists = (key: string) =>
  access(storedPath(key)).then(
    () => true,
    () => false,
  );

function keysOf(practiceId: string, photoId: string) {
  const folder = `practices/${practiceId}/procedure-photos/${photoId}`;
  return { image: `${folder}/image.jpg`, thumbnail: `${folder}/thumbnail.jpg` };
}

let slot = 0;
async function chartPhoto(setup: ChartingPractice): Promise<{ procedureId: string; photo: ProcedurePhoto }> {
  slot = (slot % 7) + 1;
  const procedure = await startProcedure(app, setup, new Date(Date.parse('2026-03-03T14:00:00Z') + slot * 3_600_000).toISOString());
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08060' } })
    .jpeg()
    .toBuffer();
  const uploaded = await uploadProcedurePhoto(app, {
    headers: setup.practice.owner.headers,
    procedureId: procedure.id,
    fields: { kind: 'before' },
    file: { filename: 'IMG_0001.jpg', contentType: 'image/jpeg', bytes },
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  return { procedureId: procedure.id, photo: uploaded.json<ProcedurePhoto>() };
}

function deletePhoto(setup: ChartingPractice, procedureId: string, photoId: string) {
  return app.inject({
    method: 'DELETE',
    url: `/api/v1/procedures/${procedureId}/photos/${photoId}`,
    headers: setup.practice.owner.headers,
  });
}

function runCleanup(setup: ChartingPractice, now: Date, options: { batchSize?: number } = {}) {
  return app.services.emr.deletePendingPhotoFiles({ now, practiceIds: [setup.practice.practiceId], ...options });
}

describe('removing a deleted photo’s files when the file store fails', () => {
  it('deletes the photo at once, keeps the file the store refused as pending, and a later job run removes it', async () => {
    const setup = await createChartingPractice(app);
    const { practiceId } = setup.practice;
    const { procedureId, photo } = await chartPhoto(setup);
    const keys = keysOf(practiceId, photo.id);
    storeTrouble.failNextDeletes(1);

    const response = await deletePhoto(setup, procedureId, photo.id);
    expect(response.statusCode, response.body).toBe(204);
    expect(response.body).toBe('');

    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/procedures/${procedureId}/photos`,
      headers: setup.practice.owner.headers,
    });
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await app.inject({ method: 'GET', url: photo.imageUrl, headers: setup.practice.owner.headers })).statusCode).toBe(404);
    // The image's delete failed, the thumbnail's went through: only the image is pending, a minute out.
    expect(await exists(keys.image)).toBe(true);
    expect(await exists(keys.thumbnail)).toBe(false);
    expect(await pendingFiles(practiceId)).toEqual([
      {
        file_key: keys.image,
        photo_id: photo.id,
        attempts: 1,
        last_error: 'The file store is unavailable (503 Service Unavailable).',
        next_attempt_ms: minutesLater(1).getTime(),
      },
    ]);

    // Not due yet: the run leaves it alone.
    expect(await runCleanup(setup, clock.now())).toEqual({ claimed: 0, removed: 0, failed: 0 });
    expect(await exists(keys.image)).toBe(true);

    expect(await runCleanup(setup, minutesLater(2))).toEqual({ claimed: 1, removed: 1, failed: 0 });
    expect(await exists(keys.image)).toBe(false);
    expect(await pendingFiles(practiceId)).toEqual([]);
  });

  it('keeps a file the store refuses again with its error and backs off, never dropping it', async () => {
    const setup = await createChartingPractice(app);
    const { practiceId } = setup.practice;
    const { procedureId, photo } = await chartPhoto(setup);
    const keys = keysOf(practiceId, photo.id);
    storeTrouble.failNextDeletes(2);
    expect((await deletePhoto(setup, procedureId, photo.id)).statusCode).toBe(204);
    expect((await pendingFiles(practiceId)).map((row) => [row.file_key, row.attempts])).toEqual([
      [keys.image, 1],
      [keys.thumbnail, 1],
    ]);

    storeTrouble.failNextDeletes(2);
    const secondAttemptAt = minutesLater(2);
    expect(await runCleanup(setup, secondAttemptAt)).toEqual({ claimed: 2, removed: 0, failed: 2 });
    // After the second failure the wait doubles: two minutes.
    const retryAt = secondAttemptAt.getTime() + 2 * 60_000;
    expect(await pendingFiles(practiceId)).toEqual([
      expect.objectContaining({
        file_key: keys.image,
        attempts: 2,
        last_error: expect.stringContaining('unavailable'),
        next_attempt_ms: retryAt,
      }),
      expect.objectContaining({ file_key: keys.thumbnail, attempts: 2, next_attempt_ms: retryAt }),
    ]);
    expect(await runCleanup(setup, new Date(retryAt - 1))).toEqual({ claimed: 0, removed: 0, failed: 0 });

    expect(await runCleanup(setup, new Date(retryAt))).toEqual({ claimed: 2, removed: 2, failed: 0 });
    expect(await exists(keys.image)).toBe(false);
    expect(await exists(keys.thumbnail)).toBe(false);
    expect(await pendingFiles(practiceId)).toEqual([]);
  });

  it('counts a file already missing from the store as deleted', async () => {
    const setup = await createChartingPractice(app);
    const { practiceId } = setup.practice;
    const { procedureId, photo } = await chartPhoto(setup);
    const keys = keysOf(practiceId, photo.id);
    storeTrouble.failNextDeletes(1);
    expect((await deletePhoto(setup, procedureId, photo.id)).statusCode).toBe(204);
    expect((await pendingFiles(practiceId)).map((row) => row.file_key)).toEqual([keys.image]);
    // Removed by hand meanwhile (or by an earlier attempt whose answer was lost).
    await rm(storedPath(keys.image));

    expect(await runCleanup(setup, minutesLater(2))).toEqual({ claimed: 1, removed: 1, failed: 0 });
    expect(storeTrouble.deletesAsked.at(-1)).toBe(keys.image);
    expect(await pendingFiles(practiceId)).toEqual([]);
  });

  it('lets two job runs at once remove each file once, without an error', async () => {
    const setup = await createChartingPractice(app);
    const { practiceId } = setup.practice;
    const deleted: string[] = [];
    for (let photoIndex = 0; photoIndex < 3; photoIndex += 1) {
      const { procedureId, photo } = await chartPhoto(setup);
      storeTrouble.failNextDeletes(2);
      expect((await deletePhoto(setup, procedureId, photo.id)).statusCode).toBe(204);
      const keys = keysOf(practiceId, photo.id);
      deleted.push(keys.image, keys.thumbnail);
    }
    expect(await pendingFiles(practiceId)).toHaveLength(6);
    storeTrouble.deletesAsked = [];

    // Small batches, so the two runs claim turn about.
    const runs = await Promise.all([
      runCleanup(setup, minutesLater(2), { batchSize: 1 }),
      runCleanup(setup, minutesLater(2), { batchSize: 1 }),
    ]);
    expect(runs.reduce((sum, run) => sum + run.claimed, 0)).toBe(6);
    expect(runs.reduce((sum, run) => sum + run.removed, 0)).toBe(6);
    expect(runs.every((run) => run.failed === 0)).toBe(true);
    expect([...storeTrouble.deletesAsked].sort()).toEqual([...deleted].sort());
    for (const key of deleted) expect(await exists(key), key).toBe(false);
    expect(await pendingFiles(practiceId)).toEqual([]);
  });

  it('finishes a deletion whose process stopped after the commit, once the deletion’s own attempt has had its time', async () => {
    const setup = await createChartingPractice(app);
    const { practiceId } = setup.practice;
    const { procedureId, photo } = await chartPhoto(setup);
    const keys = keysOf(practiceId, photo.id);
    const release = storeTrouble.holdNextDeletes(2);

    const stalled = deletePhoto(setup, procedureId, photo.id);
    await expect.poll(() => storeTrouble.deletesAsked.length).toBe(2);
    // Committed: the photo is gone and its files are recorded, held by the deletion for five minutes.
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/procedures/${procedureId}/photos`,
      headers: setup.practice.owner.headers,
    });
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await pendingFiles(practiceId)).map((row) => [row.file_key, row.next_attempt_ms])).toEqual([
      [keys.image, minutesLater(5).getTime()],
      [keys.thumbnail, minutesLater(5).getTime()],
    ]);
    expect(await runCleanup(setup, minutesLater(4))).toEqual({ claimed: 0, removed: 0, failed: 0 });

    expect(await runCleanup(setup, minutesLater(5))).toEqual({ claimed: 2, removed: 2, failed: 0 });
    expect(await exists(keys.image)).toBe(false);
    expect(await exists(keys.thumbnail)).toBe(false);
    expect(await pendingFiles(practiceId)).toEqual([]);

    // Should the stalled attempt still answer, it finds its work done.
    release();
    expect((await stalled).statusCode).toBe(204);
    expect(await pendingFiles(practiceId)).toEqual([]);
  });

  it('refuses a pending file outside its practice’s folder', async () => {
    const setup = await createChartingPractice(app);
    const elsewhere = await createChartingPractice(app);
    const { practiceId } = setup.practice;
    const insert = (fileKey: string) =>
      inPractice(database, practiceId, (tx) =>
        tx.execute(sql`insert into photo_file_deletions (practice_id, file_key, photo_id, created_at, next_attempt_at)
          values (${practiceId}, ${fileKey}, gen_random_uuid(), now(), now())`),
      );
    const refusal = (fileKey: string) =>
      insert(fileKey).then(
        () => 'inserted',
        (error: unknown) => sqlStateOf(error),
      );
    // 23514: check_violation.
    expect(await refusal(`practices/${elsewhere.practice.practiceId}/procedure-photos/x/image.jpg`)).toBe('23514');
    expect(await refusal(`practices/${practiceId}x/image.jpg`)).toBe('23514');
    expect(await pendingFiles(practiceId)).toEqual([]);
  });
});
