import { scheduleRuleInputSchema, type ScheduleRule, type ScheduleRuleInput } from '@glowdesk/contracts';
import type { ApiProblem } from '../../../../shared/api/api-problem.ts';
import { formatLocalDate, formatWallClock } from '../../clinic-dates.ts';

/** One working interval, clinic-local wall clock 'HH:MM'; an end of '24:00' is midnight at the end of the day. */
export interface HoursInterval {
  start: string;
  end: string;
}

/** Weekly hours in force over one date range: `days[0]` is Monday … `days[6]` Sunday. */
export interface WeeklyPeriod {
  effectiveFrom: string;
  /** Last day in force (inclusive); null = open-ended. */
  effectiveTo: string | null;
  days: HoursInterval[][];
}

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** What went wrong where: per period, a message for its dates and one per weekday row. */
export interface PeriodProblems {
  dates?: string;
  /** By weekday index (0 = Monday). */
  days: Map<number, string>;
}
export type WeeklyHoursProblems = Map<number, PeriodProblems>;

function emptyWeek(): HoursInterval[][] {
  return weekdayNames.map(() => []);
}

export function emptyPeriod(effectiveFrom: string): WeeklyPeriod {
  return { effectiveFrom, effectiveTo: null, days: emptyWeek() };
}

function byStart(a: HoursInterval, b: HoursInterval): number {
  return a.start.localeCompare(b.start);
}

/** The server's rules grouped into periods by their effective range, oldest first. */
export function periodsFromRules(rules: readonly ScheduleRule[]): WeeklyPeriod[] {
  const periods = new Map<string, WeeklyPeriod>();
  for (const rule of rules) {
    const key = `${rule.effectiveFrom}/${rule.effectiveTo ?? ''}`;
    let period = periods.get(key);
    if (!period) {
      period = { effectiveFrom: rule.effectiveFrom, effectiveTo: rule.effectiveTo, days: emptyWeek() };
      periods.set(key, period);
    }
    period.days[rule.weekday - 1]?.push({ start: rule.start, end: rule.end });
  }
  const sorted = [...periods.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (const period of sorted) period.days.forEach((intervals) => intervals.sort(byStart));
  return sorted;
}

/** Where each rule of a PUT came from, so the server's `rules[i]` lands on the right row. */
export interface RuleOrigin {
  period: number;
  weekday: number;
}

/** The periods as the flat rule list the API replaces, with each rule's origin. */
export function rulesFromPeriods(periods: readonly WeeklyPeriod[]): { rules: ScheduleRuleInput[]; origins: RuleOrigin[] } {
  const rules: ScheduleRuleInput[] = [];
  const origins: RuleOrigin[] = [];
  periods.forEach((period, periodIndex) => {
    period.days.forEach((intervals, weekdayIndex) => {
      for (const interval of intervals) {
        rules.push({
          weekday: weekdayIndex + 1,
          start: interval.start,
          end: interval.end,
          effectiveFrom: period.effectiveFrom,
          effectiveTo: period.effectiveTo,
        });
        origins.push({ period: periodIndex, weekday: weekdayIndex });
      }
    });
  });
  return { rules, origins };
}

function problemsFor(problems: WeeklyHoursProblems, period: number): PeriodProblems {
  let found = problems.get(period);
  if (!found) {
    found = { days: new Map() };
    problems.set(period, found);
  }
  return found;
}

function addDayProblem(problems: WeeklyHoursProblems, period: number, weekday: number, message: string): void {
  const days = problemsFor(problems, period).days;
  if (!days.has(weekday)) days.set(weekday, message);
}

/**
 * Checks each interval as the API will (times, end after start, the dates) before sending.
 * Overlaps are left to the server, which names them per rule.
 */
export function checkPeriods(periods: readonly WeeklyPeriod[]): WeeklyHoursProblems {
  const problems: WeeklyHoursProblems = new Map();
  periods.forEach((period, periodIndex) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(period.effectiveFrom))
      problemsFor(problems, periodIndex).dates = 'Choose the first day these hours apply.';
    else if (period.effectiveTo !== null && period.effectiveTo < period.effectiveFrom) {
      problemsFor(problems, periodIndex).dates = 'The last day must be on or after the first day.';
    }
    period.days.forEach((intervals, weekdayIndex) => {
      for (const interval of intervals) {
        if (interval.start === '' || interval.end === '') {
          addDayProblem(problems, periodIndex, weekdayIndex, 'Enter a start and an end time for each interval.');
          continue;
        }
        if (interval.end <= interval.start) {
          addDayProblem(
            problems,
            periodIndex,
            weekdayIndex,
            `${formatWallClock(interval.start)} – ${formatWallClock(interval.end)}: the end must be after the start.`,
          );
          continue;
        }
        const parsed = scheduleRuleInputSchema.safeParse({ weekday: weekdayIndex + 1, ...interval });
        if (!parsed.success) addDayProblem(problems, periodIndex, weekdayIndex, parsed.error.issues[0]?.message ?? 'Check these times.');
      }
    });
  });
  return problems;
}

