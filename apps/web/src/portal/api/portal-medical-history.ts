import { portalMedicalHistorySchema, type MedicalHistoryContent } from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { portalKeys } from './portal-query-keys.ts';

/** The medical history of the profile the portal is viewing. */
export function usePortalMedicalHistory(slug: string) {
  return useQuery({
    queryKey: portalKeys.medicalHistory(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/medical-history', portalMedicalHistorySchema, { signal }),
  });
}

/** Saves the whole history over the version shown; a 412 means the clinic saved in between, and the page reloads theirs. */
export function useSavePortalMedicalHistory(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ content, version }: { content: MedicalHistoryContent; version: number }) =>
      apiRequest('/api/v1/portal/medical-history', portalMedicalHistorySchema, {
        method: 'PUT',
        body: content,
        headers: { 'if-match': `"${version}"` },
      }),
    onSuccess: (history) => queryClient.setQueryData(portalKeys.medicalHistory(slug), history),
    onError: (error) => {
      if (isApiProblem(error, 412)) void queryClient.invalidateQueries({ queryKey: portalKeys.medicalHistory(slug) });
    },
  });
}
