import { randomUUID } from 'node:crypto';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import type { EmrDependencies } from './emr-dependencies.ts';
import * as pending from './photo-file-deletion-repository.ts';

/**
 * How long an attempt holds its files before another may take them: far longer than a store
 * call takes, so only an attempt whose process stopped is ever taken over.
 */
export const FILE_DELETION_LEASE_MS = 5 * 60_000;

export interface FileDeletionBackoff {
  /** Wait after the first failed attempt. */
  baseDelayMs: number;
  /** The wait never grows past this; attempts go on at this pace until the store confirms. */
  maxDelayMs: number;
}

/** 1, 2, 4 … minutes, capped at an hour. */
export const defaultFileDeletionBackoff: FileDeletionBackoff = { baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

/** The wait after the given (1-based) failed attempt. */
export function fileDeletionRetryDelayMs(failedAttempts: number, backoff: FileDeletionBackoff = defaultFileDeletionBackoff): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  return Math.min(backoff.baseDelayMs * 2 ** exponent, backoff.maxDelayMs);
}

/** From this many failed attempts on (about nine hours with the default backoff), a file that will not go is logged as an error. */
const FAILED_ATTEMPTS_BEFORE_ALERT = 15;

/** The subset of a pino logger the job writes to. */
export interface PhotoFileCleanupLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const silentLogger: PhotoFileCleanupLogger = { warn: () => undefined, error: () => undefined };

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 2000 ? `${text.slice(0, 1997)}...` : text;
}

type DeleteOutcome = { removed: true } | { removed: false; error: string };

