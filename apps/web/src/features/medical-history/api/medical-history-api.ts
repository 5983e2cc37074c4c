import {
  medicalHistoryReviewListSchema,
  medicalHistorySchema,
  medicalHistoryVersionListSchema,
  type MedicalHistory,
  type MedicalHistoryContent,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';

/** One patient's history and its versions sit under the patient's key, beside their profile. */
export const medicalHistoryQueryKeys = {
  history: (patientId: string) => ['patient', patientId, 'medical-history'] as const,
  versions: (patientId: string) => ['patient', patientId, 'medical-history', 'versions'] as const,
  reviews: () => ['medical-history-reviews'] as const,
};

const historyUrl = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}/medical-history`;

/** A patient's medical history (version 0 before it is first saved); each read is audited. */
export function useMedicalHistory(patientId: string, enabled = true) {
  return useQuery({
    queryKey: medicalHistoryQueryKeys.history(patientId),
    queryFn: ({ signal }) => apiRequest(historyUrl(patientId), medicalHistorySchema, { signal }),
    enabled,
  });
}

/** Every version, newest first, with what each changed; loaded when the history of changes is opened. */
export function useMedicalHistoryVersions(patientId: string, enabled: boolean) {
  return useQuery({
    queryKey: medicalHistoryQueryKeys.versions(patientId),
    queryFn: async ({ signal }) =>
      (await apiRequest(`${historyUrl(patientId)}/versions`, medicalHistoryVersionListSchema, { signal })).items,
    enabled,
  });
}

/** Patients whose own change waits for review, for the EMR. */
export function useMedicalHistoryReviews(enabled = true) {
  return useQuery({
    queryKey: medicalHistoryQueryKeys.reviews(),
    queryFn: async ({ signal }) => (await apiRequest('/api/v1/medical-history/reviews', medicalHistoryReviewListSchema, { signal })).items,
    enabled,
  });
}

function storeHistory(queryClient: QueryClient, history: MedicalHistory) {
  queryClient.setQueryData(medicalHistoryQueryKeys.history(history.patientId), history);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: medicalHistoryQueryKeys.versions(history.patientId) }),
    queryClient.invalidateQueries({ queryKey: medicalHistoryQueryKeys.reviews() }),
  ]);
}

/** On a 412 someone saved in between: the card reloads the history they saved. */
function reloadWhenStale(queryClient: QueryClient, error: Error, patientId: string) {
  if (isApiProblem(error, 412)) void queryClient.invalidateQueries({ queryKey: medicalHistoryQueryKeys.history(patientId) });
}

/** Saves the whole history over the version shown. */
export function useSaveMedicalHistory(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ content, version }: { content: MedicalHistoryContent; version: number }) =>
      apiRequest(historyUrl(patientId), medicalHistorySchema, { method: 'PUT', body: content, headers: { 'if-match': `"${version}"` } }),
    onSuccess: (history) => storeHistory(queryClient, history),
    onError: (error) => reloadWhenStale(queryClient, error, patientId),
  });
}

/** Marks the patient's change reviewed, for the version shown. */
export function useReviewMedicalHistory(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest(`${historyUrl(patientId)}/review`, medicalHistorySchema, { method: 'POST', headers: { 'if-match': `"${version}"` } }),
    onSuccess: (history) => storeHistory(queryClient, history),
    onError: (error) => reloadWhenStale(queryClient, error, patientId),
  });
}
