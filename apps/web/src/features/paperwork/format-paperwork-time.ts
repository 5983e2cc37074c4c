/** "Mar 3, 2026" in the practice's zone. */
export function formatPaperworkDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium' }).format(new Date(instant));
}

/** "Mar 3, 2026, 10:00 AM EST" in the given zone. */
export function formatPaperworkDateTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** "Tue, Mar 3, 2026 · 10:00 AM EST": an appointment's start in its zone. */
export function formatAppointmentStart(instant: string, timeZone: string): string {
  const date = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  return `${date.format(new Date(instant))} · ${time.format(new Date(instant))}`;
}
