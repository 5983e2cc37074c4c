import { messageTemplateSchema, type MessageTemplateKey, type UpdateMessageTemplateRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { messageTemplatesQueryKey } from './notifications-query-keys.ts';

export interface UpdateMessageTemplateInput {
  key: MessageTemplateKey;
  /** The version the user edited; the server refuses the save (412) when someone saved since. */
  expectedVersion: number;
  text: UpdateMessageTemplateRequest;
}

export function updateMessageTemplate({ key, expectedVersion, text }: UpdateMessageTemplateInput) {
  return apiRequest(`/api/v1/message-templates/${encodeURIComponent(key)}`, messageTemplateSchema, {
    method: 'PUT',
    body: text,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

export function useUpdateMessageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMessageTemplate,
    onSettled: async (_result, error) => {
      if (error === null || isApiProblem(error, 412)) await queryClient.invalidateQueries({ queryKey: messageTemplatesQueryKey });
    },
  });
}
