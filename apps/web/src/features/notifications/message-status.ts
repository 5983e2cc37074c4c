import {
  messageTemplateLabels,
  messageTemplateKeySchema,
  type MessageChannel,
  type MessageStatus,
  type MessageSummary,
} from '@glowdesk/contracts';
import { formatPhone } from '../patients/format-phone.ts';

export const messageStatusLabels: Record<MessageStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** Mantine colors per status. */
export const messageStatusColors: Record<MessageStatus, string> = {
  queued: 'blue',
  sending: 'violet',
  sent: 'lagoon',
  failed: 'red',
  held: 'yellow',
  cancelled: 'gray',
};

/** What each status means for the patient, in the words the status filter and the detail use. */
export const messageStatusDescriptions: Record<MessageStatus, string> = {
  queued: 'Waiting for its send time or for another attempt.',
  sending: 'Being handed to the email or SMS provider right now.',
  sent: 'The provider accepted it for delivery.',
  failed: 'Every attempt failed, or the provider refused it. Resend it once the problem is fixed.',
  held: 'No email or SMS provider is set up, so it was kept here instead of sent. Resend sends it once one is.',
  cancelled: 'Withdrawn before delivery, e.g. a reminder for an appointment that was cancelled or moved.',
};

/** Sent, failed and held messages can be sent again; queued and sending ones are still on their way. */
export function canResend(status: MessageStatus): boolean {
  return status === 'sent' || status === 'failed' || status === 'held';
}

export const messageChannelLabels: Record<MessageChannel, string> = { email: 'Email', sms: 'SMS' };

/** "Booking confirmation" for a template's key; messages sent without a template have none. */
export function templateLabelOf(templateKey: string | null): string | undefined {
  const parsed = messageTemplateKeySchema.safeParse(templateKey);
  return parsed.success ? messageTemplateLabels[parsed.data] : undefined;
}

/** What the list says a message is about: the email's subject, or which text message it was. */
export function messageHeadline(message: Pick<MessageSummary, 'channel' | 'subject' | 'templateKey'>): string {
  if (message.channel === 'email') return message.subject ?? 'Email without a subject';
  const template = templateLabelOf(message.templateKey);
  return template ? `${template} text message` : 'Text message';
}

export function recipientOf(message: Pick<MessageSummary, 'channel' | 'to'>): string {
  return message.channel === 'sms' ? formatPhone(message.to) : message.to;
}
