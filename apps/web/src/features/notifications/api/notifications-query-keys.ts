import type { MessageChannel, MessageStatus } from '@glowdesk/contracts';

/** What Settings → Messages lists: every filter the API takes. */
export interface MessageFilters {
  status?: MessageStatus | undefined;
  channel?: MessageChannel | undefined;
  appointmentId?: string | undefined;
  patientId?: string | undefined;
}

/** Every message query (lists and details) sits under this prefix: a send or resend refreshes them all. */
export const messagesQueryKey = ['messages'] as const;
export const messageListKey = (filters: MessageFilters) => [...messagesQueryKey, 'list', filters] as const;
export const messageKey = (messageId: string) => [...messagesQueryKey, 'detail', messageId] as const;

export const messageTemplatesQueryKey = ['message-templates'] as const;
export const notificationSettingsQueryKey = ['notification-settings'] as const;
export const notifyPreviewKey = (appointmentId: string, kind: string) => ['notify-preview', appointmentId, kind] as const;
