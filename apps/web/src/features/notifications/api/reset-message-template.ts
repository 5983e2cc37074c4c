import { messageTemplateSchema, type MessageTemplateKey } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { messageTemplatesQueryKey } from './notifications-query-keys.ts';

/** Drops the practice's own wording for one template; the default applies again. */
export function resetMessageTemplate(key: MessageTemplateKey) {
  return apiRequest(`/api/v1/message-templates/${encodeURIComponent(key)}`, messageTemplateSchema, { method: 'DELETE' });
}

export function useResetMessageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetMessageTemplate,
    onSettled: () => queryClient.invalidateQueries({ queryKey: messageTemplatesQueryKey }),
  });
}
