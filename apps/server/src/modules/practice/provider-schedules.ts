import type { IsoWeekday, ProviderSchedule, WeeklySchedule } from '@glowdesk/scheduling';
import type { ScheduleOverrideRecord, ScheduleRuleRecord } from './schedule-repository.ts';

/**
 * The engine's view of stored schedules: one ProviderSchedule per provider id (in the given
 * order), rules grouped into weekly periods by their effective range.
 */
export function buildProviderSchedules(
  providerIds: readonly string[],
  rules: readonly ScheduleRuleRecord[],
  overrides: readonly ScheduleOverrideRecord[],
): ProviderSchedule[] {
  const schedules = new Map<string, { periods: Map<string, WeeklySchedule>; schedule: ProviderSchedule }>();
  for (const providerId of providerIds) {
    schedules.set(providerId, { periods: new Map(), schedule: { providerId, weekly: [], overrides: [] } });
  }
  for (const rule of rules) {
    const entry = schedules.get(rule.providerId);
    if (!entry) continue;
    const periodKey = `${rule.effectiveFrom}/${rule.effectiveTo ?? ''}`;
    let period = entry.periods.get(periodKey);
    if (!period) {
      period = { effectiveFrom: rule.effectiveFrom, rules: [] };
      if (rule.effectiveTo !== null) period.effectiveTo = rule.effectiveTo;
      entry.periods.set(periodKey, period);
      entry.schedule.weekly.push(period);
    }
    period.rules.push({ weekday: rule.weekday as IsoWeekday, start: rule.start, end: rule.end });
  }
  for (const override of overrides) {
    schedules.get(override.providerId)?.schedule.overrides.push({ localDate: override.localDate, intervals: override.intervals });
  }
  return [...schedules.values()].map((entry) => entry.schedule);
}
