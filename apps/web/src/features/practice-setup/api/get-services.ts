import { serviceListSchema, type Service } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export const servicesQueryKey = [...practiceSetupQueryKey, 'services'] as const;

/** Every service, active or not; the pages filter by status themselves. */
export async function getServices(signal?: AbortSignal): Promise<Service[]> {
  const { items } = await apiRequest('/api/v1/services', serviceListSchema, { signal });
  return items;
}

export function useServices() {
  return useQuery({ queryKey: servicesQueryKey, queryFn: ({ signal }) => getServices(signal) });
}
