import { messageDetailSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { messagesQueryKey } from './notifications-query-keys.ts';

/**
 * Sends a sent, failed or held message again as a new message (the original keeps its own
 * history). While an earlier resend still waits, the server answers with that one instead.
 */
export function resendMessage(messageId: string) {
  return apiRequest(`/api/v1/messages/${encodeURIComponent(messageId)}/resend`, messageDetailSchema, { method: 'POST' });
}

export function useResendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendMessage,
    onSettled: () => queryClient.invalidateQueries({ queryKey: messagesQueryKey }),
  });
}
