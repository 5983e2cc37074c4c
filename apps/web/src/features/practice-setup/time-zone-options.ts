export interface TimeZoneOption {
  value: string;
  label: string;
}

function offsetLabel(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
}

/** "America/Los_Angeles" → "America/Los Angeles", easier to read and to search. */
export function readableTimeZone(timeZone: string): string {
  return timeZone.replaceAll('_', ' ');
}

let cached: TimeZoneOption[] | undefined;

/**
 * Every IANA zone this browser knows, with its current UTC offset: "America/New York (GMT-04:00)".
 * `extra` keeps a saved zone the browser lists under another name selectable.
 */
export function timeZoneOptions(extra?: string | null): TimeZoneOption[] {
  if (!cached) {
    const now = new Date();
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    cached = [...zones].sort().map((zone) => ({ value: zone, label: `${readableTimeZone(zone)} (${offsetLabel(zone, now)})` }));
  }
  if (extra && !cached.some((option) => option.value === extra)) {
    return [{ value: extra, label: readableTimeZone(extra) }, ...cached];
  }
  return cached;
}

/** The current offset of a zone, e.g. "GMT-04:00", as the clinic table shows it. */
export function currentOffsetLabel(timeZone: string): string {
  try {
    return offsetLabel(timeZone, new Date());
  } catch {
    return '';
  }
}
