import { clinicListSchema, type Clinic } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export const clinicsQueryKey = [...practiceSetupQueryKey, 'clinics'] as const;

/** Every clinic, active or not; the pages filter by status themselves. */
export async function getClinics(signal?: AbortSignal): Promise<Clinic[]> {
  const { items } = await apiRequest('/api/v1/clinics', clinicListSchema, { signal });
  return items;
}

export function useClinics() {
  return useQuery({ queryKey: clinicsQueryKey, queryFn: ({ signal }) => getClinics(signal) });
}
