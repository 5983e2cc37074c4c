import { describe, expect, it } from 'vitest';
import { organizerEmailFrom, portalLinkFrom } from './appointment-message-facts.ts';

describe('portalLinkFrom', () => {
  it('is /portal under PUBLIC_BASE_URL, localhost:3000 by default', () => {
    expect(portalLinkFrom({})).toBe('http://localhost:3000/portal');
    expect(portalLinkFrom({ PUBLIC_BASE_URL: 'https://glow.example.com/' })).toBe('https://glow.example.com/portal');
  });

  it('refuses a base that is not an http(s) URL', () => {
    expect(() => portalLinkFrom({ PUBLIC_BASE_URL: 'glow.example.com' })).toThrow('PUBLIC_BASE_URL');
  });
});

describe('organizerEmailFrom', () => {
  it('takes the address in SMTP_FROM, with or without a display name', () => {
    expect(organizerEmailFrom({ SMTP_FROM: 'Glow Clinic <appointments@glow.example>' })).toBe('appointments@glow.example');
    expect(organizerEmailFrom({ SMTP_FROM: 'desk@glow.example' })).toBe('desk@glow.example');
  });

  it('falls back to appointments@ the public host', () => {
    expect(organizerEmailFrom({ PUBLIC_BASE_URL: 'https://glow.example.com' })).toBe('appointments@glow.example.com');
    expect(organizerEmailFrom({})).toBe('appointments@localhost');
  });
});
