import { messageDetailSchema, type MessageDetail } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { messageKey } from './notifications-query-keys.ts';

export function getMessage(messageId: string, signal?: AbortSignal): Promise<MessageDetail> {
  return apiRequest(`/api/v1/messages/${encodeURIComponent(messageId)}`, messageDetailSchema, { signal });
}

/** One message with its bodies and attachments; fresh each time it opens. */
export function useMessage(messageId: string | null) {
  return useQuery({
    queryKey: messageKey(messageId ?? 'none'),
    queryFn: ({ signal }) => getMessage(messageId ?? '', signal),
    enabled: messageId !== null,
    staleTime: 0,
  });
}
