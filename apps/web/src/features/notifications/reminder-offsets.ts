import { REMINDER_OFFSET_MAX_MINUTES, REMINDER_OFFSET_MIN_MINUTES } from '@glowdesk/contracts';

export type OffsetUnit = 'minutes' | 'hours' | 'days';

/** One reminder as the form edits it: "48 hours" before the start. `amount` is what was typed. */
export interface OffsetDraft {
  amount: number | string;
  unit: OffsetUnit;
}

const minutesPer: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/** At most this many reminders per appointment (the server refuses more). */
export const MAX_REMINDERS = 5;

/**
 * The unit people say a reminder time in: hours up to two days ("48 hours", "2 hours"),
 * whole days beyond, minutes when it is not a whole hour.
 */
export function offsetDraftOf(offsetMinutes: number): OffsetDraft {
  if (offsetMinutes % minutesPer.days === 0 && offsetMinutes > 2 * minutesPer.days)
    return { amount: offsetMinutes / minutesPer.days, unit: 'days' };
  if (offsetMinutes % minutesPer.hours === 0) return { amount: offsetMinutes / minutesPer.hours, unit: 'hours' };
  return { amount: offsetMinutes, unit: 'minutes' };
}

/** The minutes a draft stands for, or undefined while it is not a whole positive number. */
export function offsetMinutesOf(draft: OffsetDraft): number | undefined {
  const amount = typeof draft.amount === 'number' ? draft.amount : Number(draft.amount.trim() === '' ? Number.NaN : draft.amount);
  if (!Number.isInteger(amount) || amount <= 0) return undefined;
  return amount * minutesPer[draft.unit];
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "48 hours before", "3 days before", "90 minutes before". */
export function describeOffset(offsetMinutes: number): string {
  const { amount, unit } = offsetDraftOf(offsetMinutes);
  return `${plural(Number(amount), unit.slice(0, -1))} before`;
}

/**
 * What is wrong with each reminder time (by position), in the words the form shows, or
 * nothing. The same rules as the server: 15 minutes to 14 days before, each time once.
 */
export function offsetProblems(drafts: readonly OffsetDraft[]): (string | undefined)[] {
  const minutes = drafts.map(offsetMinutesOf);
  return minutes.map((offset, index) => {
    if (offset === undefined) return 'Enter a whole number greater than 0.';
    if (offset < REMINDER_OFFSET_MIN_MINUTES) return `A reminder goes at least ${REMINDER_OFFSET_MIN_MINUTES} minutes before the start.`;
    if (offset > REMINDER_OFFSET_MAX_MINUTES) return 'A reminder goes at most 14 days before the start.';
    if (minutes.indexOf(offset) !== index) return `Already listed: ${describeOffset(offset)}. Each reminder time must be different.`;
    return undefined;
  });
}

/** Largest first, as the server stores them; undefined while any draft is invalid. */
export function offsetsToSave(drafts: readonly OffsetDraft[]): number[] | undefined {
  if (offsetProblems(drafts).some((problem) => problem !== undefined)) return undefined;
  return drafts.map((draft) => offsetMinutesOf(draft) ?? 0).sort((a, b) => b - a);
}
