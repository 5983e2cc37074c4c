import {
  portalAppointmentListSchema,
  portalAppointmentSchema,
  portalDashboardSchema,
  type PortalAppointmentScope,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

export function usePortalDashboard(slug: string) {
  return useQuery({
    queryKey: portalKeys.dashboard(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/dashboard', portalDashboardSchema, { signal }),
  });
}

export function usePortalAppointments(slug: string, scope: PortalAppointmentScope) {
  return useQuery({
    queryKey: portalKeys.appointmentList(slug, scope),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/appointments', portalAppointmentListSchema, { signal, query: { scope } }),
  });
}

/** After any change to an appointment, both lists and the dashboard's counts are out of date. */
function useRefreshAppointments(slug: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: portalKeys.appointments(slug) }),
      queryClient.invalidateQueries({ queryKey: portalKeys.dashboard(slug) }),
    ]);
  };
}

export function useConfirmAppointment(slug: string) {
  const refresh = useRefreshAppointments(slug);
  return useMutation({
    mutationFn: (appointmentId: string) =>
      apiRequest(`/api/v1/portal/appointments/${encodeURIComponent(appointmentId)}/confirm`, portalAppointmentSchema, { method: 'POST' }),
    onSuccess: refresh,
  });
}
