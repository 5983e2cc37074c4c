import { staffMemberSchema, type StaffMember, type UpdateStaffRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { staffQueryKeys } from './staff-query-keys.ts';

export interface UpdateStaffInput {
  staffId: string;
  /** The version the user saw; the server refuses the change (412) if it moved on. */
  expectedVersion: number;
  changes: UpdateStaffRequest;
}

export function updateStaff({ staffId, expectedVersion, changes }: UpdateStaffInput) {
  return apiRequest(`/api/v1/staff/${encodeURIComponent(staffId)}`, staffMemberSchema, {
    method: 'PATCH',
    body: changes,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStaff,
    onSuccess: (updated) => {
      queryClient.setQueryData<StaffMember[]>(staffQueryKeys.list(), (members) =>
        members?.map((member) => (member.id === updated.id ? updated : member)),
      );
    },
    onError: (error) => {
      // Someone else changed the account: show the list as it is now.
      if (isApiProblem(error, 412)) void queryClient.invalidateQueries({ queryKey: staffQueryKeys.list() });
    },
  });
}
