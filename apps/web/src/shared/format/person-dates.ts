const birthDateFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A wall-clock date ('1982-04-21', no time or zone) as people read it: 'Apr 21, 1982'.
 * Formatted at UTC noon of that day, so no zone can move it to the day before.
 */
export function formatCalendarDate(localDate: string): string {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) return localDate;
  return birthDateFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12)));
}

/** 'born Apr 21, 1982', or null without a date of birth. */
export function describeBirthDate(dateOfBirth: string | null | undefined): string | null {
  return dateOfBirth ? `born ${formatCalendarDate(dateOfBirth)}` : null;
}
