import type { PortalBanner } from '@glowdesk/contracts';

export type BannerStatus = 'showing' | 'scheduled' | 'ended' | 'off';

/** Where a banner stands on the practice's today (YYYY-MM-DD in its zone). */
export function bannerStatusOf(banner: Pick<PortalBanner, 'enabled' | 'startsOn' | 'endsOn'>, today: string): BannerStatus {
  if (banner.endsOn < today) return 'ended';
  if (!banner.enabled) return 'off';
  return banner.startsOn > today ? 'scheduled' : 'showing';
}

export const bannerStatusLabels: Record<BannerStatus, { label: string; color: string }> = {
  showing: { label: 'Showing now', color: 'lagoon' },
  scheduled: { label: 'Scheduled', color: 'blue' },
  ended: { label: 'Ended', color: 'gray' },
  off: { label: 'Off', color: 'gray' },
};

/** "Mar 1 – Mar 31, 2027", or one day alone. */
export function describeBannerDates(startsOn: string, endsOn: string): string {
  const format = (date: string, withYear: boolean) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      month: 'short',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
    });
  if (startsOn === endsOn) return format(startsOn, true);
  const sameYear = startsOn.slice(0, 4) === endsOn.slice(0, 4);
  return `${format(startsOn, !sameYear)} – ${format(endsOn, true)}`;
}

/** Today's date in a zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
