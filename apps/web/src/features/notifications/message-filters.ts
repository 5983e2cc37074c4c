import { messageChannelSchema, messageStatusSchema } from '@glowdesk/contracts';
import type { MessageFilters } from './api/notifications-query-keys.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && UUID.test(value) ? value : undefined;
}

/**
 * Filters live in the address, so the appointment drawer can link to one appointment's
 * messages and a filtered view can be shared. Unknown values are ignored.
 */
export function readMessageFilters(params: URLSearchParams): MessageFilters {
  const status = messageStatusSchema.safeParse(params.get('status'));
  const channel = messageChannelSchema.safeParse(params.get('channel'));
  return {
    status: status.success ? status.data : undefined,
    channel: channel.success ? channel.data : undefined,
    appointmentId: idParam(params, 'appointment'),
    patientId: idParam(params, 'patient'),
  };
}

/** The filters as address parameters; `messageId` keeps an open message open. */
export function writeMessageFilters(filters: MessageFilters, messageId?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.appointmentId) params.set('appointment', filters.appointmentId);
  if (filters.patientId) params.set('patient', filters.patientId);
  if (messageId) params.set('message', messageId);
  return params;
}

export function hasMessageFilters(filters: MessageFilters): boolean {
  return Boolean(filters.status || filters.channel || filters.appointmentId || filters.patientId);
}

/** Settings → Messages showing one appointment's messages. */
export function appointmentMessagesPath(appointmentId: string): string {
  return `/settings/messages?${writeMessageFilters({ appointmentId }).toString()}`;
}
