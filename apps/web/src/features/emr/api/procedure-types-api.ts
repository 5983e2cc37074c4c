import { procedureTypeSchema, type CreateProcedureTypeRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { emrQueryKeys } from './emr-api.ts';

export function useCreateProcedureType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProcedureTypeRequest) => apiRequest('/api/v1/procedure-types', procedureTypeSchema, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: emrQueryKeys.procedureTypes() }),
  });
}
