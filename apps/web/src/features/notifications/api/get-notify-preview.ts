import { notifyPreviewSchema, type AppointmentNotificationKind, type NotifyPreview } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { notifyPreviewKey } from './notifications-query-keys.ts';

export function getNotifyPreview(appointmentId: string, kind: AppointmentNotificationKind, signal?: AbortSignal): Promise<NotifyPreview> {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/notify-preview`, notifyPreviewSchema, {
    query: { kind },
    signal,
  });
}

/** The practice's message for the appointment's news, rendered for this patient, to edit before sending. */
export function useNotifyPreview(appointmentId: string, kind: AppointmentNotificationKind) {
  return useQuery({
    queryKey: notifyPreviewKey(appointmentId, kind),
    queryFn: ({ signal }) => getNotifyPreview(appointmentId, kind, signal),
    staleTime: 0,
    gcTime: 0,
    // The wording is edited in the form: a background refetch must not replace it.
    refetchOnWindowFocus: false,
  });
}
