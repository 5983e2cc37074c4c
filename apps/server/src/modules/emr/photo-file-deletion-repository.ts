/**
 * SQL of `photo_file_deletions`: the files of deleted procedure photos still to be removed
 * from the file store. The deletion writes and settles its own rows in its practice's
 * transactions; the cleanup job claims due rows of every practice (asPlatform), naming each
 * row by (practice_id, file_key) and, once claimed, by its claim token.
 */
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { isAnyOf, type Transaction } from '../../platform/database.ts';
import { photoFileDeletions } from './procedure-photo-tables.ts';

export interface PendingFile {
  practiceId: string;
  fileKey: string;
}

export interface ClaimedFileDeletion extends PendingFile {
  photoId: string;
  /** Attempts started, this one included. */
  attempts: number;
}

export interface FailedFileDeletion extends PendingFile {
  nextAttemptAt: Date;
  error: string;
}

/**
 * Records a deleted photo's files as to be removed, in the transaction that deletes the photo,
 * with the first attempt (the deletion's own, right after its commit) started and leased until
 * `leaseUntil`: should that attempt never be settled, the job takes the files from then on.
 */
export async function recordPhotoFileDeletions(
  tx: Transaction,
  practiceId: string,
  deletion: { photoId: string; fileKeys: readonly string[]; createdAt: Date; leaseUntil: Date },
): Promise<void> {
  await tx.insert(photoFileDeletions).values(
    deletion.fileKeys.map((fileKey) => ({
      practiceId,
      fileKey,
      photoId: deletion.photoId,
      createdAt: deletion.createdAt,
      attempts: 1,
      lastAttemptAt: deletion.createdAt,
      nextAttemptAt: deletion.leaseUntil,
    })),
  );
}

/** Forgets files the store confirmed removed (whoever holds them: the file is gone either way). */
export async function forgetRemovedFiles(tx: Transaction, files: readonly PendingFile[]): Promise<number> {
  if (files.length === 0) return 0;
  const rows = await tx
    .delete(photoFileDeletions)
    .where(
      sql`(${photoFileDeletions.practiceId}, ${photoFileDeletions.fileKey}) in (select * from unnest(${sql.param(
        files.map((file) => file.practiceId),
      )}::uuid[], ${sql.param(files.map((file) => file.fileKey))}::text[]))`,
    )
    .returning({ fileKey: photoFileDeletions.fileKey });
  return rows.length;
}

/**
 * Records failed attempts and when to try each file again; only rows still held by the
 * attempt (`claimToken`, or null for the deletion's own attempt) are changed, so an attempt
 * that outlived its lease does not overwrite the one that took over. Answers how many it recorded.
 */
export async function scheduleFileDeletionRetries(
  tx: Transaction,
  claimToken: string | null,
  failures: readonly FailedFileDeletion[],
): Promise<number> {
  let recorded = 0;
  for (const failure of failures) {
    const rows = await tx
      .update(photoFileDeletions)
      .set({ nextAttemptAt: failure.nextAttemptAt, lastError: failure.error, claimToken: null })
      .where(
        and(
          eq(photoFileDeletions.practiceId, failure.practiceId),
          eq(photoFileDeletions.fileKey, failure.fileKey),
          claimToken === null ? isNull(photoFileDeletions.claimToken) : eq(photoFileDeletions.claimToken, claimToken),
        ),
      )
      .returning({ fileKey: photoFileDeletions.fileKey });
    recorded += rows.length;
  }
  return recorded;
}

/**
 * Claims up to `limit` files due by `dueBy`, oldest due first, skipping rows another run holds
 * (FOR UPDATE SKIP LOCKED), counts the attempt (started `attemptedAt`) and leases them until
 * `leaseUntil`: another run passes them by until then, and takes them over after it if this
 * one never settles them.
 */
export async function claimDueFileDeletions(
  tx: Transaction,
  options: {
    dueBy: Date;
    attemptedAt: Date;
    leaseUntil: Date;
    claimToken: string;
    limit: number;
    practiceIds?: readonly string[] | undefined;
  },
): Promise<ClaimedFileDeletion[]> {
  const due = tx
    .select({ practiceId: photoFileDeletions.practiceId, fileKey: photoFileDeletions.fileKey })
    .from(photoFileDeletions)
    .where(
      and(
        lte(photoFileDeletions.nextAttemptAt, options.dueBy),
        options.practiceIds ? isAnyOf(photoFileDeletions.practiceId, options.practiceIds) : undefined,
      ),
    )
    .orderBy(asc(photoFileDeletions.nextAttemptAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return tx
    .update(photoFileDeletions)
    .set({
      attempts: sql`${photoFileDeletions.attempts} + 1`,
      lastAttemptAt: options.attemptedAt,
      nextAttemptAt: options.leaseUntil,
      claimToken: options.claimToken,
    })
    .where(sql`(${photoFileDeletions.practiceId}, ${photoFileDeletions.fileKey}) in (${due})`)
    .returning({
      practiceId: photoFileDeletions.practiceId,
      fileKey: photoFileDeletions.fileKey,
      photoId: photoFileDeletions.photoId,
      attempts: photoFileDeletions.attempts,
    });
}
