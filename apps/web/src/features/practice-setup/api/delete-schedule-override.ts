import { apiCommand } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export interface DeleteScheduleOverrideInput {
  providerId: string;
  overrideId: string;
}

/** The weekly hours apply again on the override's date. */
export function deleteScheduleOverride({ providerId, overrideId }: DeleteScheduleOverrideInput) {
  return apiCommand(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule-overrides/${encodeURIComponent(overrideId)}`, {
    method: 'DELETE',
  });
}

export function useDeleteScheduleOverride() {
  return useSetupMutation(deleteScheduleOverride);
}
