import { staffMemberSchema, type CreateStaffRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { staffQueryKeys } from './staff-query-keys.ts';

export function createStaff(input: CreateStaffRequest) {
  return apiRequest('/api/v1/staff', staffMemberSchema, { method: 'POST', body: input });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaff,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKeys.list() }),
  });
}
