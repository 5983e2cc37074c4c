import { serviceListSchema, servicePackageListSchema, type Service, type ServicePackage } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export async function getServices(clinicId: string | undefined, signal?: AbortSignal): Promise<Service[]> {
  const { items } = await apiRequest('/api/v1/services', serviceListSchema, { query: { clinicId, active: 'true' }, signal });
  return items;
}

export async function getServicePackages(signal?: AbortSignal): Promise<ServicePackage[]> {
  const { items } = await apiRequest('/api/v1/service-packages', servicePackageListSchema, { query: { active: 'true' }, signal });
  return items;
}

/** Active services offered at the clinic (every clinic without one). */
export function useServices(clinicId: string | undefined) {
  return useQuery({
    queryKey: practiceQueryKeys.services(clinicId),
    queryFn: ({ signal }) => getServices(clinicId, signal),
    staleTime: 5 * 60_000,
  });
}

export function useServicePackages() {
  return useQuery({
    queryKey: practiceQueryKeys.servicePackages(),
    queryFn: ({ signal }) => getServicePackages(signal),
    staleTime: 5 * 60_000,
  });
}
