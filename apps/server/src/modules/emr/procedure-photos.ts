import { randomUUID } from 'node:crypto';
import type { ProcedurePhoto, ProcedurePhotoKind } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { refusingSignedChart, signedChartError } from './chart-procedure.ts';
import { emrAudit, staffNamesOf, type EmrDependencies } from './emr-dependencies.ts';
import * as repository from './emr-repository.ts';
import { prepareProcedurePhoto } from './procedure-photo-image.ts';
import * as photoFileDeletions from './photo-file-deletion-repository.ts';
import { FILE_DELETION_LEASE_MS, removeDeletedPhotoFilesNow, type PhotoFilesRemovedNow } from './photo-file-deletions.ts';
import * as photoRepository from './procedure-photo-repository.ts';
import { assertMayOpenProcedure } from './procedure-views.ts';

export interface ProcedurePhotoUpload {
  kind: ProcedurePhotoKind;
  caption?: string | undefined;
  /** The uploaded file as sent; only its decoded content decides whether it is an image. */
  bytes: Buffer;
}

export type ProcedurePhotoVariant = 'image' | 'thumbnail';

function toProcedurePhoto(
  record: photoRepository.ProcedurePhotoRecord,
  staff: (staffId: string) => { id: string; displayName: string },
): ProcedurePhoto {
  const url = `/api/v1/procedure-photos/${record.id}`;
  return {
    id: record.id,
    procedureId: record.procedureId,
    kind: record.kind,
    caption: record.caption,
    width: record.width,
    height: record.height,
    byteSize: record.byteSize,
    thumbnailWidth: record.thumbnailWidth,
    thumbnailHeight: record.thumbnailHeight,
    consentAssignmentId: record.consentAssignmentId,
    createdAt: record.createdAt.toISOString(),
    createdBy: staff(record.createdBy),
    imageUrl: url,
    thumbnailUrl: `${url}/thumbnail`,
  };
}

/** Photos are part of a chart only when its procedure type has the photos section (400 otherwise). */
async function assertTypeTakesPhotos(tx: Transaction, practiceId: string, chart: repository.ProcedureRecord): Promise<void> {
  const type = await repository.findProcedureType(tx, practiceId, chart.procedureTypeId);
  if (type && !type.sections.includes('photos')) {
    throw new ValidationError(`${type.name} has no photos section: this chart takes no photos.`, {
      field: 'procedureId',
      code: 'section_not_in_type',
    });
  }
}

/**
 * The signed consent a photo of this chart is taken under: null when its type requires
 * none; 409 `photo_consent_not_signed` when the type requires one the patient has not signed.
 */
async function photoConsentOf(
  deps: EmrDependencies,
  tx: Transaction,
  practiceId: string,
  chart: repository.ProcedureRecord,
): Promise<string | null> {
  const type = await repository.findProcedureType(tx, practiceId, chart.procedureTypeId);
  const templateId = type?.photoConsentTemplateId;
  if (!type || !templateId) return null;
  const signed = await deps.photoConsents.findSignedConsentWithin(tx, practiceId, { patientId: chart.patientId, templateId });
  if (signed) return signed.assignmentId;
  const template = await deps.photoConsents.findConsentTemplateWithin(tx, practiceId, templateId);
  const consentName = template ? `“${template.name}”` : 'the photo consent';
  throw new ConflictError(
    `The patient has not signed ${consentName}, which ${type.name} requires before photos are taken. Have them sign it, then upload the photo.`,
    'photo_consent_not_signed',
    { field: 'procedureId', extensions: { consentTemplateId: templateId } },
  );
}

/**
 * Adds a before or after photo to an unsigned chart: the image is re-encoded without its
 * metadata (EXIF GPS included) with a thumbnail, both are stored through the file store,
 * then the photo is recorded with the consent it was taken under, in one transaction that
 * holds the chart against a signature. Files stored for a photo that was then refused are
 * deleted again.
 */
