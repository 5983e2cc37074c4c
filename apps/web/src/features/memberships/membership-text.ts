import type { Membership } from '@glowdesk/contracts';
import { formatCalendarDate } from '../../shared/format/person-dates.ts';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinalDay(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  switch (day % 10) {
    case 1:
      return `${day}st`;
    case 2:
      return `${day}nd`;
    case 3:
      return `${day}rd`;
    default:
      return `${day}th`;
  }
}

/**
 * The day the fee is charged, as the member's anchor: "The 31st of each month (a shorter
 * month's last day)", "March 15 each year".
 */
export function describeDrawDay(membership: Pick<Membership, 'interval' | 'drawDay' | 'drawMonth'>): string {
  if (membership.interval === 'year') {
    const month = membership.drawMonth === null ? undefined : monthNames[membership.drawMonth - 1];
    if (!month) return `The ${ordinalDay(membership.drawDay)} each year`;
    const leapDay = membership.drawMonth === 2 && membership.drawDay === 29 ? ' (February 28 in other years)' : '';
    return `${month} ${membership.drawDay} each year${leapDay}`;
  }
  const shortMonths = membership.drawDay >= 29 ? ' (a shorter month’s last day)' : '';
  return `The ${ordinalDay(membership.drawDay)} of each month${shortMonths}`;
}

/** What the minimum term still asks of the member, or that it is over. */
export function describeMinimumTerm(minimumTerm: Membership['minimumTerm']): string {
  if (minimumTerm.months === 0) return 'None';
  const term = `${minimumTerm.months} month${minimumTerm.months === 1 ? '' : 's'}`;
  if (minimumTerm.paymentsRemaining <= 0) return `${term}, completed ${formatCalendarDate(minimumTerm.endsOn)}`;
  const payments = minimumTerm.paymentsRemaining === 1 ? '1 payment remaining' : `${minimumTerm.paymentsRemaining} payments remaining`;
  return `${term}, until ${formatCalendarDate(minimumTerm.endsOn)}: ${payments}`;
}

/** A coupon on a membership: "SPRING20: 20% off, first 3 payments". */
export function describeMembershipCoupon(coupon: NonNullable<Membership['coupon']>, formatAmount: (cents: number) => string): string {
  const off = coupon.percentOff !== null ? `${coupon.percentOff}% off` : `${formatAmount(coupon.amountOffCents ?? 0)} off`;
  const duration =
    coupon.payments === null ? 'every payment' : coupon.payments === 1 ? 'the first payment' : `the first ${coupon.payments} payments`;
  return `${coupon.code}: ${off} ${duration}`;
}
