const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let pair = formatters.get(timeZone);
  if (!pair) {
    pair = {
      date: new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' }),
    };
    formatters.set(timeZone, pair);
  }
  return pair;
}

/**
 * An instant as wall-clock date and time in the practice's zone, with the zone's abbreviation
 * at that instant (EST or EDT, which changes with DST):
 * `{ date: 'Nov 21, 2026', time: '2:58:03 PM', zone: 'EST' }`.
 */
export function formatPracticeInstant(instant: string, timeZone: string): { date: string; time: string; zone: string } {
  const moment = new Date(instant);
  const { date, time } = formattersFor(timeZone);
  const timeParts = time.formatToParts(moment);
  const zone = timeParts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  const clock = timeParts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();
  return { date: date.format(moment), time: clock, zone };
}