export async function addProcedurePhoto(
  deps: EmrDependencies,
  actor: StaffActor,
  procedureId: string,
  upload: ProcedurePhotoUpload,
  meta: RequestMeta,
): Promise<ProcedurePhoto> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const { practiceId } = actor;
  // The chart's state is checked before the image is decoded: a refused upload costs no encoding.
  await inPractice(deps.database, practiceId, async (tx) => {
    const chart = await repository.findProcedure(tx, practiceId, procedureId);
    if (!chart) throw new NotFoundError('Procedure', 'procedureId');
    if (chart.signedAt) throw signedChartError();
    await assertTypeTakesPhotos(tx, practiceId, chart);
    await photoConsentOf(deps, tx, practiceId, chart);
  });
  const prepared = await prepareProcedurePhoto(upload.bytes);
  const photoId = randomUUID();
  const folder = `practices/${practiceId}/procedure-photos/${photoId}`;
  const keys = { image: `${folder}/image.jpg`, thumbnail: `${folder}/thumbnail.jpg` };
  const removeFiles = () => Promise.allSettled([deps.fileStore.delete(keys.image), deps.fileStore.delete(keys.thumbnail)]);
  let record: photoRepository.ProcedurePhotoRecord;
  try {
    await deps.fileStore.put(keys.image, prepared.image.bytes, 'image/jpeg');
    await deps.fileStore.put(keys.thumbnail, prepared.thumbnail.bytes, 'image/jpeg');
    record = await refusingSignedChart(() =>
      inPractice(deps.database, practiceId, async (tx) => {
        // Holds the chart: a signature waits for this photo, and a photo after a signature finds nothing.
        const chart = await repository.beginChartEdit(tx, practiceId, procedureId, {
          updatedAt: deps.clock.now(),
          updatedBy: actor.staffId,
        });
        if (!chart) throw signedChartError();
        const consentAssignmentId = await photoConsentOf(deps, tx, practiceId, chart);
        const photo = await photoRepository.insertProcedurePhoto(tx, practiceId, {
          id: photoId,
          procedureId,
          kind: upload.kind,
          caption: upload.caption ?? null,
          imageKey: keys.image,
          imageSha256: prepared.image.sha256,
          width: prepared.image.width,
          height: prepared.image.height,
          byteSize: prepared.image.bytes.length,
          thumbnailKey: keys.thumbnail,
          thumbnailWidth: prepared.thumbnail.width,
          thumbnailHeight: prepared.thumbnail.height,
          consentAssignmentId,
          createdAt: deps.clock.now(),
          createdBy: actor.staffId,
        });
        await recordAudit(
          tx,
          emrAudit(
            actor,
            meta,
            'procedure_photo.create',
            { type: 'procedure_photo', id: photoId },
            { procedureId, patientId: chart.patientId, kind: upload.kind, consentAssignmentId, imageSha256: prepared.image.sha256 },
          ),
        );
        return photo;
      }),
    );
  } catch (error) {
    await removeFiles();
    throw error;
  }
  return toProcedurePhoto(record, await staffNamesOf(deps, actor));
}

/**
 * Deletes a photo from an unsigned chart: in one transaction that holds the chart against a
 * signature (as an upload does), the row goes, its image and thumbnail are recorded as files
 * to remove (`photo_file_deletions`) and the deletion is audited; after the commit the files
 * are removed from the file store. 409 `chart_signed` once the chart is signed (the database
 * refuses it too); 404 for a photo the chart does not have. Answers the keys the store could
 * not remove now: the photo is gone all the same, and the photo file cleanup job retries them
 * (docs/decisions/047).
 */
