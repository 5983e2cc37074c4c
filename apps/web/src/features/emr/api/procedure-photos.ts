import {
  PROCEDURE_PHOTO_ACCEPTED_TYPES,
  PROCEDURE_PHOTO_MAX_BYTES,
  procedurePhotoListSchema,
  procedurePhotoSchema,
  type ProcedurePhoto,
  type ProcedurePhotoKind,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiCommand, apiRequest } from '../../../shared/api/api-client.ts';
import { ApiProblem } from '../../../shared/api/api-problem.ts';
import { emrQueryKeys } from './emr-api.ts';

export const procedurePhotoQueryKeys = {
  list: (procedureId: string) => [...emrQueryKeys.procedure(procedureId), 'photos'] as const,
};

/** What a photo file input accepts: the formats the server decodes (a phone's browser then sends HEIC as JPEG). */
export const PHOTO_ACCEPT = PROCEDURE_PHOTO_ACCEPTED_TYPES.join(',');

/** A chart's photos, oldest first (the server audits each list and each image read). */
export function useProcedurePhotos(procedureId: string) {
  return useQuery({
    queryKey: procedurePhotoQueryKeys.list(procedureId),
    queryFn: async ({ signal }): Promise<ProcedurePhoto[]> =>
      (await apiRequest(`/api/v1/procedures/${encodeURIComponent(procedureId)}/photos`, procedurePhotoListSchema, { signal })).items,
  });
}

export interface PhotoUpload {
  kind: ProcedurePhotoKind;
  file: File;
  caption: string;
}

export const PHOTO_MAX_MEGABYTES = PROCEDURE_PHOTO_MAX_BYTES / (1024 * 1024);

/** Uploads one photo as multipart/form-data; a file over the limit is refused here before it is sent. */
export function useUploadProcedurePhoto(procedureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, file, caption }: PhotoUpload) => {
      if (file.size > PROCEDURE_PHOTO_MAX_BYTES) {
        throw new ApiProblem({
          status: 413,
          code: 'photo_too_large',
          detail: `The photo is larger than ${PHOTO_MAX_MEGABYTES} MB, the most Glowdesk accepts. Send a smaller photo.`,
          field: 'file',
        });
      }
      const body = new FormData();
      body.set('kind', kind);
      if (caption.trim() !== '') body.set('caption', caption.trim());
      body.set('file', file);
      return apiRequest(`/api/v1/procedures/${encodeURIComponent(procedureId)}/photos`, procedurePhotoSchema, { method: 'POST', body });
    },
    onSuccess: (photo) => {
      queryClient.setQueryData<ProcedurePhoto[]>(procedurePhotoQueryKeys.list(procedureId), (photos) => [...(photos ?? []), photo]);
      // An upload is a chart edit: the chart's version moved.
      void queryClient.invalidateQueries({ queryKey: emrQueryKeys.procedure(procedureId), exact: true });
    },
  });
}

/** Deletes a photo from an unsigned chart (its image and thumbnail go from storage too); the chart's list drops it. */
export function useDeleteProcedurePhoto(procedureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (photoId: string) =>
      apiCommand(`/api/v1/procedures/${encodeURIComponent(procedureId)}/photos/${encodeURIComponent(photoId)}`, { method: 'DELETE' }),
    onSuccess: (_result, photoId) => {
      queryClient.setQueryData<ProcedurePhoto[]>(procedurePhotoQueryKeys.list(procedureId), (photos) =>
        photos?.filter((photo) => photo.id !== photoId),
      );
    },
    onSettled: () => {
      // A deletion is a chart edit (the chart's version moved); a refused one may mean the chart was signed meanwhile.
      void queryClient.invalidateQueries({ queryKey: emrQueryKeys.procedure(procedureId) });
    },
  });
}
