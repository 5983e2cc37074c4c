import { portalPrescriptionListSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

/** The opened profile's prescriptions, newest first (read-only). */
export function usePortalPrescriptions(slug: string) {
  return useQuery({
    queryKey: portalKeys.prescriptions(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/prescriptions', portalPrescriptionListSchema, { signal }),
  });
}
