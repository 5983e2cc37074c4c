import { patientPageSchema, type PatientSummary } from '@glowdesk/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

/** The shortest search the server ranks usefully. */
export const MIN_SEARCH_LENGTH = 2;

export async function searchPatients(text: string, limit: number, signal?: AbortSignal): Promise<PatientSummary[]> {
  const { items } = await apiRequest('/api/v1/patients', patientPageSchema, { query: { q: text, limit }, signal });
  return items;
}

/** Ranked matches on any part of a name, email or phone; pass the debounced text. */
export function usePatientSearch(text: string, { limit = 8 }: { limit?: number } = {}) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: patientQueryKeys.search(trimmed, limit),
    queryFn: ({ signal }) => searchPatients(trimmed, limit, signal),
    enabled: trimmed.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
