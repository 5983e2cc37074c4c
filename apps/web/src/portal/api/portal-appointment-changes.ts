import {
  portalAppointmentSchema,
  portalCancellationSchema,
  portalRescheduleAvailabilitySchema,
  type CancelPortalAppointment,
  type ReschedulePortalAppointment,
} from '@glowdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

function appointmentPath(appointmentId: string, action: 'cancel' | 'reschedule' | 'reschedule-availability'): string {
  return `/api/v1/portal/appointments/${encodeURIComponent(appointmentId)}/${action}`;
}

/** After a change, both lists and the dashboard's counts are out of date. */
function useRefreshAfterChange(slug: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: portalKeys.appointments(slug) }),
      queryClient.invalidateQueries({ queryKey: portalKeys.dashboard(slug) }),
    ]);
  };
}

export function useCancelAppointment(slug: string) {
  const refresh = useRefreshAfterChange(slug);
  return useMutation({
    mutationFn: ({ appointmentId, ...body }: CancelPortalAppointment & { appointmentId: string }) =>
      apiRequest(appointmentPath(appointmentId, 'cancel'), portalCancellationSchema, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRescheduleAppointment(slug: string) {
  const refresh = useRefreshAfterChange(slug);
  return useMutation({
    mutationFn: ({ appointmentId, ...body }: ReschedulePortalAppointment & { appointmentId: string }) =>
      apiRequest(appointmentPath(appointmentId, 'reschedule'), portalAppointmentSchema, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** Open times for the appointment's services in [from, to), with one provider or any. */
export function useRescheduleAvailability(
  slug: string,
  appointmentId: string,
  range: { from: string; to: string; providerId: string | undefined },
) {
  return useQuery({
    queryKey: [...portalKeys.appointments(slug), appointmentId, 'reschedule-availability', range] as const,
    queryFn: ({ signal }) =>
      apiRequest(appointmentPath(appointmentId, 'reschedule-availability'), portalRescheduleAvailabilitySchema, {
        signal,
        query: { from: range.from, to: range.to, providerId: range.providerId },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
