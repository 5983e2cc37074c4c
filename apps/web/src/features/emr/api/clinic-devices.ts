import { resourceListSchema, type Resource } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

/** The clinic's equipment (lasers, IPL and other devices), any staff role may read it. */
export function useClinicDevices(clinicId: string) {
  return useQuery({
    queryKey: ['clinic-devices', clinicId] as const,
    queryFn: async ({ signal }): Promise<Resource[]> =>
      (await apiRequest('/api/v1/resources', resourceListSchema, { query: { clinicId, kind: 'equipment' }, signal })).items,
  });
}
