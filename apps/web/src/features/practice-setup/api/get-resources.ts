import { resourceListSchema, type Resource } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export const resourcesQueryKey = [...practiceSetupQueryKey, 'resources'] as const;

/** Every room and piece of equipment, active or not; the pages filter by status themselves. */
export async function getResources(signal?: AbortSignal): Promise<Resource[]> {
  const { items } = await apiRequest('/api/v1/resources', resourceListSchema, { signal });
  return items;
}

export function useResources() {
  return useQuery({ queryKey: resourcesQueryKey, queryFn: ({ signal }) => getResources(signal) });
}
