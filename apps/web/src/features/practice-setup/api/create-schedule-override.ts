import { scheduleOverrideSchema, type CreateScheduleOverrideRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export interface CreateScheduleOverrideInput {
  providerId: string;
  request: CreateScheduleOverrideRequest;
}

/** Different hours, or a day off (no intervals), on one clinic-local date. */
export function createScheduleOverride({ providerId, request }: CreateScheduleOverrideInput) {
  return apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule-overrides`, scheduleOverrideSchema, {
    method: 'POST',
    body: request,
  });
}

export function useCreateScheduleOverride() {
  return useSetupMutation(createScheduleOverride);
}
