import {
  PROCEDURE_PHOTO_MAX_BYTES,
  procedurePhotoListSchema,
  procedurePhotoSchema,
  type ProcedurePhoto,
  type ProcedurePhotoKind,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { ApiProblem } from '../../../shared/api/api-problem.ts';
import { emrQueryKeys } from './emr-api.ts';

export const procedurePhotoQueryKeys = {
  list: (procedureId: string) => [...emrQueryKeys.procedure(procedureId), 'photos'] as const,
};

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
