import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../platform/clock.ts';
import { drawDateOfPeriod, startOfLocalDate, type DrawSchedule } from './draw-dates.ts';
import type { MembershipRecord } from './memberships-repository.ts';

/** The draw schedule stored on a membership (its anchor, never a previous clamped date). */
export function scheduleOf(membership: Pick<MembershipRecord, 'interval' | 'drawDay' | 'drawMonth' | 'firstDrawMonth'>): DrawSchedule {
  return {
    interval: membership.interval,
    drawDay: membership.drawDay,
    drawMonth: membership.drawMonth,
    firstDrawMonth: membership.firstDrawMonth,
  };
}

/** Today's date in the clinic's zone, by the clock the module is given. */
export function localToday(clock: Clock, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(clock.now().getTime()).toZonedDateTimeISO(zone).toPlainDate().toString();
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function addMonths(date: string, months: number): string {
  return Temporal.PlainDate.from(date).add({ months }).toString();
}

/**
 * The coupon's discount on period `number`'s price (0 is the enrolment payment, which is
 * the first payment a coupon counts): a percent rounded half up, or an amount capped at the price.
 */
export function discountCentsFor(
  membership: Pick<MembershipRecord, 'priceCents' | 'discountPercent' | 'discountAmountCents' | 'discountPayments' | 'couponId'>,
  number: number,
): number {
  if (!membership.couponId) return 0;
  if (membership.discountPayments !== null && number >= membership.discountPayments) return 0;
  if (membership.discountPercent !== null) return Math.floor((2 * membership.priceCents * membership.discountPercent + 100) / 200);
  return Math.min(membership.priceCents, membership.discountAmountCents ?? 0);
}

/** Where billing stands after period `nextPeriod - 1`: the next draw's date and the instant it is due. */
export function nextDrawOf(
  membership: Pick<MembershipRecord, 'interval' | 'drawDay' | 'drawMonth' | 'firstDrawMonth'>,
  nextPeriod: number,
  zone: string,
) {
  const nextDrawOn = drawDateOfPeriod(scheduleOf(membership), nextPeriod);
  return { nextPeriod, nextDrawOn, nextChargeAt: startOfLocalDate(nextDrawOn, zone) };
}

/** Payments still owed within the minimum term, counted from the next draw. */
export function paymentsRemainingInTerm(
  membership: Pick<MembershipRecord, 'interval' | 'drawDay' | 'drawMonth' | 'firstDrawMonth' | 'minimumTermEndsOn' | 'nextPeriod'>,
): number {
  const schedule = scheduleOf(membership);
  let remaining = 0;
  for (let number = membership.nextPeriod; remaining < 200; number += 1) {
    if (drawDateOfPeriod(schedule, number) >= membership.minimumTermEndsOn) break;
    remaining += 1;
  }
  return remaining;
}
