import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { createMessageTransports } from './messaging-config.ts';

describe('message transports', () => {
  it('are built from the configured SMTP server and Twilio account, and never describe the password', async () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      SMTP_FROM: 'Glow Clinic <hello@glowclinic.test>',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
    });
    const transports = createMessageTransports(config);
    expect(transports.email?.description).toBe('smtps://mail.example.com:465');
    expect(transports.sms?.description).toBe('twilio');
    await Promise.all([transports.email?.close(), transports.sms?.close()]);
  });

  it('are absent when nothing is configured, so messages are held', () => {
    expect(createMessageTransports(loadConfig({}))).toEqual({ email: undefined, sms: undefined });
  });
});
