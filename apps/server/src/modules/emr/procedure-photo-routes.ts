import fastifyMultipart from '@fastify/multipart';
import {
  idSchema,
  PROCEDURE_PHOTO_MAX_BYTES,
  procedurePhotoFieldsSchema,
  procedurePhotoListSchema,
  procedurePhotoSchema,
} from '@glowdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import type { EmrService } from './emr-service.ts';
import type { ProcedurePhotoUpload, ProcedurePhotoVariant } from './procedure-photos.ts';

/** Who charts: providers and managers. Front desk sees no photo. */
const chartingRoles: readonly StaffRole[] = ['owner', 'admin', 'provider'];
const procedureParams = z.strictObject({ procedureId: idSchema });
const photoParams = z.strictObject({ photoId: idSchema });
const chartPhotoParams = z.strictObject({ procedureId: idSchema, photoId: idSchema });
const MAX_MEGABYTES = PROCEDURE_PHOTO_MAX_BYTES / (1024 * 1024);

class PhotoTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'photo_too_large';
  constructor() {
    super(`The photo is larger than ${MAX_MEGABYTES} MB, the most Glowdesk accepts. Send a smaller photo.`, {
      field: 'file',
      extensions: { maxBytes: PROCEDURE_PHOTO_MAX_BYTES },
    });
  }
}

/** The multipart body's file and fields, checked; 413 past the size limit, 400 naming the field otherwise. */
async function readPhotoUpload(request: FastifyRequest): Promise<ProcedurePhotoUpload> {
  if (!request.isMultipart()) {
    throw new ValidationError('Send the photo as multipart/form-data with a file, a kind and an optional caption.', {
      field: 'body',
      code: 'multipart_expected',
    });
  }
  const fields: Record<string, string> = {};
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new ValidationError(`Unknown file field "${part.fieldname}".`, { field: part.fieldname });
        bytes = await part.toBuffer();
      } else {
        if (part.valueTruncated) throw new ValidationError('This field is too long.', { field: part.fieldname });
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new PhotoTooLargeError();
    if (code === 'FST_FILES_LIMIT') throw new ValidationError('Send one photo per request.', { field: 'file', code: 'one_file_only' });
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
      throw new ValidationError('Send only the file, kind and caption fields.', { field: 'body', code: 'unexpected_fields' });
    }
    throw error;
  }
  const parsed = procedurePhotoFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? 'body') : String(issue?.path[0] ?? 'body');
    const message =
      issue?.path[0] === 'kind' ? 'Say whether the photo is a before or an after photo.' : (issue?.message ?? 'Invalid value.');
    throw new ValidationError(`${field}: ${message}`, { field });
  }
  if (!bytes || bytes.length === 0) throw new ValidationError('Choose a photo to upload.', { field: 'file', code: 'file_required' });
  return { kind: parsed.data.kind, caption: parsed.data.caption, bytes };
}

/**
 * Procedure photos: upload (multipart, accepted only on these routes), list, and the
 * image and thumbnail bytes. Every read is audited; tenant, role and client access are
 * checked like the chart's.
 */
export const procedurePhotoRoutes: FastifyPluginAsyncZod<{ emr: EmrService }> = async (app, { emr }) => {
  // Registered in this plugin only: no other route accepts multipart/form-data (decision 004's third layer stays for them).
  await app.register(fastifyMultipart, {
    limits: { fileSize: PROCEDURE_PHOTO_MAX_BYTES, files: 1, fields: 4, parts: 6, fieldSize: 4096 },
  });

  app.post(
    '/api/v1/procedures/:procedureId/photos',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary: `Add a before or after photo to an unsigned chart (multipart/form-data: file, kind, caption?; an image of at most ${MAX_MEGABYTES} MB, stored without its metadata); 409 once signed or without the photo consent the type requires`,
        params: procedureParams,
        consumes: ['multipart/form-data'],
        response: { 201: procedurePhotoSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const upload = await readPhotoUpload(request);
      return reply.status(201).send(await emr.addProcedurePhoto(actor, request.params.procedureId, upload, requestMetaOf(request)));
    },
  );

  app.get(
    '/api/v1/procedures/:procedureId/photos',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary: "A chart's photos, oldest first (audited)",
        params: procedureParams,
        response: { 200: procedurePhotoListSchema },
      },
    },
    async (request) => ({
      items: await emr.listProcedurePhotos(requireStaff(request), request.params.procedureId, requestMetaOf(request)),
    }),
  );

  app.delete(
    '/api/v1/procedures/:procedureId/photos/:photoId',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary:
          'Delete a photo from an unsigned chart, with its image and thumbnail in the file store (audited); 409 once the chart is signed, 404 for a photo the chart does not have',
        params: chartPhotoParams,
      },
    },
    async (request, reply) => {
      const { filesLeft, unrecorded } = await emr.deleteProcedurePhoto(requireStaff(request), request.params, requestMetaOf(request));
      if (filesLeft.length > 0) {
        request.log.warn(
          { keys: filesLeft },
          'the file store could not remove a deleted procedure photo’s files; the cleanup job retries them',
        );
      }
      if (unrecorded !== undefined) {
        request.log.error(
          { err: unrecorded },
          'could not record the removal of a deleted procedure photo’s files; the cleanup job retries them',
        );
      }
      return reply.status(204).send();
    },
  );

  const photoFileRoute = (url: string, variant: ProcedurePhotoVariant, summary: string) =>
    app.get(
      url,
      {
        config: { access: { staff: chartingRoles } },
        schema: { tags: ['emr'], summary, params: photoParams, produces: ['image/jpeg'] },
      },
      async (request, reply) => {
        const file = await emr.readProcedurePhotoFile(requireStaff(request), request.params.photoId, variant, requestMetaOf(request));
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `inline; filename="${file.filename}"`)
          .header('cache-control', 'private, no-store')
          .send(file.bytes);
      },
    );
  photoFileRoute('/api/v1/procedure-photos/:photoId', 'image', 'A procedure photo (JPEG, without metadata); audited');
  photoFileRoute('/api/v1/procedure-photos/:photoId/thumbnail', 'thumbnail', "A procedure photo's thumbnail (JPEG); audited");
};
