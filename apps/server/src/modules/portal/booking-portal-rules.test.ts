import { describe, expect, it } from 'vitest';
import {
  closedWindowMessage,
  DEFAULT_PORTAL_ACTION_WINDOWS,
  isBannerShowing,
  localDateIn,
  openPortalActions,
} from './booking-portal-rules.ts';

const start = new Date('2027-03-10T15:00:00Z');
const hoursBefore = (hours: number) => new Date(start.getTime() - hours * 3_600_000);

describe('openPortalActions', () => {
  it('offers confirm until the start and reschedule and cancel until 24 hours before, by default', () => {
    expect(openPortalActions(DEFAULT_PORTAL_ACTION_WINDOWS, { status: 'booked', startsAt: start }, hoursBefore(25))).toEqual({
      confirm: true,
      reschedule: true,
      cancel: true,
    });
    expect(openPortalActions(DEFAULT_PORTAL_ACTION_WINDOWS, { status: 'booked', startsAt: start }, hoursBefore(24))).toEqual({
      confirm: true,
      reschedule: false,
      cancel: false,
    });
    expect(openPortalActions(DEFAULT_PORTAL_ACTION_WINDOWS, { status: 'booked', startsAt: start }, start).confirm).toBe(false);
  });

  it('does not offer confirm on a confirmed appointment, nor anything on a cancelled one', () => {
    expect(openPortalActions(DEFAULT_PORTAL_ACTION_WINDOWS, { status: 'confirmed', startsAt: start }, hoursBefore(48))).toEqual({
      confirm: false,
      reschedule: true,
      cancel: true,
    });
    expect(openPortalActions(DEFAULT_PORTAL_ACTION_WINDOWS, { status: 'cancelled', startsAt: start }, hoursBefore(48))).toEqual({
      confirm: false,
      reschedule: false,
      cancel: false,
    });
  });

  it('offers nothing the practice turned off, however early', () => {
    const windows = { ...DEFAULT_PORTAL_ACTION_WINDOWS, cancel: { enabled: false, closesHoursBefore: 0 } };
    expect(openPortalActions(windows, { status: 'booked', startsAt: start }, hoursBefore(500)).cancel).toBe(false);
  });
});

describe('closedWindowMessage', () => {
  it('names the hours the practice allows', () => {
    expect(closedWindowMessage('reschedule', { enabled: true, closesHoursBefore: 48 })).toBe(
      'Appointments can be rescheduled online until 48 hours before they start; please call the clinic.',
    );
    expect(closedWindowMessage('cancel', { enabled: false, closesHoursBefore: 0 })).toContain('cannot be cancelled online');
  });
});

describe('banners', () => {
  it('show from their first day to their last, inclusive, while enabled', () => {
    const banner = { enabled: true, startsOn: '2027-03-01', endsOn: '2027-03-31' };
    expect(isBannerShowing(banner, '2027-02-28')).toBe(false);
    expect(isBannerShowing(banner, '2027-03-01')).toBe(true);
    expect(isBannerShowing(banner, '2027-03-31')).toBe(true);
    expect(isBannerShowing(banner, '2027-04-01')).toBe(false);
    expect(isBannerShowing({ ...banner, enabled: false }, '2027-03-15')).toBe(false);
  });

  it('read today in the practice’s zone: late evening in Los Angeles is already tomorrow in UTC', () => {
    const evening = new Date('2027-03-01T06:30:00Z');
    expect(localDateIn('America/Los_Angeles', evening)).toBe('2027-02-28');
    expect(localDateIn('UTC', evening)).toBe('2027-03-01');
  });
});
