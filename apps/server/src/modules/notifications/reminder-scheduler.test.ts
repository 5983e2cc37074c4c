import { describe, expect, it } from 'vitest';
import { dueReminderOffset, reminderDedupeKey } from './reminder-scheduler.ts';

const start = new Date('2026-03-05T15:00:00Z');
const hoursBefore = (hours: number) => new Date(start.getTime() - hours * 3_600_000);
const defaults = { remindersEnabled: true, reminderOffsetsMinutes: [2880, 120] };

describe('dueReminderOffset', () => {
  it('is nothing before the first offset is reached', () => {
    expect(dueReminderOffset(start, hoursBefore(49), defaults)).toBeUndefined();
  });

  it('is the smallest offset already reached', () => {
    expect(dueReminderOffset(start, hoursBefore(48), defaults)).toBe(2880);
    expect(dueReminderOffset(start, hoursBefore(3), defaults)).toBe(2880);
    expect(dueReminderOffset(start, hoursBefore(2), defaults)).toBe(120);
    expect(dueReminderOffset(start, hoursBefore(0.1), defaults)).toBe(120);
  });

  it('is nothing once the appointment has started, or with reminders off or none set', () => {
    expect(dueReminderOffset(start, start, defaults)).toBeUndefined();
    expect(dueReminderOffset(start, hoursBefore(1), { ...defaults, remindersEnabled: false })).toBeUndefined();
    expect(dueReminderOffset(start, hoursBefore(1), { remindersEnabled: true, reminderOffsetsMinutes: [] })).toBeUndefined();
  });

  it('does not depend on the order the offsets are stored in', () => {
    expect(dueReminderOffset(start, hoursBefore(1), { remindersEnabled: true, reminderOffsetsMinutes: [120, 2880] })).toBe(120);
  });
});

describe('reminderDedupeKey', () => {
  it('names the appointment, the offset and the start, so a moved appointment gets new keys', () => {
    const key = reminderDedupeKey({ appointmentId: 'a1', offsetMinutes: 120, startsAt: start });
    expect(key).toBe('reminder:a1:120:2026-03-05T15:00:00.000Z');
    expect(reminderDedupeKey({ appointmentId: 'a1', offsetMinutes: 120, startsAt: hoursBefore(-24) })).not.toBe(key);
  });
});