/** Asks the store to delete each key, at most `concurrency` at once; a key with nothing under it is removed too (the port's contract). */
async function deleteFromStore(deps: EmrDependencies, keys: readonly string[], concurrency: number): Promise<DeleteOutcome[]> {
  const outcomes: DeleteOutcome[] = [];
  let next = 0;
  const lane = async () => {
    while (next < keys.length) {
      const index = next;
      next += 1;
      const key = keys[index];
      if (key === undefined) continue;
      try {
        await deps.fileStore.delete(key);
        outcomes[index] = { removed: true };
      } catch (error) {
        outcomes[index] = { removed: false, error: errorText(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, lane));
  return outcomes;
}

export interface PhotoFilesRemovedNow {
  /** Keys the store could not delete now: the cleanup job retries them. */
  filesLeft: string[];
  /** Why the outcome could not be written down, if it could not: the job then retries every key (a file already gone counts as deleted). */
  unrecorded?: unknown;
}

/**
 * A deleted photo's files, removed right after the commit that deleted the photo and recorded
 * them in `photo_file_deletions`: the rows of removed files are forgotten, and failures are
 * left to the job with the error and the time of the next attempt. Never throws: the photo is
 * deleted whatever happens here.
 */
export async function removeDeletedPhotoFilesNow(
  deps: EmrDependencies,
  practiceId: string,
  fileKeys: readonly string[],
): Promise<PhotoFilesRemovedNow> {
  const outcomes = await deleteFromStore(deps, fileKeys, fileKeys.length);
  const attemptedAt = deps.clock.now();
  const removed: pending.PendingFile[] = [];
  const failures: pending.FailedFileDeletion[] = [];
  fileKeys.forEach((fileKey, index) => {
    const outcome = outcomes[index];
    if (outcome?.removed) removed.push({ practiceId, fileKey });
    else
      failures.push({
        practiceId,
        fileKey,
        error: outcome?.error ?? 'not attempted',
        nextAttemptAt: new Date(attemptedAt.getTime() + fileDeletionRetryDelayMs(1)),
      });
  });
  const filesLeft = failures.map((failure) => failure.fileKey);
  try {
    await inPractice(deps.database, practiceId, async (tx) => {
      await pending.forgetRemovedFiles(tx, removed);
      await pending.scheduleFileDeletionRetries(tx, null, failures);
    });
  } catch (error) {
    // The rows stay as the deletion wrote them: the job takes every file once the lease ends.
    return { filesLeft, unrecorded: error };
  }
  return { filesLeft };
}

export interface PhotoFileCleanupResult {
  /** Files taken from the queue by this run. */
  claimed: number;
  /** Files the store confirmed gone (already missing included), whose rows are forgotten. */
  removed: number;
  /** Files the store refused again, kept with the error for a later run. */
  failed: number;
}

export interface PhotoFileCleanupOptions {
  /** The run's now (the clock's by default): rows due by then are taken. */
  now?: Date;
  /** Only these practices' files (tests sharing one database); every practice by default. */
  practiceIds?: readonly string[] | undefined;
  /** Files claimed per database round trip. */
  batchSize?: number;
  /** Store deletions in flight at once. */
  concurrency?: number;
  backoff?: FileDeletionBackoff;
  logger?: PhotoFileCleanupLogger;
}

/**
 * One run of the photo file cleanup job: claims the files of deleted photos that are due
 * (FOR UPDATE SKIP LOCKED with a lease, so runs in other processes pass each other by), asks
 * the store to delete each, forgets those it confirmed (a key with nothing under it counts as
 * deleted) and keeps the others with the error and a later attempt time, backing off. A row
 * leaves the table only once its file is known to be gone. See docs/decisions/047.
 */
export async function deletePendingPhotoFiles(
  deps: EmrDependencies,
  options: PhotoFileCleanupOptions = {},
): Promise<PhotoFileCleanupResult> {
  const now = options.now ?? deps.clock.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 100));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const backoff = options.backoff ?? defaultFileDeletionBackoff;
  const logger = options.logger ?? silentLogger;
  const result: PhotoFileCleanupResult = { claimed: 0, removed: 0, failed: 0 };
  // A run given a `now` ahead of the clock (as tests do) attempts and backs off from that instant.
  const instant = () => new Date(Math.max(now.getTime(), deps.clock.now().getTime()));
  // Each row is claimed at most once a run: a claim or a retry moves its next attempt past `now`.
  for (;;) {
    const claimToken = randomUUID();
    // The lease runs from this claim, not from the run's start: a long run's last batches are held as long as its first.
    const attemptedAt = instant();
    const claimed = await asPlatform(deps.database, (tx) =>
      pending.claimDueFileDeletions(tx, {
        dueBy: now,
        attemptedAt,
        leaseUntil: new Date(attemptedAt.getTime() + FILE_DELETION_LEASE_MS),
        claimToken,
        limit: batchSize,
        practiceIds: options.practiceIds,
      }),
    );
    if (claimed.length === 0) return result;
    result.claimed += claimed.length;
    const outcomes = await deleteFromStore(
      deps,
      claimed.map((file) => file.fileKey),
      concurrency,
    );
    const failedAt = instant().getTime();
    const removed: pending.PendingFile[] = [];
    const failures: pending.FailedFileDeletion[] = [];
    claimed.forEach((file, index) => {
      const outcome = outcomes[index];
      if (outcome?.removed) {
        removed.push({ practiceId: file.practiceId, fileKey: file.fileKey });
        return;
      }
      const error = outcome?.error ?? 'not attempted';
      const nextAttemptAt = new Date(failedAt + fileDeletionRetryDelayMs(file.attempts, backoff));
      failures.push({ practiceId: file.practiceId, fileKey: file.fileKey, error, nextAttemptAt });
      const details = {
        practiceId: file.practiceId,
        photoId: file.photoId,
        key: file.fileKey,
        attempts: file.attempts,
        nextAttemptAt,
        err: error,
      };
      if (file.attempts >= FAILED_ATTEMPTS_BEFORE_ALERT)
        logger.error(details, 'a deleted procedure photo’s file still cannot be removed from the file store');
      else logger.warn(details, 'could not remove a deleted procedure photo’s file from the file store; will retry');
    });
    await asPlatform(deps.database, async (tx) => {
      await pending.forgetRemovedFiles(tx, removed);
      await pending.scheduleFileDeletionRetries(tx, claimToken, failures);
    });
    result.removed += removed.length;
    result.failed += failures.length;
    if (claimed.length < batchSize) return result;
  }
}
