/**
 * An appointment's day and times as the clinic's wall clock shows them ("Tue, Dec 8, 2026",
 * "10:30 AM – 11:15 AM"), whatever zone the patient's phone is in.
 */
export function formatAppointmentTime(startsAt: string, endsAt: string, timeZone: string): { day: string; time: string } {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(startsAt),
  );
  const clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  return { day, time: `${clock.format(new Date(startsAt))} – ${clock.format(new Date(endsAt))}` };
}
