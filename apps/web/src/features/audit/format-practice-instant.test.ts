import { describe, expect, it } from 'vitest';
import { formatPracticeInstant as formatWithIcuSpaces } from './format-practice-instant.ts';

// ICU puts a narrow no-break space before AM/PM; compare with plain spaces.
function formatPracticeInstant(instant: string, timeZone: string) {
  const formatted = formatWithIcuSpaces(instant, timeZone);
  return { ...formatted, time: formatted.time.replaceAll('\u202f', ' ') };
}

describe('formatPracticeInstant', () => {
  it('shows the wall-clock time in the practice zone with its abbreviation at that instant', () => {
    expect(formatPracticeInstant('2026-01-15T15:04:05Z', 'America/New_York')).toEqual({
      date: 'Jan 15, 2026',
      time: '10:04:05 AM',
      zone: 'EST',
    });
    expect(formatPracticeInstant('2026-07-15T15:04:05Z', 'America/New_York')).toEqual({
      date: 'Jul 15, 2026',
      time: '11:04:05 AM',
      zone: 'EDT',
    });
  });

  it('uses the practice date, not the UTC date, near midnight', () => {
    expect(formatPracticeInstant('2026-03-01T02:30:00Z', 'America/Los_Angeles').date).toBe('Feb 28, 2026');
  });
});
