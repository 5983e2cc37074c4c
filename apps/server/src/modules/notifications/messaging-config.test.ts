import { describe, expect, it } from 'vitest';
import { createMessageTransports, loadMessagingConfig } from './messaging-config.ts';

const accountSid = `AC${'0'.repeat(32)}`;

describe('messaging configuration', () => {
  it('configures nothing by default, so messages are held', () => {
    expect(loadMessagingConfig({})).toEqual({ smtp: undefined, twilio: undefined });
    expect(loadMessagingConfig({ SMTP_URL: '', TWILIO_ACCOUNT_SID: '' })).toEqual({ smtp: undefined, twilio: undefined });
  });

  it('reads SMTP and Twilio settings', async () => {
    const config = loadMessagingConfig({
      SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      SMTP_FROM: 'Glow Clinic <hello@glowclinic.test>',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
    });
    expect(config.smtp).toEqual({ url: 'smtps://user:secret@mail.example.com:465', from: 'Glow Clinic <hello@glowclinic.test>' });
    expect(config.twilio).toEqual({ accountSid, authToken: 'token', from: '+15005550006' });
    const transports = createMessageTransports(config);
    // The description never carries the password.
    expect(transports.email?.description).toBe('smtps://mail.example.com:465');
    expect(transports.sms?.description).toBe('twilio');
    await Promise.all([transports.email?.close(), transports.sms?.close()]);
  });

  it('names the variable at fault', () => {
    expect(() => loadMessagingConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadMessagingConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/SMTP_FROM is required/);
    expect(() => loadMessagingConfig({ TWILIO_ACCOUNT_SID: accountSid })).toThrow(/TWILIO_AUTH_TOKEN and TWILIO_FROM/);
    expect(() => loadMessagingConfig({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006' })).toThrow(
      /TWILIO_ACCOUNT_SID/,
    );
    expect(() => loadMessagingConfig({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '555' })).toThrow(
      /TWILIO_FROM/,
    );
  });
});
