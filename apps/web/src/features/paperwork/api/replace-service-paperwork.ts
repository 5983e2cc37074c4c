import { servicePaperworkSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { servicePaperworkKey } from './paperwork-query-keys.ts';

export interface ReplaceServicePaperworkInput {
  serviceId: string;
  /** In the order the patient gets them. */
  templateIds: string[];
}

export function replaceServicePaperwork({ serviceId, templateIds }: ReplaceServicePaperworkInput) {
  return apiRequest(`/api/v1/services/${encodeURIComponent(serviceId)}/paperwork`, servicePaperworkSchema, {
    method: 'PUT',
    body: { templateIds },
  });
}

export function useReplaceServicePaperwork() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replaceServicePaperwork,
    onSuccess: (saved) => queryClient.setQueryData(servicePaperworkKey(saved.serviceId), saved),
  });
}
