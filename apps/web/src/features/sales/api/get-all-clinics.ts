import { clinicListSchema, type Clinic } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export async function getAllClinics(signal?: AbortSignal): Promise<Clinic[]> {
  const { items } = await apiRequest('/api/v1/clinics', clinicListSchema, { signal });
  return items;
}

/** Every clinic, closed ones too: old invoices still name them. Active clinics first, then by name. */
export function useAllClinics() {
  return useQuery({
    queryKey: practiceQueryKeys.clinics('all'),
    queryFn: ({ signal }) => getAllClinics(signal),
    staleTime: 5 * 60_000,
    select: (clinics) => [...clinics].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)),
  });
}
