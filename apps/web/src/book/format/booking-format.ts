import { formatMoney } from '../../shared/format/money.ts';

/** A price as the catalog lists it; no price means the clinic quotes it at the visit. */
export function formatPrice(priceCents: number | null, currency: string): string {
  if (priceCents === null) return 'Price at consultation';
  return priceCents === 0 ? 'Free' : formatMoney(priceCents, currency);
}

/** "Tuesday, December 8, 2026" and "10:30 AM – 11:15 AM EST" on the clinic's wall clock. */
export function formatVisitTime(start: string, end: string, timeZone: string): { day: string; time: string } {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(
    new Date(start),
  );
  const clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  return { day, time: `${clock.format(new Date(start))} – ${clock.format(new Date(end))} ${zoneAbbreviation(start, timeZone)}` };
}

/** "EST", "PST": the clinic's zone as its clock shows it on that day. */
export function zoneAbbreviation(instant: string | number, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instant))
    .find((piece) => piece.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
