/**
 * iCalendar (RFC 5545) invitations for appointments, written by hand: the format is small,
 * and owning it keeps every time in UTC (`…Z`) whatever zone the server runs in.
 */

export interface CalendarPerson {
  name?: string | undefined;
  email: string;
}

export interface AppointmentInviteInput {
  /** Stable for the appointment's whole life, e.g. `<appointmentId>@glowdesk.app`: updates and cancellations replace the same event. */
  uid: string;
  /** Bump on every change; a cancellation carries a higher one than the last invite. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: Date;
  endsAt: Date;
  /** When the invite was made (DTSTAMP); the caller passes its clock's now. */
  stampedAt: Date;
  summary: string;
  location?: string | undefined;
  /** A link for the event (URL, RFC 5545 §3.8.4.6): the video room of a virtual visit. */
  url?: string | undefined;
  description?: string | undefined;
  organizer: CalendarPerson;
  attendee?: CalendarPerson | undefined;
}

export interface CalendarAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** `20260310T143000Z` */
export function formatUtcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date in calendar invite');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value, always quoted; DQUOTE and control characters are not allowed inside (§3.1). */
function quoteParameter(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

/** Splits a content line into lines of at most 75 octets, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const character of line) {
    const octets = Buffer.byteLength(character, 'utf8');
    if (currentOctets + octets > MAX_LINE_OCTETS) {
      parts.push(current);
      // A continuation line starts with one space, which counts toward its 75 octets.
      current = ' ';
      currentOctets = 1;
    }
    current += character;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function person(property: 'ORGANIZER' | 'ATTENDEE', who: CalendarPerson, extra = ''): string {
  const name = who.name ? `;CN=${quoteParameter(who.name)}` : '';
  return `${property}${name}${extra}:mailto:${who.email}`;
}

/** The text of an `.ics` file with one event, lines folded and ended with CRLF. */
export function buildAppointmentInvite(input: AppointmentInviteInput): string {
  if (!(input.endsAt.getTime() > input.startsAt.getTime())) throw new RangeError('An invite must end after it starts');
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new RangeError('SEQUENCE must be a non-negative integer');
  const cancelled = input.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Glowdesk//Appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${input.uid}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${formatUtcDateTime(input.stampedAt)}`,
    `DTSTART:${formatUtcDateTime(input.startsAt)}`,
    `DTEND:${formatUtcDateTime(input.endsAt)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    ...(input.location ? [`LOCATION:${escapeText(input.location)}`] : []),
    // URL is a URI value, not TEXT: no escaping, and only a URI without line breaks may go in.
    ...(input.url && !/[\s]/.test(input.url) ? [`URL:${input.url}`] : []),
    ...(input.description ? [`DESCRIPTION:${escapeText(input.description)}`] : []),
    person('ORGANIZER', input.organizer),
    ...(input.attendee
      ? [person('ATTENDEE', input.attendee, cancelled ? ';ROLE=REQ-PARTICIPANT' : ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE')]
      : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The invite as an email attachment (`invite.ics`, or `cancel.ics` for a cancellation). */
export function appointmentInviteAttachment(input: AppointmentInviteInput): CalendarAttachment {
  return {
    filename: input.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; charset=utf-8; method=${input.method}`,
    content: Buffer.from(buildAppointmentInvite(input), 'utf8'),
  };
}
