import { describe, expect, it } from 'vitest';
import {
  appointmentInviteAttachment,
  buildAppointmentInvite,
  escapeText,
  foldLine,
  formatUtcDateTime,
  type AppointmentInviteInput,
} from './appointment-invite.ts';

const base: AppointmentInviteInput = {
  uid: '3b6f0c1e-2d4a-4f5b-9c8d-7e6f5a4b3c2d@glowdesk.app',
  sequence: 0,
  method: 'REQUEST',
  startsAt: new Date('2026-03-09T18:30:00Z'),
  endsAt: new Date('2026-03-09T19:15:00Z'),
  stampedAt: new Date('2026-03-01T12:00:00.123Z'),
  summary: 'Botox with Dr. Ana Ruiz',
  location: 'Glow Clinic, 200 Spring St; Suite 4',
  description: 'Please arrive 10 minutes early.\nBring your ID.',
  organizer: { name: 'Glow Clinic', email: 'hello@glowclinic.test' },
  attendee: { name: 'Camila Ortega', email: 'camila@example.com' },
};

/** Unfolds continuation lines and returns name → value of each content line. */
function parse(ics: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0] ?? '';
    if (!properties.has(name)) properties.set(name, line.slice(colon + 1));
  }
  return properties;
}

describe('appointment invites (RFC 5545)', () => {
  it('writes the event with UTC times, UID, DTSTAMP, SUMMARY, LOCATION, METHOD and SEQUENCE', () => {
    const properties = parse(buildAppointmentInvite(base));
    expect(properties.get('METHOD')).toBe('REQUEST');
    expect(properties.get('UID')).toBe(base.uid);
    expect(properties.get('SEQUENCE')).toBe('0');
    expect(properties.get('DTSTAMP')).toBe('20260301T120000Z');
    expect(properties.get('DTSTART')).toBe('20260309T183000Z');
    expect(properties.get('DTEND')).toBe('20260309T191500Z');
    expect(properties.get('SUMMARY')).toBe('Botox with Dr. Ana Ruiz');
    expect(properties.get('LOCATION')).toBe('Glow Clinic\\, 200 Spring St\\; Suite 4');
    expect(properties.get('DESCRIPTION')).toBe('Please arrive 10 minutes early.\\nBring your ID.');
    expect(properties.get('STATUS')).toBe('CONFIRMED');
    expect(properties.get('VERSION')).toBe('2.0');
    expect(properties.get('PRODID')).toBeDefined();
  });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    const ics = buildAppointmentInvite({ ...base, description: 'Très bien — 😀 '.repeat(30), summary: 'S'.repeat(200) });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('folds without splitting a multi-byte character, and unfolding gives the text back', () => {
    const line = `DESCRIPTION:${'é😀'.repeat(40)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n').every((part) => Buffer.byteLength(part, 'utf8') <= 75)).toBe(true);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((part) => part.startsWith(' ')),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(Buffer.from(folded, 'utf8').toString('utf8')).toBe(folded);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('names the organizer and attendee with quoted common names', () => {
    const ics = buildAppointmentInvite({ ...base, organizer: { name: 'Glow: "Spa"', email: 'hello@glowclinic.test' } });
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('ORGANIZER;CN="Glow: Spa":mailto:hello@glowclinic.test\r\n');
    expect(unfolded).toContain(
      'ATTENDEE;CN="Camila Ortega";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:camila@example.com',
    );
  });

  it('cancels with METHOD:CANCEL, the same UID and a higher SEQUENCE', () => {
    const cancel = parse(buildAppointmentInvite({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(cancel.get('METHOD')).toBe('CANCEL');
    expect(cancel.get('UID')).toBe(base.uid);
    expect(cancel.get('SEQUENCE')).toBe('2');
    expect(cancel.get('STATUS')).toBe('CANCELLED');
    expect(appointmentInviteAttachment({ ...base, method: 'CANCEL', sequence: 1 })).toMatchObject({
      filename: 'cancel.ics',
      contentType: 'text/calendar; charset=utf-8; method=CANCEL',
    });
  });

  it('writes the same instants whatever the local wall time was, across a DST change', () => {
    // 14:30 in New York on the Friday before and the Monday after the spring-forward change.
    expect(formatUtcDateTime(new Date('2026-03-06T14:30:00-05:00'))).toBe('20260306T193000Z');
    expect(formatUtcDateTime(new Date('2026-03-09T14:30:00-04:00'))).toBe('20260309T183000Z');
  });

  it('refuses an event that ends before it starts or a negative sequence', () => {
    expect(() => buildAppointmentInvite({ ...base, endsAt: base.startsAt })).toThrow(RangeError);
    expect(() => buildAppointmentInvite({ ...base, sequence: -1 })).toThrow(RangeError);
  });
});
