import { clinicListSchema, type Clinic } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export async function getClinics(signal?: AbortSignal): Promise<Clinic[]> {
  const { items } = await apiRequest('/api/v1/clinics', clinicListSchema, { query: { active: 'true' }, signal });
  return items;
}

function sortByName(clinics: Clinic[]): Clinic[] {
  return [...clinics].sort((a, b) => a.name.localeCompare(b.name));
}

/** Active clinics, by name. */
export function useClinics() {
  return useQuery({
    queryKey: practiceQueryKeys.clinics('active'),
    queryFn: ({ signal }) => getClinics(signal),
    staleTime: 5 * 60_000,
    select: sortByName,
  });
}
