import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };

/** A date `days` from today in the zone, as YYYY-MM-DD. */
function dateIn(timeZone: string, days: number, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(now.getTime() + days * 86_400_000),
  );
}

/** The demo practice's Booking Portal: reminders, a banner showing now, one scheduled and one turned off. */
export async function seedDemoBookingPortal(app: GlowdeskApp, owner: StaffActor, timeZone: string, now: Date): Promise<void> {
  const { bookingPortal } = app.services;
  await bookingPortal.updateSettings(
    owner,
    {
      importantReminders:
        'Please arrive 10 minutes early and bring a photo ID. Free parking is behind the building. Avoid retinoids for 3 days before a peel.',
      patientActions: {
        confirm: { enabled: true, closesHoursBefore: 0 },
        reschedule: { enabled: true, closesHoursBefore: 24 },
        cancel: { enabled: true, closesHoursBefore: 24 },
      },
    },
    undefined,
    systemMeta,
  );
  const banners = [
    {
      body: 'Glow season: 20% off chemical peels this month',
      startsOn: dateIn(timeZone, -3, now),
      endsOn: dateIn(timeZone, 27, now),
      enabled: true,
    },
    {
      body: 'New: evening appointments on Thursdays until 8 pm',
      startsOn: dateIn(timeZone, 14, now),
      endsOn: dateIn(timeZone, 60, now),
      enabled: true,
    },
    {
      body: 'Holiday hours: closed on public holidays',
      startsOn: dateIn(timeZone, -10, now),
      endsOn: dateIn(timeZone, 90, now),
      enabled: false,
    },
  ];
  for (const banner of banners) await bookingPortal.createBanner(owner, banner, systemMeta);
}
