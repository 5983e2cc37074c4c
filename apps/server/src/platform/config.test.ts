import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fitProcessesToConnections, loadConfig } from './config.ts';

const databaseUrl = 'postgres://glowdesk@db.internal:5432/glowdesk';

describe('loadConfig: GLOWDESK_PROCESSES', () => {
  it('runs one server process unless told otherwise', () => {
    expect(loadConfig({}).processes).toBe(1);
    expect(loadConfig({ DATABASE_URL: databaseUrl }).processes).toBe(1);
  });

  it('runs the given number of processes on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl, GLOWDESK_PROCESSES: '4' }).processes).toBe(4);
  });

  it("runs one process per core for 'auto' on PostgreSQL, and one on the embedded database", () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl, GLOWDESK_PROCESSES: 'auto' }).processes).toBe(availableParallelism());
    expect(loadConfig({ GLOWDESK_PROCESSES: 'auto' }).processes).toBe(1);
  });

  it('refuses several processes on the embedded database, naming the variable', () => {
    expect(() => loadConfig({ GLOWDESK_PROCESSES: '2' })).toThrow(/GLOWDESK_PROCESSES: 2 processes need DATABASE_URL/);
  });

  it('refuses a count that is not a whole number from 1 to 64, naming the variable', () => {
    for (const value of ['0', '-1', '1.5', 'many', '65']) {
      expect(() => loadConfig({ DATABASE_URL: databaseUrl, GLOWDESK_PROCESSES: value })).toThrow(/GLOWDESK_PROCESSES/);
    }
  });
});

describe('loadConfig: DATABASE_POOL_SIZE', () => {
  it('keeps up to 10 connections per process unless told otherwise', () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl }).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
  });

  it('refuses a size that is not a whole number from 1 to 100, naming the variable', () => {
    for (const value of ['0', '-3', '2.5', 'lots', '101']) {
      expect(() => loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: value })).toThrow(
        /DATABASE_POOL_SIZE: expected a whole number from 1 to 100/,
      );
    }
  });
});

describe('fitProcessesToConnections', () => {
  const set = { processesAuto: false, databasePoolSize: 10 };

  it('keeps the processes asked for when their connections fit', () => {
    expect(fitProcessesToConnections({ ...set, processes: 9 }, 97)).toEqual({ processes: 9, lowered: false });
    expect(fitProcessesToConnections({ ...set, processes: 1 }, 10)).toEqual({ processes: 1, lowered: false });
  });

  it('refuses a number of processes whose connections exceed what PostgreSQL accepts, naming both variables', () => {
    expect(() => fitProcessesToConnections({ ...set, processes: 10 }, 97)).toThrow(
      /GLOWDESK_PROCESSES: 10 processes × DATABASE_POOL_SIZE 10 = 100 connections, but PostgreSQL accepts 97/,
    );
  });

  it("runs as many processes as fit for 'auto'", () => {
    expect(fitProcessesToConnections({ processes: 16, processesAuto: true, databasePoolSize: 10 }, 97)).toEqual({
      processes: 9,
      lowered: true,
    });
    expect(fitProcessesToConnections({ processes: 2, processesAuto: true, databasePoolSize: 10 }, 97)).toEqual({
      processes: 2,
      lowered: false,
    });
  });

  it('refuses a pool larger than PostgreSQL accepts even for one process, auto or not', () => {
    for (const processesAuto of [true, false]) {
      expect(() => fitProcessesToConnections({ processes: 1, processesAuto, databasePoolSize: 100 }, 97)).toThrow(
        /DATABASE_POOL_SIZE: 100 connections per process, but PostgreSQL accepts 97/,
      );
    }
  });
});

describe('loadConfig: PUBLIC_BASE_URL', () => {
  it('is required in production, where messages and invites name the address patients reach', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_BASE_URL.*required.*production/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://glow.example.com/' }).publicBaseUrl).toBe(
      'https://glow.example.com',
    );
  });

  it('is optional in development', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
  });

  it('refuses an address that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'glow.example.com' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://glow.example.com' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

const accountSid = `AC${'0'.repeat(32)}`;

describe('loadConfig: email and SMS providers', () => {
  it('configures neither by default, so messages are held', () => {
    expect(loadConfig({})).toMatchObject({ smtp: undefined, twilio: undefined });
    expect(loadConfig({ SMTP_URL: '', TWILIO_ACCOUNT_SID: '' })).toMatchObject({ smtp: undefined, twilio: undefined });
  });

  it('reads SMTP and Twilio settings', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      SMTP_FROM: 'Glow Clinic <hello@glowclinic.test>',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
    });
    expect(config.smtp).toEqual({ url: 'smtps://user:secret@mail.example.com:465', from: 'Glow Clinic <hello@glowclinic.test>' });
    expect(config.twilio).toEqual({ accountSid, authToken: 'token', from: '+15005550006' });
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/SMTP_FROM is required/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: accountSid })).toThrow(/TWILIO_AUTH_TOKEN and TWILIO_FROM/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006' })).toThrow(
      /TWILIO_ACCOUNT_SID/,
    );
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '555' })).toThrow(/TWILIO_FROM/);
  });
});

describe('loadConfig: the payment gateway', () => {
  it('is the simulated gateway when no Stripe key is set', () => {
    expect(loadConfig({}).paymentGateway).toEqual({ gateway: 'simulated' });
  });

  it('is Stripe with a secret and a publishable key', () => {
    expect(
      loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })
        .paymentGateway,
    ).toEqual({
      gateway: 'stripe',
      secretKey: 'sk_test_abc',
      publishableKey: 'pk_test_abc',
      webhookSecret: 'whsec_abc',
      apiUrl: undefined,
    });
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'sk_test_abc' }, /STRIPE_PUBLISHABLE_KEY is required/],
    [{ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }, /STRIPE_SECRET_KEY is required/],
    [{ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }, /STRIPE_SECRET_KEY/],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'secret' }, /STRIPE_WEBHOOK_SECRET/],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_API_URL: 'not a url' }, /STRIPE_API_URL/],
  ])('refuses an incomplete or malformed setting, naming it (%o)', (environment, message) => {
    expect(() => loadConfig(environment)).toThrow(message);
  });
});

describe('loadConfig: the calendar invites’ organizer', () => {
  it('is the address in SMTP_FROM, with or without a display name', () => {
    const smtp = { SMTP_URL: 'smtp://mail.example.com' };
    expect(loadConfig({ ...smtp, SMTP_FROM: 'Glow Clinic <appointments@glow.example>' }).calendarOrganizerEmail).toBe(
      'appointments@glow.example',
    );
    expect(loadConfig({ ...smtp, SMTP_FROM: 'desk@glow.example' }).calendarOrganizerEmail).toBe('desk@glow.example');
  });

  it('falls back to appointments@ the public host', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://glow.example.com' }).calendarOrganizerEmail).toBe('appointments@glow.example.com');
    expect(loadConfig({}).calendarOrganizerEmail).toBe('appointments@localhost');
  });
});
