import { paperworkAssignmentListSchema, type PaperworkAssignment } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentPaperworkKey } from './paperwork-query-keys.ts';

export async function getAppointmentPaperwork(appointmentId: string, signal?: AbortSignal): Promise<PaperworkAssignment[]> {
  const { items } = await apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/paperwork`, paperworkAssignmentListSchema, {
    signal,
  });
  return items;
}

/**
 * The forms assigned for an appointment, with each one's status. Keyed by the appointment's
 * version too: an edit that adds a service assigns its forms in the same transaction, so the
 * list is read again whenever the appointment changes.
 */
export function useAppointmentPaperwork(appointmentId: string, appointmentVersion: number) {
  return useQuery({
    queryKey: [...appointmentPaperworkKey(appointmentId), appointmentVersion],
    queryFn: ({ signal }) => getAppointmentPaperwork(appointmentId, signal),
  });
}
