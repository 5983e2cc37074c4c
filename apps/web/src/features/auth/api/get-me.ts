import { meSchema, type Me } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

export const meQueryKey = ['session', 'me'] as const;

export function getMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest('/api/v1/me', meSchema, { signal });
}

/** The signed-in staff member, practice and session; refetched on focus so an ended session is noticed. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });
}
