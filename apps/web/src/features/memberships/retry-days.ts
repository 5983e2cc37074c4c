/** One typed retry day per row, as text until saved. */
export interface RetryDayDraft {
  rowId: number;
  days: string;
}

export const MAX_RETRIES = 5;

export type RetryDaysResult = { ok: true; retryAfterDays: number[] } | { ok: false; rowErrors: Map<number, string> };

/** The rows as the API takes them (ascending, each once, 1–60), or a message on each row at fault. */
export function retryDaysOf(rows: readonly RetryDayDraft[]): RetryDaysResult {
  const rowErrors = new Map<number, string>();
  const days: number[] = [];
  for (const row of rows) {
    const text = row.days.trim();
    if (!/^\d+$/.test(text)) {
      rowErrors.set(row.rowId, 'Enter a whole number of days.');
      continue;
    }
    const value = Number(text);
    if (value < 1 || value > 60) rowErrors.set(row.rowId, 'Use a day from 1 to 60 after the draw.');
    else if (days.includes(value)) rowErrors.set(row.rowId, 'This day is listed twice.');
    else days.push(value);
  }
  if (rowErrors.size > 0) return { ok: false, rowErrors };
  return { ok: true, retryAfterDays: days.sort((a, b) => a - b) };
}

/** The schedule in a sentence: "tried again 3 and 6 days after the draw date". */
export function describeRetrySchedule(retryAfterDays: readonly number[]): string {
  if (retryAfterDays.length === 0) return 'A declined payment is not tried again: the member is suspended at once.';
  const list =
    retryAfterDays.length === 1
      ? String(retryAfterDays[0])
      : `${retryAfterDays.slice(0, -1).join(', ')} and ${String(retryAfterDays[retryAfterDays.length - 1])}`;
  const unit = retryAfterDays.length === 1 && retryAfterDays[0] === 1 ? 'day' : 'days';
  return `A declined payment is tried again ${list} ${unit} after the draw date; the member is Past Due meanwhile, and Suspended if the last try is declined too.`;
}
