import { describe, expect, it } from 'vitest';
import { bannerStatusOf, describeBannerDates, todayIn } from './banner-status.ts';

describe('bannerStatusOf', () => {
  const banner = { enabled: true, startsOn: '2027-03-01', endsOn: '2027-03-31' };

  it('shows a banner from its first day to its last, inclusive', () => {
    expect(bannerStatusOf(banner, '2027-02-28')).toBe('scheduled');
    expect(bannerStatusOf(banner, '2027-03-01')).toBe('showing');
    expect(bannerStatusOf(banner, '2027-03-31')).toBe('showing');
    expect(bannerStatusOf(banner, '2027-04-01')).toBe('ended');
  });

  it('calls a turned-off banner off until its dates have passed', () => {
    expect(bannerStatusOf({ ...banner, enabled: false }, '2027-03-10')).toBe('off');
    expect(bannerStatusOf({ ...banner, enabled: false }, '2027-04-10')).toBe('ended');
  });
});

describe('describeBannerDates', () => {
  it('writes the year once within a year, twice across years, and a single day alone', () => {
    expect(describeBannerDates('2027-03-01', '2027-03-31')).toBe('Mar 1 – Mar 31, 2027');
    expect(describeBannerDates('2027-12-20', '2028-01-05')).toBe('Dec 20, 2027 – Jan 5, 2028');
    expect(describeBannerDates('2027-07-04', '2027-07-04')).toBe('Jul 4, 2027');
  });
});

describe('todayIn', () => {
  it('reads the date in the practice’s zone', () => {
    expect(todayIn('America/Los_Angeles', new Date('2027-03-01T06:30:00Z'))).toBe('2027-02-28');
  });
});
