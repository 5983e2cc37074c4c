import { describe, expect, it } from 'vitest';
import { formatAppointmentTime } from './appointment-time.ts';

describe('formatAppointmentTime', () => {
  it("shows the clinic's wall-clock day and times, not the browser's", () => {
    expect(formatAppointmentTime('2026-12-08T15:30:00Z', '2026-12-08T16:15:00Z', 'America/New_York')).toEqual({
      day: 'Tue, Dec 8, 2026',
      time: '10:30 AM – 11:15 AM',
    });
  });

  it('moves to the clinic day when the instant is already the next day in UTC', () => {
    expect(formatAppointmentTime('2026-12-09T02:00:00Z', '2026-12-09T03:00:00Z', 'America/Los_Angeles').day).toBe('Tue, Dec 8, 2026');
  });
});
