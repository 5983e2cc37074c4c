import type { MessageChannel } from '@glowdesk/contracts';

export interface EmailAttachmentToSend {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailToSend {
  /** The outbox id; transports use it as the Message-ID so a receiver can drop a repeat. */
  messageId: string;
  to: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  attachments: EmailAttachmentToSend[];
}

export interface SmsToSend {
  messageId: string;
  to: string;
  body: string;
}

export interface DeliveryReceipt {
  /** The provider's id for the message (Twilio's SID, the SMTP server's queue id), if it gave one. */
  providerMessageId: string | null;
}

export interface EmailTransport {
  /** What the delivery log calls it, e.g. `smtp://mail.example.com:587`. */
  readonly description: string;
  sendEmail(email: EmailToSend): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

export interface SmsTransport {
  readonly description: string;
  sendSms(sms: SmsToSend): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/** The providers this process can deliver through; a missing one holds its channel's messages. */
export interface MessageTransports {
  email?: EmailTransport | undefined;
  sms?: SmsTransport | undefined;
}

/**
 * A delivery attempt that did not go through. `permanent` means trying again cannot help
 * (the provider refused the recipient or the content); anything else is retried.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.permanent = options.permanent;
  }
}

export function configuredChannels(transports: MessageTransports): MessageChannel[] {
  const channels: MessageChannel[] = [];
  if (transports.email) channels.push('email');
  if (transports.sms) channels.push('sms');
  return channels;
}

export async function closeTransports(transports: MessageTransports): Promise<void> {
  await Promise.all([transports.email?.close(), transports.sms?.close()]);
}
