import { formatCalendarDate } from '../../shared/format/person-dates.ts';
import { formatPracticeInstant } from './format-practice-instant.ts';

/** One recorded detail as a person reads it: a label, and a value or nested details. */
export type AuditDetailField = { label: string; value: string } | { label: string; fields: AuditDetailField[] };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Labels where spelling out the key would read oddly. */
const knownLabels: Record<string, string> = {
  ip: 'IP address',
  id: 'ID',
  url: 'URL',
  virtualRoomUrl: 'Video room link',
  frontDeskMayRefund: 'Front desk may refund',
  allowDoubleBooking: 'Double booking allowed',
};

/** 'possibleDuplicateIds' → 'Possible duplicate IDs'; 'offset_minutes' → 'Offset minutes'. */
export function labelAuditKey(key: string): string {
  const known = knownLabels[key];
  if (known) return known;
  const words = key
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((word) => (/^ids?$/i.test(word) ? word.toUpperCase().replace('IDS', 'IDs') : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function describeScalar(value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') {
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
      const { date, time, zone } = formatPracticeInstant(value, timeZone);
      return `${date}, ${time} ${zone}`;
    }
    if (LOCAL_DATE.test(value)) return formatCalendarDate(value);
    return value === '' ? '(empty)' : value;
  }
  return JSON.stringify(value);
}

function describeValue(label: string, value: unknown, timeZone: string): AuditDetailField {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return { label, value: value.length === 0 ? 'None' : value.map((item) => describeScalar(item, timeZone)).join(', ') };
    }
    return { label, fields: value.map((item, index) => describeValue(`${index + 1}`, item, timeZone)) };
  }
  if (value !== null && typeof value === 'object') {
    return { label, fields: describeAuditDetails(value as Record<string, unknown>, timeZone) };
  }
  return { label, value: describeScalar(value, timeZone) };
}

/**
 * The details an audit event recorded, as labelled fields: instants in the practice's zone,
 * dates spelled out, yes/no for flags, lists joined, nested records nested.
 */
export function describeAuditDetails(details: Record<string, unknown>, timeZone: string): AuditDetailField[] {
  return Object.entries(details).map(([key, value]) => describeValue(labelAuditKey(key), value, timeZone));
}
