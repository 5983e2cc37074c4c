import type { MedicalHistoryContent } from '@glowdesk/contracts';
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { patientMedicalHistories, patientMedicalHistoryVersions } from './medical-history-tables.ts';

export type MedicalHistoryRecord = Omit<typeof patientMedicalHistories.$inferSelect, 'practiceId'>;
export type MedicalHistoryVersionRecord = Omit<typeof patientMedicalHistoryVersions.$inferSelect, 'practiceId'>;

/** Who saves a version: a staff member, or a patient in the portal. */
export type MedicalHistoryWriter = { staffId: string } | { patientId: string };

const historyColumns = {
  patientId: patientMedicalHistories.patientId,
  version: patientMedicalHistories.version,
  content: patientMedicalHistories.content,
  updatedAt: patientMedicalHistories.updatedAt,
  reviewVersion: patientMedicalHistories.reviewVersion,
  reviewedAt: patientMedicalHistories.reviewedAt,
  reviewedBy: patientMedicalHistories.reviewedBy,
};

const versionColumns = {
  patientId: patientMedicalHistoryVersions.patientId,
  version: patientMedicalHistoryVersions.version,
  content: patientMedicalHistoryVersions.content,
  changedAt: patientMedicalHistoryVersions.changedAt,
  changedByStaffId: patientMedicalHistoryVersions.changedByStaffId,
  changedByPatientId: patientMedicalHistoryVersions.changedByPatientId,
};

/** The patient's current history, or undefined before it is first saved; `forUpdate` holds it until the transaction ends. */
export async function findMedicalHistory(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  options: { forUpdate?: boolean } = {},
): Promise<MedicalHistoryRecord | undefined> {
  const query = tx
    .select(historyColumns)
    .from(patientMedicalHistories)
    .where(and(eq(patientMedicalHistories.practiceId, practiceId), eq(patientMedicalHistories.patientId, patientId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The latest version of a history saved by the writer; `reviewVersion` set when it waits for staff review. */
export interface HistoryWrite {
  patientId: string;
  /** The version the writer saw: 0 for a history never saved. */
  expectedVersion: number;
  content: MedicalHistoryContent;
  at: Date;
  writer: MedicalHistoryWriter;
  /** Keep (the current value), set (a patient's change) or clear the version awaiting review. */
  reviewVersion: 'keep' | 'this_version';
}

/**
 * Saves a new version: the history row moves from `expectedVersion` to the next and the
 * version is appended. Undefined when the history is no longer at `expectedVersion` (someone
 * saved first), in which case nothing is written.
 */
export async function saveMedicalHistoryVersion(
  tx: Transaction,
  practiceId: string,
  write: HistoryWrite,
): Promise<MedicalHistoryRecord | undefined> {
  const version = write.expectedVersion + 1;
  let saved: MedicalHistoryRecord | undefined;
  if (write.expectedVersion === 0) {
    [saved] = await tx
      .insert(patientMedicalHistories)
      .values({
        practiceId,
        patientId: write.patientId,
        version,
        content: write.content,
        updatedAt: write.at,
        reviewVersion: write.reviewVersion === 'this_version' ? version : null,
      })
      .onConflictDoNothing()
      .returning(historyColumns);
  } else {
    [saved] = await tx
      .update(patientMedicalHistories)
      .set({
        version,
        content: write.content,
        updatedAt: write.at,
        ...(write.reviewVersion === 'this_version' ? { reviewVersion: version } : {}),
      })
      .where(
        and(
          eq(patientMedicalHistories.practiceId, practiceId),
          eq(patientMedicalHistories.patientId, write.patientId),
          eq(patientMedicalHistories.version, write.expectedVersion),
        ),
      )
      .returning(historyColumns);
  }
  if (!saved) return undefined;
  await tx.insert(patientMedicalHistoryVersions).values({
    practiceId,
    patientId: write.patientId,
    version,
    content: write.content,
    changedAt: write.at,
    changedByStaffId: 'staffId' in write.writer ? write.writer.staffId : null,
    changedByPatientId: 'patientId' in write.writer ? write.writer.patientId : null,
  });
  return saved;
}

/** Clears the change awaiting review, when the history is still at `version`; undefined otherwise. */
export async function markMedicalHistoryReviewed(
  tx: Transaction,
  practiceId: string,
  review: { patientId: string; version: number; at: Date; staffId: string },
): Promise<MedicalHistoryRecord | undefined> {
  const [row] = await tx
    .update(patientMedicalHistories)
    .set({ reviewVersion: null, reviewedAt: review.at, reviewedBy: review.staffId })
    .where(
      and(
        eq(patientMedicalHistories.practiceId, practiceId),
        eq(patientMedicalHistories.patientId, review.patientId),
        eq(patientMedicalHistories.version, review.version),
        isNotNull(patientMedicalHistories.reviewVersion),
      ),
    )
    .returning(historyColumns);
  return row;
}

/** One version of a patient's history. */
export async function findMedicalHistoryVersion(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  version: number,
): Promise<MedicalHistoryVersionRecord | undefined> {
  const [row] = await tx
    .select(versionColumns)
    .from(patientMedicalHistoryVersions)
    .where(
      and(
        eq(patientMedicalHistoryVersions.practiceId, practiceId),
        eq(patientMedicalHistoryVersions.patientId, patientId),
        eq(patientMedicalHistoryVersions.version, version),
      ),
    );
  return row;
}

/** Every version of a patient's history, newest first. */
export async function listMedicalHistoryVersions(
  tx: Transaction,
  practiceId: string,
  patientId: string,
): Promise<MedicalHistoryVersionRecord[]> {
  return tx
    .select(versionColumns)
    .from(patientMedicalHistoryVersions)
    .where(and(eq(patientMedicalHistoryVersions.practiceId, practiceId), eq(patientMedicalHistoryVersions.patientId, patientId)))
    .orderBy(desc(patientMedicalHistoryVersions.version));
}

/** Histories with a patient's change awaiting review, the longest waiting first. */
export async function listMedicalHistoriesAwaitingReview(
  tx: Transaction,
  practiceId: string,
  limit: number,
): Promise<{ patientId: string; version: number; updatedAt: Date }[]> {
  return tx
    .select({
      patientId: patientMedicalHistories.patientId,
      version: patientMedicalHistories.version,
      updatedAt: patientMedicalHistories.updatedAt,
    })
    .from(patientMedicalHistories)
    .where(and(eq(patientMedicalHistories.practiceId, practiceId), isNotNull(patientMedicalHistories.reviewVersion)))
    .orderBy(asc(patientMedicalHistories.updatedAt), asc(patientMedicalHistories.patientId))
    .limit(limit);
}
