import {
  portalRegistrationCountSchema,
  portalRegistrationHandledSchema,
  portalRegistrationListSchema,
  type MergePortalRegistration,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { patientQueryKeys } from './patient-query-keys.ts';

/** Who handles the portal's registrations queue (the server answers 403 to providers). */
export const registrationHandlers = new Set(['owner', 'admin', 'front_desk']);

const registrationsRoot = ['portal-registrations'] as const;
export const portalRegistrationKeys = {
  all: () => registrationsRoot,
  list: () => [...registrationsRoot, 'list'] as const,
  count: () => [...registrationsRoot, 'count'] as const,
};

export function useMayHandleRegistrations(): boolean {
  const { staff } = useSession();
  return registrationHandlers.has(staff.role);
}

/** How many registrations wait (the Clients page's badge); refreshed every minute. */
export function usePortalRegistrationCount() {
  const mayHandle = useMayHandleRegistrations();
  return useQuery({
    queryKey: portalRegistrationKeys.count(),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal-registrations/count', portalRegistrationCountSchema, { signal }),
    enabled: mayHandle,
    refetchInterval: 60_000,
  });
}

export function usePortalRegistrations() {
  return useQuery({
    queryKey: portalRegistrationKeys.list(),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal-registrations', portalRegistrationListSchema, { signal }),
  });
}

type RegistrationAction =
  | { kind: 'merge'; registrationId: string; body: MergePortalRegistration }
  | { kind: 'create-client'; registrationId: string }
  | { kind: 'dismiss'; registrationId: string };

/** Merge, create as new client, or dismiss; a 409 (someone else handled it) refreshes the queue too. */
export function useHandleRegistration() {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: portalRegistrationKeys.all() }),
      queryClient.invalidateQueries({ queryKey: patientQueryKeys.all() }),
    ]);
  return useMutation({
    mutationFn: (action: RegistrationAction) =>
      apiRequest(
        `/api/v1/portal-registrations/${encodeURIComponent(action.registrationId)}/${action.kind}`,
        portalRegistrationHandledSchema,
        { method: 'POST', ...(action.kind === 'merge' ? { body: action.body } : {}) },
      ),
    onSuccess: async (handled) => {
      if (handled.patientId) await queryClient.invalidateQueries({ queryKey: patientQueryKeys.detail(handled.patientId) });
      await refresh();
    },
    onError: async (error) => {
      if (isApiProblem(error, 409)) await refresh();
    },
  });
}
