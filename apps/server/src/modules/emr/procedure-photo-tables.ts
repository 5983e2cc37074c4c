import type { ProcedurePhotoKind } from '@glowdesk/contracts';
import { bigint, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0039_procedure_photos.sql. */
export const procedurePhotos = pgTable(
  'procedure_photos',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sequence: bigint('sequence', { mode: 'number' }).generatedAlwaysAsIdentity(),
    procedureId: uuid('procedure_id').notNull(),
    kind: text('kind').$type<ProcedurePhotoKind>().notNull(),
    caption: text('caption'),
    imageKey: text('image_key').notNull(),
    imageSha256: text('image_sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    byteSize: integer('byte_size').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    thumbnailWidth: integer('thumbnail_width').notNull(),
    thumbnailHeight: integer('thumbnail_height').notNull(),
    consentAssignmentId: uuid('consent_assignment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

/** Mirrors migration 0051_photo_file_deletions.sql: files of deleted photos still to remove from the file store. */
export const photoFileDeletions = pgTable(
  'photo_file_deletions',
  {
    practiceId: uuid('practice_id').notNull(),
    fileKey: text('file_key').notNull(),
    photoId: uuid('photo_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    claimToken: uuid('claim_token'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.fileKey] })],
);