export async function deleteProcedurePhoto(
  deps: EmrDependencies,
  actor: StaffActor,
  target: { procedureId: string; photoId: string },
  meta: RequestMeta,
): Promise<PhotoFilesRemovedNow> {
  const { practiceId } = actor;
  const { procedureId, photoId } = target;
  await assertMayOpenProcedure(deps, actor, procedureId);
  const removed = await refusingSignedChart(() =>
    inPractice(deps.database, practiceId, async (tx) => {
      const chart = await repository.findProcedure(tx, practiceId, procedureId);
      if (!chart) throw new NotFoundError('Procedure', 'procedureId');
      const photo = await photoRepository.findProcedurePhoto(tx, practiceId, photoId);
      if (!photo || photo.procedureId !== procedureId) throw new NotFoundError('Photo', 'photoId');
      if (chart.signedAt) throw signedChartError();
      // Holds the chart: a signature waits for this deletion, and a deletion after a signature finds nothing.
      const edited = await repository.beginChartEdit(tx, practiceId, procedureId, {
        updatedAt: deps.clock.now(),
        updatedBy: actor.staffId,
      });
      if (!edited) throw signedChartError();
      const deleted = await photoRepository.deleteProcedurePhoto(tx, practiceId, { procedureId, photoId });
      if (!deleted) throw new NotFoundError('Photo', 'photoId');
      const deletedAt = deps.clock.now();
      await photoFileDeletions.recordPhotoFileDeletions(tx, practiceId, {
        photoId,
        fileKeys: [deleted.imageKey, deleted.thumbnailKey],
        createdAt: deletedAt,
        leaseUntil: new Date(deletedAt.getTime() + FILE_DELETION_LEASE_MS),
      });
      await recordAudit(
        tx,
        emrAudit(
          actor,
          meta,
          'procedure_photo.delete',
          { type: 'procedure_photo', id: photoId },
          { procedureId, patientId: chart.patientId, kind: deleted.kind, imageSha256: deleted.imageSha256 },
        ),
      );
      return deleted;
    }),
  );
  // After the commit, never inside the transaction: files deleted by a transaction that then
  // rolled back would leave a photo without its files.
  return removeDeletedPhotoFilesNow(deps, practiceId, [removed.imageKey, removed.thumbnailKey]);
}

/** A chart's photos, oldest first; audited like opening the chart. */
export async function listProcedurePhotos(
  deps: EmrDependencies,
  actor: StaffActor,
  procedureId: string,
  meta: RequestMeta,
): Promise<ProcedurePhoto[]> {
  await assertMayOpenProcedure(deps, actor, procedureId);
  const records = await inPractice(deps.database, actor.practiceId, async (tx) => {
    const chart = await repository.findProcedure(tx, actor.practiceId, procedureId);
    if (!chart) throw new NotFoundError('Procedure', 'procedureId');
    const photos = await photoRepository.listProcedurePhotos(tx, actor.practiceId, procedureId);
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'procedure_photo.list',
        { type: 'procedure', id: procedureId },
        { patientId: chart.patientId, photos: photos.length },
      ),
    );
    return photos;
  });
  const staff = await staffNamesOf(deps, actor);
  return records.map((record) => toProcedurePhoto(record, staff));
}

/** A photo's or its thumbnail's bytes (JPEG), for a reader who may open its chart; every read is audited. */
export async function readProcedurePhotoFile(
  deps: EmrDependencies,
  actor: StaffActor,
  photoId: string,
  variant: ProcedurePhotoVariant,
  meta: RequestMeta,
): Promise<{ bytes: Buffer; contentType: 'image/jpeg'; filename: string }> {
  const { practiceId } = actor;
  const photo = await inPractice(deps.database, practiceId, (tx) => photoRepository.findProcedurePhoto(tx, practiceId, photoId));
  if (!photo) throw new NotFoundError('Photo', 'photoId');
  await assertMayOpenProcedure(deps, actor, photo.procedureId);
  await inPractice(deps.database, practiceId, async (tx) => {
    const chart = await repository.findProcedure(tx, practiceId, photo.procedureId);
    await recordAudit(
      tx,
      emrAudit(
        actor,
        meta,
        'procedure_photo.read',
        { type: 'procedure_photo', id: photoId },
        { procedureId: photo.procedureId, patientId: chart?.patientId ?? null, variant },
      ),
    );
  });
  const key = variant === 'image' ? photo.imageKey : photo.thumbnailKey;
  const bytes = await deps.fileStore.get(key);
  if (!bytes) throw new Error(`the file store has nothing under ${key} (photo ${photoId})`);
  return { bytes, contentType: 'image/jpeg', filename: `photo-${photoId}${variant === 'thumbnail' ? '-thumbnail' : ''}.jpg` };
}
