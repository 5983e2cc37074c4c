import { describe, expect, it } from 'vitest';
import { isInsideCancellationWindow, sumServiceFees, type ServiceFee } from './appointment-fees.ts';

const fees = new Map<string, ServiceFee>([
  ['laser', { currency: 'USD', cancellationFeeCents: 2500, noShowFeeCents: 5000 }],
  ['peel', { currency: 'USD', cancellationFeeCents: 1000, noShowFeeCents: 0 }],
  ['euro', { currency: 'EUR', cancellationFeeCents: 900, noShowFeeCents: 900 }],
]);

describe('an appointment’s fees', () => {
  it('adds up the fees of every service booked', () => {
    const services = [
      { serviceId: 'laser', currency: 'USD' },
      { serviceId: 'peel', currency: 'USD' },
    ];
    expect(sumServiceFees(services, fees)).toEqual({ cancellationFeeCents: 3500, noShowFeeCents: 5000, currency: 'USD' });
  });

  it('counts a service booked twice twice', () => {
    const services = [
      { serviceId: 'peel', currency: 'USD' },
      { serviceId: 'peel', currency: 'USD' },
    ];
    expect(sumServiceFees(services, fees).cancellationFeeCents).toBe(2000);
  });

  it('has no currency when the services disagree, so no fee can be charged', () => {
    const services = [
      { serviceId: 'laser', currency: 'USD' },
      { serviceId: 'euro', currency: 'EUR' },
    ];
    expect(sumServiceFees(services, fees).currency).toBeNull();
  });

  it('charges nothing for a service the catalog no longer knows', () => {
    expect(sumServiceFees([{ serviceId: 'gone', currency: 'USD' }], fees)).toEqual({
      cancellationFeeCents: 0,
      noShowFeeCents: 0,
      currency: 'USD',
    });
  });
});

describe('the cancellation window', () => {
  const start = new Date('2026-03-03T15:00:00Z');

  it('is late less than the window before the start', () => {
    expect(isInsideCancellationWindow(new Date('2026-03-02T15:00:01Z'), start, 24)).toBe(true);
    expect(isInsideCancellationWindow(new Date('2026-03-02T15:00:00Z'), start, 24)).toBe(false);
    expect(isInsideCancellationWindow(new Date('2026-03-02T14:59:59Z'), start, 24)).toBe(false);
  });

  it('is late after the start as well', () => {
    expect(isInsideCancellationWindow(new Date('2026-03-03T16:00:00Z'), start, 24)).toBe(true);
  });

  it('with a window of 0 hours is late only once the appointment started', () => {
    expect(isInsideCancellationWindow(new Date('2026-03-03T14:59:00Z'), start, 0)).toBe(false);
    expect(isInsideCancellationWindow(new Date('2026-03-03T15:00:01Z'), start, 0)).toBe(true);
  });
});
