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

/** The forms assigned for an appointment, with each one's status. */
export function useAppointmentPaperwork(appointmentId: string) {
  return useQuery({
    queryKey: appointmentPaperworkKey(appointmentId),
    queryFn: ({ signal }) => getAppointmentPaperwork(appointmentId, signal),
  });
}
