import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.ts';

/** The largest photo the server accepts, in bytes (15 MB: a full-resolution phone photo with room to spare). */
export const PROCEDURE_PHOTO_MAX_BYTES = 15 * 1024 * 1024;

/**
 * The image formats the server decodes, as media types for a file input's `accept` (a phone's
 * browser converts an iPhone's HEIC photo to JPEG when HEIC is not among them) and as words.
 * HEIC, the iPhone camera's own format, is refused: the server has no HEVC decoder.
 */
export const PROCEDURE_PHOTO_ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/tiff'] as const;
export const PROCEDURE_PHOTO_ACCEPTED_FORMATS = 'JPEG, PNG, WebP, AVIF or TIFF';

export const procedurePhotoKindSchema = z.enum(['before', 'after']);
export type ProcedurePhotoKind = z.infer<typeof procedurePhotoKindSchema>;
export const procedurePhotoKindLabels: Record<ProcedurePhotoKind, string> = { before: 'Before', after: 'After' };

/** The text fields of `POST /api/v1/procedures/:id/photos` (multipart/form-data, beside the `file`). */
export const procedurePhotoFieldsSchema = z.strictObject({
  kind: procedurePhotoKindSchema,
  caption: z
    .string()
    .trim()
    .max(500, { message: 'At most 500 characters.' })
    .optional()
    .transform((caption) => (caption === '' ? undefined : caption)),
});

export const procedurePhotoSchema = z.object({
  id: idSchema,
  procedureId: idSchema,
  kind: procedurePhotoKindSchema,
  caption: z.string().nullable(),
  /** The stored image: a JPEG re-encoded without EXIF or other metadata, orientation applied. */
  width: z.number().int(),
  height: z.number().int(),
  byteSize: z.number().int(),
  thumbnailWidth: z.number().int(),
  thumbnailHeight: z.number().int(),
  /** The signed consent (paperwork assignment) the photo was taken under; null when the type requires none. */
  consentAssignmentId: idSchema.nullable(),
  createdAt: isoInstantSchema,
  createdBy: z.object({ id: idSchema, displayName: z.string() }),
  imageUrl: z.string(),
  thumbnailUrl: z.string(),
});
export type ProcedurePhoto = z.infer<typeof procedurePhotoSchema>;
export const procedurePhotoListSchema = z.object({ items: z.array(procedurePhotoSchema) });
