import {
  portalPaperworkItemSchema,
  portalPaperworkListSchema,
  type SavePaperworkAnswersRequest,
  type SignPaperworkRequest,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

export function usePortalPaperwork(slug: string) {
  return useQuery({
    queryKey: portalKeys.paperwork(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/paperwork', portalPaperworkListSchema, { signal }),
  });
}

function assignmentPath(assignmentId: string, action: 'answers' | 'sign' | 'pdf'): string {
  return `/api/v1/portal/paperwork/${encodeURIComponent(assignmentId)}/${action}`;
}

/** Where the browser downloads the signed PDF of one of the patient's consents. */
export function signedConsentPdfUrl(assignmentId: string): string {
  return assignmentPath(assignmentId, 'pdf');
}

export function useSavePaperworkAnswers(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, ...body }: SavePaperworkAnswersRequest & { assignmentId: string }) =>
      apiRequest(assignmentPath(assignmentId, 'answers'), portalPaperworkItemSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.paperwork(slug) }),
  });
}

export function useSignConsent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, ...body }: SignPaperworkRequest & { assignmentId: string }) =>
      apiRequest(assignmentPath(assignmentId, 'sign'), portalPaperworkItemSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.paperwork(slug) }),
  });
}
