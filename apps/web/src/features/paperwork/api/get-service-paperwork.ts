import { servicePaperworkSchema, type ServicePaperwork } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { servicePaperworkKey } from './paperwork-query-keys.ts';

export function getServicePaperwork(serviceId: string, signal?: AbortSignal): Promise<ServicePaperwork> {
  return apiRequest(`/api/v1/services/${encodeURIComponent(serviceId)}/paperwork`, servicePaperworkSchema, { signal });
}

/** The forms a service forwards when booked, in order; fresh each time a service form opens. */
export function useServicePaperwork(serviceId: string | null) {
  return useQuery({
    queryKey: servicePaperworkKey(serviceId ?? 'none'),
    queryFn: ({ signal }) => getServicePaperwork(serviceId ?? '', signal),
    enabled: serviceId !== null,
    staleTime: 0,
  });
}
