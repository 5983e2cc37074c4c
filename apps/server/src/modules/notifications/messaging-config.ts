import type { Config } from '../../platform/config.ts';
import type { MessageTransports } from './message-transports.ts';
import { createSmtpEmailTransport } from './smtp-email-transport.ts';
import { createTwilioSmsTransport } from './twilio-sms-transport.ts';

/** The email and SMS providers configured (neither is required: without them messages are held in the outbox). */
export type MessagingConfig = Pick<Config, 'smtp' | 'twilio'>;

export function createMessageTransports(config: MessagingConfig): MessageTransports {
  return {
    email: config.smtp ? createSmtpEmailTransport(config.smtp) : undefined,
    sms: config.twilio ? createTwilioSmsTransport(config.twilio) : undefined,
  };
}
