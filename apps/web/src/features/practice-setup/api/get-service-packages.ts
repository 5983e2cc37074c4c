import { servicePackageListSchema, type ServicePackage } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export const servicePackagesQueryKey = [...practiceSetupQueryKey, 'service-packages'] as const;

/** Every service package, active or not; the pages filter by status themselves. */
export async function getServicePackages(signal?: AbortSignal): Promise<ServicePackage[]> {
  const { items } = await apiRequest('/api/v1/service-packages', servicePackageListSchema, { signal });
  return items;
}

export function useServicePackages() {
  return useQuery({ queryKey: servicePackagesQueryKey, queryFn: ({ signal }) => getServicePackages(signal) });
}
