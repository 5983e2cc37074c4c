import { providerListSchema, type Provider } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export async function getProviders(clinicId: string | undefined, signal?: AbortSignal): Promise<Provider[]> {
  const { items } = await apiRequest('/api/v1/providers', providerListSchema, { query: { clinicId, active: 'true' }, signal });
  return items;
}

/** Module-level so the sorted list keeps its identity between renders (memoized columns depend on it). */
function sortByName(providers: Provider[]): Provider[] {
  return [...providers].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Active providers who work at the clinic (all clinics without one), by name. */
export function useProviders(clinicId: string | undefined) {
  return useQuery({
    queryKey: practiceQueryKeys.providers(clinicId),
    queryFn: ({ signal }) => getProviders(clinicId, signal),
    staleTime: 5 * 60_000,
    select: sortByName,
  });
}
