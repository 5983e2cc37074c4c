import {
  portalPaperworkItemSchema,
  portalPaperworkListSchema,
  type SavePaperworkAnswersRequest,
  type SignPaperworkRequest,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

export function usePortalPaperwork(slug: string) {
  return useQuery({
    queryKey: portalKeys.paperwork(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/paperwork', portalPaperworkListSchema, { signal }),
  });
}

function assignmentPath(assignmentId: string, action: 'answers' | 'sign' | 'pdf' | 'viewed'): string {
  return `/api/v1/portal/paperwork/${encodeURIComponent(assignmentId)}/${action}`;
}

/** Where the browser downloads the signed PDF of one of the patient's consents. */
export function signedConsentPdfUrl(assignmentId: string): string {
  return assignmentPath(assignmentId, 'pdf');
}

/** A form's change shows on the Paperwork page and in the dashboard's count. */
async function refreshForms(queryClient: QueryClient, slug: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: portalKeys.paperwork(slug) }),
    queryClient.invalidateQueries({ queryKey: portalKeys.dashboard(slug) }),
  ]);
}

/** Opening pre-treatment instructions marks them read (Not Viewed becomes Viewed). */
export function useMarkInstructionsRead(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignmentId: string) => apiRequest(assignmentPath(assignmentId, 'viewed'), portalPaperworkItemSchema, { method: 'POST' }),
    onSuccess: () => refreshForms(queryClient, slug),
  });
}

export function useSavePaperworkAnswers(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, ...body }: SavePaperworkAnswersRequest & { assignmentId: string }) =>
      apiRequest(assignmentPath(assignmentId, 'answers'), portalPaperworkItemSchema, { method: 'POST', body }),
    onSuccess: () => refreshForms(queryClient, slug),
  });
}

export function useSignConsent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, ...body }: SignPaperworkRequest & { assignmentId: string }) =>
      apiRequest(assignmentPath(assignmentId, 'sign'), portalPaperworkItemSchema, { method: 'POST', body }),
    onSuccess: () => refreshForms(queryClient, slug),
  });
}