/** The server's `rules[i]` problems (overlaps, dates) placed on the rows the rules came from. */
export function placeRuleProblems(
  problem: ApiProblem,
  origins: readonly RuleOrigin[],
): { placed: WeeklyHoursProblems; unplaced: string[] } {
  const placed: WeeklyHoursProblems = new Map();
  const unplaced: string[] = [];
  const listed = problem.errors.length > 0 ? problem.errors : problem.field ? [{ field: problem.field, message: problem.detail }] : [];
  for (const { field, message } of listed) {
    const match = /^rules\[(\d+)\](?:\.(\w+))?$/.exec(field);
    const origin = match ? origins[Number(match[1])] : undefined;
    if (!match || !origin) {
      unplaced.push(message);
      continue;
    }
    const part = match[2];
    if (part === 'effectiveFrom' || part === 'effectiveTo') {
      problemsFor(placed, origin.period).dates ??= message.replace(/effectiveFrom/g, 'the first day');
    } else {
      addDayProblem(placed, origin.period, origin.weekday, describeRuleMessage(message, origins));
    }
  }
  if (listed.length === 0) unplaced.push(problem.detail);
  return { placed, unplaced };
}

/** The server speaks of "rules[3]"; people speak of days and times. */
function describeRuleMessage(message: string, origins: readonly RuleOrigin[]): string {
  const overlap = /^Overlaps rules\[(\d+)\] \((\w+) ([\d:]+)–([\d:]+)\)\.?$/.exec(message);
  if (!overlap) return message;
  const other = origins[Number(overlap[1])];
  const where = other ? weekdayNames[other.weekday] : overlap[2];
  return `These hours overlap ${formatWallClock(overlap[3] ?? '')} – ${formatWallClock(overlap[4] ?? '')} on ${where}. Intervals on one day must not overlap.`;
}

/** Monday's hours copied to Tuesday through Friday. */
export function copyMondayToWeekdays(period: WeeklyPeriod): WeeklyPeriod {
  const monday = period.days[0] ?? [];
  return {
    ...period,
    days: period.days.map((intervals, index) => (index >= 1 && index <= 4 ? monday.map((interval) => ({ ...interval })) : intervals)),
  };
}

/** A sensible next interval for a day: after its last one, else a 9 to 5. */
export function nextInterval(intervals: readonly HoursInterval[]): HoursInterval {
  const last = intervals.at(-1);
  if (!last || last.end === '' || last.end >= '23:00') return { start: '09:00', end: '17:00' };
  const [hours = 0, minutes = 0] = last.end.split(':').map(Number);
  const startHour = Math.min(hours + 1, 22);
  const endHour = Math.min(startHour + 4, 24);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { start: `${pad(startHour)}:${pad(minutes)}`, end: endHour === 24 ? '24:00' : `${pad(endHour)}:${pad(minutes)}` };
}

/** Worked minutes in one day's intervals. */
export function minutesWorked(intervals: readonly HoursInterval[]): number {
  const toMinutes = (time: string) => {
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    return hours * 60 + minutes;
  };
  return intervals.reduce((total, interval) => total + Math.max(0, toMinutes(interval.end) - toMinutes(interval.start)), 0);
}

/** How a period reads: 'From Jan 5, 2025' or 'Jun 1, 2026 – Aug 31, 2026'. */
export function describePeriod(period: WeeklyPeriod): string {
  if (period.effectiveTo === null) return `From ${formatLocalDate(period.effectiveFrom, 'plain')}`;
  return `${formatLocalDate(period.effectiveFrom, 'plain')} – ${formatLocalDate(period.effectiveTo, 'plain')}`;
}
