import { z } from 'zod';
import type { MessageTransports } from './message-transports.ts';
import { createSmtpEmailTransport, type SmtpEmailTransportOptions } from './smtp-email-transport.ts';
import { createTwilioSmsTransport, type TwilioSmsTransportOptions } from './twilio-sms-transport.ts';

/** An unset variable and an empty one mean the same: not configured. */
const optionalSetting = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const environmentSchema = z.object({
  SMTP_URL: optionalSetting(z.string().regex(/^smtps?:\/\/[^\s]+$/, { message: 'Must be an smtp:// or smtps:// URL.' })),
  SMTP_FROM: optionalSetting(z.string().min(3).max(300)),
  TWILIO_ACCOUNT_SID: optionalSetting(z.string().regex(/^AC[0-9a-fA-F]{32}$/, { message: 'Must be a Twilio account SID (AC…).' })),
  TWILIO_AUTH_TOKEN: optionalSetting(z.string().min(1).max(200)),
  TWILIO_FROM: optionalSetting(
    z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, { message: 'Must be an E.164 number or a Messaging Service SID (MG…).' }),
  ),
});

export interface MessagingConfig {
  smtp: SmtpEmailTransportOptions | undefined;
  twilio: TwilioSmsTransportOptions | undefined;
}

/**
 * Reads the email and SMS providers from the environment; throws naming the variable at
 * fault. Neither is required: without them messages are held in the outbox.
 */
export function loadMessagingConfig(environment: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid messaging configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  if (env.SMTP_URL && !env.SMTP_FROM) throw new Error('Invalid messaging configuration: SMTP_FROM is required with SMTP_URL.');
  const twilioSettings = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM];
  const twilioCount = twilioSettings.filter((value) => value !== undefined).length;
  if (twilioCount > 0 && twilioCount < twilioSettings.length) {
    throw new Error('Invalid messaging configuration: set all of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or none.');
  }
  return {
    smtp: env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
        ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM }
        : undefined,
  };
}

export function createMessageTransports(config: MessagingConfig): MessageTransports {
  return {
    email: config.smtp ? createSmtpEmailTransport(config.smtp) : undefined,
    sms: config.twilio ? createTwilioSmsTransport(config.twilio) : undefined,
  };
}
