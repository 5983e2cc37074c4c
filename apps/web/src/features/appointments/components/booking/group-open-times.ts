import { isoWeekday, wallClockOf } from '../../clinic-time.ts';

export type PartOfDay = 'any' | 'morning' | 'afternoon' | 'evening';

const partsOfDay: Record<PartOfDay, (minutes: number) => boolean> = {
  any: () => true,
  morning: (minutes) => minutes < 12 * 60,
  afternoon: (minutes) => minutes >= 12 * 60 && minutes < 17 * 60,
  evening: (minutes) => minutes >= 17 * 60,
};

export interface OpenTime {
  localDate: string;
  startMin: number;
  providerIds: string[];
}

/** Open slots as the book reads them: by the clinic's local date, soonest first, none already begun. */
export function groupOpenTimes(
  slots: readonly { start: string; providerIds: string[] }[],
  timeZone: string,
  options: { nowMs: number; partOfDay: PartOfDay; weekdays: ReadonlySet<number> },
): { localDate: string; times: OpenTime[] }[] {
  const byDate = new Map<string, OpenTime[]>();
  for (const slot of slots) {
    if (Date.parse(slot.start) < options.nowMs || slot.providerIds.length === 0) continue;
    const { localDate, minutes } = wallClockOf(slot.start, timeZone);
    if (!partsOfDay[options.partOfDay](minutes)) continue;
    if (options.weekdays.size > 0 && !options.weekdays.has(isoWeekday(localDate))) continue;
    const list = byDate.get(localDate) ?? [];
    list.push({ localDate, startMin: minutes, providerIds: slot.providerIds });
    byDate.set(localDate, list);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([localDate, times]) => ({ localDate, times: times.sort((a, b) => a.startMin - b.startMin) }));
}
