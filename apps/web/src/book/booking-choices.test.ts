import { describe, expect, it } from 'vitest';
import type { BookingCatalog } from './api/booking-catalog.ts';
import { bookingWeek, formatDuration, providersFor, summarizeTreatment, visitModeFor } from './booking-choices.ts';

const service = (id: string, fields: Partial<BookingCatalog['services'][number]> = {}): BookingCatalog['services'][number] => ({
  id,
  name: `Service ${id}`,
  description: null,
  durationMinutes: 30,
  priceCents: 10_000,
  currency: 'USD',
  modes: ['in_person'],
  clinicIds: ['c1'],
  requiresCard: false,
  category: null,
  ...fields,
});

const catalog: BookingCatalog = {
  practice: { name: 'Practice', slug: 'demo', timezone: 'America/New_York' },
  clinics: [{ id: 'c1', name: 'SoHo', timezone: 'America/New_York', address: null }],
  services: [service('s1'), service('s2', { durationMinutes: 45, priceCents: null, requiresCard: true }), service('s3')],
  packages: [
    {
      id: 'p1',
      name: 'Glow package',
      description: null,
      serviceIds: ['s1', 's3'],
      durationMinutes: 60,
      priceCents: 15_000,
      currency: 'USD',
      clinicIds: ['c1'],
      requiresCard: false,
    },
  ],
  providers: [
    { id: 'a', displayName: 'Dr. A', title: null, clinicIds: ['c1'], serviceIds: ['s1', 's2'] },
    { id: 'b', displayName: 'Dr. B', title: null, clinicIds: ['c1'], serviceIds: ['s1'] },
    { id: 'c', displayName: 'Dr. C', title: null, clinicIds: ['c2'], serviceIds: ['s1', 's2'] },
  ],
  cancellationPolicies: [],
};

describe('summarizeTreatment', () => {
  it('adds up the chosen services, with no total price when one has none, and needs a card when any does', () => {
    expect(summarizeTreatment(catalog, { kind: 'services', serviceIds: ['s1', 's2'] })).toEqual({
      names: ['Service s1', 'Service s2'],
      durationMinutes: 75,
      priceCents: null,
      currency: 'USD',
      serviceIds: ['s1', 's2'],
      requiresCard: true,
      mode: 'in_person',
    });
  });

  it('takes a package’s own duration and price, and its services for availability', () => {
    expect(summarizeTreatment(catalog, { kind: 'package', packageId: 'p1' })).toMatchObject({
      names: ['Glow package'],
      durationMinutes: 60,
      priceCents: 15_000,
      serviceIds: ['s1', 's3'],
      requiresCard: false,
    });
  });

  it('knows nothing of a service the catalog does not list', () => {
    expect(summarizeTreatment(catalog, { kind: 'services', serviceIds: ['s1', 'gone'] })).toBeUndefined();
  });
});

describe('providersFor', () => {
  it('lists the providers at the clinic who perform every chosen service', () => {
    expect(providersFor(catalog, 'c1', ['s1']).map((provider) => provider.id)).toEqual(['a', 'b']);
    expect(providersFor(catalog, 'c1', ['s1', 's2']).map((provider) => provider.id)).toEqual(['a']);
  });
});

describe('visitModeFor', () => {
  it('books in person unless every service is virtual only', () => {
    expect(visitModeFor([{ modes: ['in_person', 'virtual'] }, { modes: ['virtual'] }])).toBe('in_person');
    expect(visitModeFor([{ modes: ['virtual'] }])).toBe('virtual');
  });
});

describe('formatDuration', () => {
  it('writes minutes and hours as a patient reads them', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(90)).toBe('1 h 30 min');
  });
});

describe('bookingWeek', () => {
  it('lays slots on the clinic-local days they start on, seven days from the first', () => {
    // 2026-03-07 23:30 in New York is already March 8 in UTC.
    const from = Date.parse('2026-03-06T15:00:00Z');
    const slots = [
      { start: '2026-03-08T04:30:00Z', end: '2026-03-08T05:00:00Z', providerIds: ['a'], resourceIds: [] },
      { start: '2026-03-09T14:00:00Z', end: '2026-03-09T14:30:00Z', providerIds: ['a'], resourceIds: [] },
      { start: '2026-03-09T13:00:00Z', end: '2026-03-09T13:30:00Z', providerIds: ['b'], resourceIds: [] },
    ];
    const week = bookingWeek(from, slots, 'America/New_York');
    expect(week.map((day) => day.localDate)).toEqual([
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
    ]);
    expect(week[1]?.slots.map((slot) => slot.start)).toEqual(['2026-03-08T04:30:00Z']);
    expect(week[3]?.slots.map((slot) => slot.start)).toEqual(['2026-03-09T13:00:00Z', '2026-03-09T14:00:00Z']);
    expect(week[0]).toMatchObject({ weekday: 'Fri', dayOfMonth: '6', label: 'Friday, March 6' });
  });
});
