import { describe, expect, it } from 'vitest';
import type { AvailabilityQuery } from './availability-types.js';
import { findUnoccupiedProviders } from './find-unoccupied-providers.js';
import {
  at,
  createTestAvailabilityQuery,
  createTestSchedule,
  createTestService,
  weeklyRules,
} from './testing/availability-test-builders.js';

const MONDAY = 1;

function clinicQuery(overrides: Partial<AvailabilityQuery> = {}): AvailabilityQuery {
  const morning = (providerId: string, end = '12:00') =>
    createTestSchedule({ providerId, weekly: [{ effectiveFrom: '2020-01-01', rules: weeklyRules([MONDAY], '09:00', end) }] });
  return createTestAvailabilityQuery({
    providers: [morning('provider-a'), morning('provider-b'), morning('provider-c', '10:00'), morning('provider-d')],
    services: [
      createTestService({
        durationMinutes: 45,
        bufferAfterMinutes: 15,
        eligibleProviderIds: ['provider-a', 'provider-b', 'provider-c'],
      }),
    ],
    providerBusy: [{ providerId: 'provider-b', start: at('2024-01-15T14:30Z'), end: at('2024-01-15T15:30Z') }],
    ...overrides,
  });
}

describe('findUnoccupiedProviders', () => {
  it('lists only eligible providers who are working and free for the whole sequence', () => {
    // 09:30 local: provider-b is booked, provider-c stops at 10:00, provider-d is not eligible.
    const providerIds = findUnoccupiedProviders(clinicQuery(), at('2024-01-15T14:30Z'));

    expect(providerIds).toEqual(['provider-a']);
  });

  it('treats a provider whose after-buffer would overlap a booking as occupied', () => {
    const query = clinicQuery({
      providerBusy: [{ providerId: 'provider-b', start: at('2024-01-15T15:00Z'), end: at('2024-01-15T16:00Z') }],
    });

    // 09:15–10:00 local plus the 15-minute buffer reaches provider-b's 10:00 booking.
    expect(findUnoccupiedProviders(query, at('2024-01-15T14:15Z'))).toEqual(['provider-a']);
    // 09:00–09:45 plus the buffer ends exactly when that booking starts.
    expect(findUnoccupiedProviders(query, at('2024-01-15T14:00Z'))).toEqual(['provider-a', 'provider-b', 'provider-c']);
  });

  it('treats a provider whose after-buffer would fall outside working hours as unavailable', () => {
    // 09:00–09:45 plus the buffer ends at 10:00, exactly when provider-c stops: still fits.
    expect(findUnoccupiedProviders(clinicQuery({ providerBusy: [] }), at('2024-01-15T14:00Z'))).toContain('provider-c');
    // 09:05 would need provider-c until 10:05.
    expect(findUnoccupiedProviders(clinicQuery({ providerBusy: [] }), at('2024-01-15T14:05Z'))).not.toContain('provider-c');
  });

  it('accepts a start off the slot grid, before the minimum notice or outside the range', () => {
    const query = clinicQuery({ providerBusy: [], now: at('2024-01-15T14:00Z'), minimumNoticeMinutes: 600, range: { from: 0, to: 0 } });

    expect(findUnoccupiedProviders(query, at('2024-01-15T14:07Z'))).toEqual(['provider-a', 'provider-b']);
  });

  it('honours the providerId filter', () => {
    expect(findUnoccupiedProviders(clinicQuery({ providerId: 'provider-c' }), at('2024-01-15T14:00Z'))).toEqual(['provider-c']);
  });

  it('returns nobody outside working hours', () => {
    expect(findUnoccupiedProviders(clinicQuery(), at('2024-01-15T20:00Z'))).toEqual([]);
  });
});
