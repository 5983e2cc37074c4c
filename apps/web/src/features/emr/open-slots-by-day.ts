import { wallClockOf } from '../appointments/clinic-time.ts';

export interface DaySlot {
  /** ISO instant the visit starts. */
  start: string;
  /** Minutes from midnight on the clinic's wall clock. */
  minutes: number;
}

/**
 * The availability engine's open slots one provider can take, by the clinic's local date
 * (soonest first), leaving out slots that have already begun.
 */
export function openSlotsByDay(
  slots: readonly { start: string; providerIds: readonly string[] }[],
  options: { providerId: string; timeZone: string; nowMs: number },
): Map<string, DaySlot[]> {
  const byDate = new Map<string, DaySlot[]>();
  for (const slot of slots) {
    if (Date.parse(slot.start) < options.nowMs || !slot.providerIds.includes(options.providerId)) continue;
    const { localDate, minutes } = wallClockOf(slot.start, options.timeZone);
    byDate.set(localDate, [...(byDate.get(localDate) ?? []), { start: slot.start, minutes }]);
  }
  return new Map(
    [...byDate.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([localDate, daySlots]) => [localDate, daySlots.sort((a, b) => a.minutes - b.minutes)]),
  );
}
