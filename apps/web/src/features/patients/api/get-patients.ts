import { patientPageSchema, type PatientPage } from '@glowdesk/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

const PAGE_SIZE = 50;

export function getPatientPage(cursor: string | undefined, signal?: AbortSignal): Promise<PatientPage> {
  return apiRequest('/api/v1/patients', patientPageSchema, { query: { cursor, limit: PAGE_SIZE }, signal });
}

/** Every patient, alphabetically, a page at a time. */
export function usePatientPages({ enabled }: { enabled: boolean }) {
  return useInfiniteQuery({
    queryKey: patientQueryKeys.pages(),
    queryFn: ({ pageParam, signal }) => getPatientPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}
