import { clinicBillingSettingsSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export function getClinicBillingSettings(clinicId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/clinics/${encodeURIComponent(clinicId)}/billing-settings`, clinicBillingSettingsSchema, { signal });
}

/** The clinic's tax rate (and cancellation window and policy): checkout shows the tax it will add. */
export function useClinicBillingSettings(clinicId: string) {
  return useQuery({
    queryKey: practiceQueryKeys.clinicBillingSettings(clinicId),
    queryFn: ({ signal }) => getClinicBillingSettings(clinicId, signal),
  });
}
