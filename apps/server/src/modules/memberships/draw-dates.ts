import { Temporal } from 'temporal-polyfill';

export type BillingInterval = 'month' | 'year';

/**
 * When a membership is charged. The anchor is what the member chose and never changes with
 * a short month: `drawDay` (1–31) and, for a yearly plan, `drawMonth` (1–12). Draw day 31
 * bills on April 30 and on February's last day, then on the 31st again when a month has one;
 * a yearly draw on February 29 bills February 28 in other years.
 *
 * `firstDrawMonth` is the month ("YYYY-MM") of the first draw after the enrolment payment.
 * Every later draw is counted from it, never from the previous (perhaps clamped) date.
 */
export interface DrawSchedule {
  interval: BillingInterval;
  drawDay: number;
  drawMonth: number;
  firstDrawMonth: string;
}

/** The date in `yearMonth` that draw day `day` falls on: the day itself, or the month's last day. */
export function drawDateInMonth(yearMonth: Temporal.PlainYearMonth, day: number): Temporal.PlainDate {
  return yearMonth.toPlainDate({ day: Math.min(day, yearMonth.daysInMonth) });
}

/**
 * The schedule of a membership enrolled (and first charged) on `enrolledOn`, a clinic-local
 * date: its first draw is the first draw date at least one interval later, so the enrolment
 * payment always covers one whole interval or more and no member pays twice within one.
 */
export function scheduleFor(input: { enrolledOn: string; interval: BillingInterval; drawDay: number; drawMonth?: number }): DrawSchedule {
  const enrolled = Temporal.PlainDate.from(input.enrolledOn);
  const drawMonth = input.interval === 'year' ? (input.drawMonth ?? enrolled.month) : 1;
  const earliest = enrolled.add(input.interval === 'month' ? { months: 1 } : { years: 1 });
  let month = earliest.toPlainYearMonth();
  if (input.interval === 'year') {
    month = Temporal.PlainYearMonth.from({ year: earliest.year, month: drawMonth });
    if (Temporal.PlainDate.compare(drawDateInMonth(month, input.drawDay), earliest) < 0) month = month.add({ years: 1 });
  } else if (Temporal.PlainDate.compare(drawDateInMonth(month, input.drawDay), earliest) < 0) {
    month = month.add({ months: 1 });
  }
  return { interval: input.interval, drawDay: input.drawDay, drawMonth, firstDrawMonth: month.toString() };
}

/** The draw date of period `number` (1 is the first draw after enrolment), as "YYYY-MM-DD". */
export function drawDateOfPeriod(schedule: DrawSchedule, number: number): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`period number must be a whole number from 1, got ${number}`);
  const first = Temporal.PlainYearMonth.from(schedule.firstDrawMonth);
  const month = first.add(schedule.interval === 'month' ? { months: number - 1 } : { years: number - 1 });
  return drawDateInMonth(month, schedule.drawDay).toString();
}

/**
 * The numbers and dates of the periods from `fromNumber` whose draw date is on or before
 * `throughDate` (a clinic-local date), in order.
 */
export function periodsDueThrough(schedule: DrawSchedule, fromNumber: number, throughDate: string): { number: number; drawDate: string }[] {
  const due: { number: number; drawDate: string }[] = [];
  const through = Temporal.PlainDate.from(throughDate);
  for (let number = Math.max(1, fromNumber); ; number += 1) {
    const drawDate = drawDateOfPeriod(schedule, number);
    if (Temporal.PlainDate.compare(Temporal.PlainDate.from(drawDate), through) > 0) return due;
    due.push({ number, drawDate });
  }
}

/** The period number whose draw date is the first on or after `date`. */
export function periodNumberOnOrAfter(schedule: DrawSchedule, date: string): number {
  const target = Temporal.PlainDate.from(date);
  const first = Temporal.PlainYearMonth.from(schedule.firstDrawMonth);
  const targetMonth = target.toPlainYearMonth();
  const step = schedule.interval === 'month' ? 1 : 12;
  const monthsBetween = (targetMonth.year - first.year) * 12 + (targetMonth.month - first.month);
  // The period drawn in the target's own month is monthsBetween / step + 1: start one before it.
  let number = Math.max(1, Math.floor(monthsBetween / step));
  while (Temporal.PlainDate.compare(Temporal.PlainDate.from(drawDateOfPeriod(schedule, number)), target) < 0) number += 1;
  return number;
}

/** The instant a clinic-local date begins in `zone` (the first instant of the day, even on a day clocks jump). */
export function startOfLocalDate(date: string, zone: string): Date {
  const start = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone });
  return new Date(start.epochMilliseconds);
}
