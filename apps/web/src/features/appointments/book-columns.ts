import type { WorkingInterval } from '@glowdesk/contracts';
import type { BookAppointment } from './api/appointment-schema.ts';
import { statusesOnTheBook } from './appointment-status.ts';
import { addDays, wallClockOf } from './clinic-time.ts';

const DAY_MINUTES = 24 * 60;

export interface DayPiece {
  /** The local date the piece is drawn on. */
  localDate: string;
  /** Minutes from that date's local midnight. */
  startMin: number;
  endMin: number;
}

/**
 * An instant span cut into pieces per local date of the clinic's zone: an appointment or a
 * shift that crosses midnight is drawn on both days.
 */
export function splitByLocalDate(start: string, end: string, timeZone: string): DayPiece[] {
  const from = wallClockOf(start, timeZone);
  const to = wallClockOf(end, timeZone);
  const pieces: DayPiece[] = [];
  for (let date = from.localDate; date <= to.localDate; date = addDays(date, 1)) {
    const startMin = date === from.localDate ? from.minutes : 0;
    const endMin = date === to.localDate ? to.minutes : DAY_MINUTES;
    if (endMin > startMin) pieces.push({ localDate: date, startMin, endMin });
  }
  return pieces;
}

export interface PlacedAppointment {
  appointment: BookAppointment;
  startMin: number;
  endMin: number;
}

/**
 * Groups what the book draws (live appointments and out-of-office blocks; cancelled and
 * no-show ones free the time and leave the book) by column key.
 */
export function placeAppointments(
  appointments: readonly BookAppointment[],
  timeZone: string,
  columnKeyOf: (appointment: BookAppointment, localDate: string) => string | undefined,
): Map<string, PlacedAppointment[]> {
  const byColumn = new Map<string, PlacedAppointment[]>();
  for (const appointment of appointments) {
    if (!statusesOnTheBook.has(appointment.status)) continue;
    for (const piece of splitByLocalDate(appointment.start, appointment.end, timeZone)) {
      const key = columnKeyOf(appointment, piece.localDate);
      if (key === undefined) continue;
      const list = byColumn.get(key) ?? [];
      list.push({ appointment, startMin: piece.startMin, endMin: piece.endMin });
      byColumn.set(key, list);
    }
  }
  return byColumn;
}

/** A provider's working intervals as minutes of each local date. */
export function workingMinutesByDate(
  intervals: readonly WorkingInterval[],
  timeZone: string,
): Map<string, { startMin: number; endMin: number }[]> {
  const byDate = new Map<string, { startMin: number; endMin: number }[]>();
  for (const interval of intervals) {
    for (const piece of splitByLocalDate(interval.start, interval.end, timeZone)) {
      const list = byDate.get(piece.localDate) ?? [];
      list.push({ startMin: piece.startMin, endMin: piece.endMin });
      byDate.set(piece.localDate, list);
    }
  }
  return byDate;
}

/**
 * Side-by-side lanes for overlapping (double-booked) appointments in one column: each group
 * of overlapping items shares the width, and an item takes the first lane free at its start.
 */
export function layoutLanes<T extends { startMin: number; endMin: number }>(items: readonly T[]): (T & { lane: number; lanes: number })[] {
  const sorted = [...items].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin);
  const placed: (T & { lane: number; lanes: number })[] = [];
  let group: (T & { lane: number; lanes: number })[] = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    const lanes = group.reduce((most, item) => Math.max(most, item.lane + 1), 1);
    for (const item of group) item.lanes = lanes;
    group = [];
  };
  for (const item of sorted) {
    if (item.startMin >= groupEnd) {
      closeGroup();
      groupEnd = -Infinity;
    }
    const laneEnds: number[] = [];
    for (const other of group) laneEnds[other.lane] = Math.max(laneEnds[other.lane] ?? -Infinity, other.endMin);
    let lane = 0;
    while ((laneEnds[lane] ?? -Infinity) > item.startMin) lane++;
    const positioned = { ...item, lane, lanes: 1 };
    group.push(positioned);
    placed.push(positioned);
    groupEnd = Math.max(groupEnd, item.endMin);
  }
  closeGroup();
  return placed;
}

/** The hours to draw: at least 7 AM – 8 PM, widened to whole hours around any work or booking. */
export function visibleDayBounds(spans: Iterable<{ startMin: number; endMin: number }>): { dayStartMin: number; dayEndMin: number } {
  let dayStartMin = 7 * 60;
  let dayEndMin = 20 * 60;
  for (const span of spans) {
    dayStartMin = Math.min(dayStartMin, Math.floor(span.startMin / 60) * 60);
    dayEndMin = Math.max(dayEndMin, Math.ceil(span.endMin / 60) * 60);
  }
  return { dayStartMin, dayEndMin };
}

/**
 * The provider a phone's day, or the week view, opens on: the first, in the book's order, who
 * works on one of `localDates` (the day, or the week's seven); the first of all when nobody
 * does. Undefined while an earlier provider's hours are still loading, so the book never opens
 * on someone who turns out not to be working.
 */
export function firstWorkingProvider<P extends { id: string }>(
  providers: readonly P[],
  workingByProvider: ReadonlyMap<string, ReadonlyMap<string, readonly unknown[]>>,
  localDates: readonly string[],
): P | undefined {
  for (const provider of providers) {
    const workingByDate = workingByProvider.get(provider.id);
    if (workingByDate === undefined) return undefined;
    if (localDates.some((localDate) => (workingByDate.get(localDate)?.length ?? 0) > 0)) return provider;
  }
  return providers[0];
}
