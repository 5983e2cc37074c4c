import { and, asc, eq } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { procedurePhotos } from './procedure-photo-tables.ts';

export type ProcedurePhotoRecord = Omit<typeof procedurePhotos.$inferSelect, 'practiceId' | 'sequence'>;
export type NewProcedurePhoto = Omit<typeof procedurePhotos.$inferInsert, 'practiceId' | 'sequence'> & { id: string };

const photoColumns = {
  id: procedurePhotos.id,
  procedureId: procedurePhotos.procedureId,
  kind: procedurePhotos.kind,
  caption: procedurePhotos.caption,
  imageKey: procedurePhotos.imageKey,
  imageSha256: procedurePhotos.imageSha256,
  width: procedurePhotos.width,
  height: procedurePhotos.height,
  byteSize: procedurePhotos.byteSize,
  thumbnailKey: procedurePhotos.thumbnailKey,
  thumbnailWidth: procedurePhotos.thumbnailWidth,
  thumbnailHeight: procedurePhotos.thumbnailHeight,
  consentAssignmentId: procedurePhotos.consentAssignmentId,
  createdAt: procedurePhotos.createdAt,
  createdBy: procedurePhotos.createdBy,
};

/** Inserts a photo of an unsigned chart; the database refuses one of a signed chart (SQLSTATE 55000). */
export async function insertProcedurePhoto(tx: Transaction, practiceId: string, photo: NewProcedurePhoto): Promise<ProcedurePhotoRecord> {
  const [row] = await tx
    .insert(procedurePhotos)
    .values({ practiceId, ...photo })
    .returning(photoColumns);
  if (!row) throw new Error('photo insert returned no row');
  return row;
}

/** A chart's photos in the order they were added. */
export async function listProcedurePhotos(tx: Transaction, practiceId: string, procedureId: string): Promise<ProcedurePhotoRecord[]> {
  return tx
    .select(photoColumns)
    .from(procedurePhotos)
    .where(and(eq(procedurePhotos.practiceId, practiceId), eq(procedurePhotos.procedureId, procedureId)))
    .orderBy(asc(procedurePhotos.sequence));
}

export async function findProcedurePhoto(tx: Transaction, practiceId: string, photoId: string): Promise<ProcedurePhotoRecord | undefined> {
  const [row] = await tx
    .select(photoColumns)
    .from(procedurePhotos)
    .where(and(eq(procedurePhotos.practiceId, practiceId), eq(procedurePhotos.id, photoId)));
  return row;
}

/**
 * Removes a photo of an unsigned chart, answering where its files are; undefined when the
 * chart has no such photo. The database refuses a photo of a signed chart (SQLSTATE 55000).
 */
export async function deleteProcedurePhoto(
  tx: Transaction,
  practiceId: string,
  photo: { procedureId: string; photoId: string },
): Promise<ProcedurePhotoRecord | undefined> {
  const [row] = await tx
    .delete(procedurePhotos)
    .where(
      and(
        eq(procedurePhotos.practiceId, practiceId),
        eq(procedurePhotos.procedureId, photo.procedureId),
        eq(procedurePhotos.id, photo.photoId),
      ),
    )
    .returning(photoColumns);
  return row;
}
