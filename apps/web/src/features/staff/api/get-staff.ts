import { staffListSchema, type StaffMember } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { staffQueryKeys } from './staff-query-keys.ts';

export async function getStaff(signal?: AbortSignal): Promise<StaffMember[]> {
  const { items } = await apiRequest('/api/v1/staff', staffListSchema, { signal });
  return items;
}

export function useStaff() {
  return useQuery({ queryKey: staffQueryKeys.list(), queryFn: ({ signal }) => getStaff(signal) });
}
