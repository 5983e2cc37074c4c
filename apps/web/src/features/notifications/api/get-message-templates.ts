import { messageTemplateListSchema, type MessageTemplate } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { messageTemplatesQueryKey } from './notifications-query-keys.ts';

export async function getMessageTemplates(signal?: AbortSignal): Promise<MessageTemplate[]> {
  const { items } = await apiRequest('/api/v1/message-templates', messageTemplateListSchema, { signal });
  return items;
}

/** Every template the practice sends, in its own wording or the default. */
export function useMessageTemplates() {
  return useQuery({ queryKey: messageTemplatesQueryKey, queryFn: ({ signal }) => getMessageTemplates(signal) });
}
