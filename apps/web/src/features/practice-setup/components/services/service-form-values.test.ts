import type { Service } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import {
  changedServiceFields,
  keepResourcesAtClinics,
  newServiceValues,
  readServiceForm,
  serviceFormValues,
} from './service-form-values.ts';

const clinicId = '00000000-0000-4000-8000-000000000001';
const otherClinicId = '00000000-0000-4000-8000-000000000002';
const laserId = '00000000-0000-4000-8000-000000000011';
const roomId = '00000000-0000-4000-8000-000000000012';

const service: Service = {
  id: '00000000-0000-4000-8000-000000000021',
  name: 'Halo',
  category: 'Laser',
  description: null,
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  priceCents: 125_050,
  currency: 'USD',
  cancellationFeeCents: 0,
  noShowFeeCents: 15_000,
  mode: 'in_person',
  bookableOnline: true,
  requiresCardForOnlineBooking: false,
  clinicIds: [clinicId],
  resourceIds: [laserId],
  providerIds: [],
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
};

describe('the service form', () => {
  it('reads dollars into exact cents, blank fees as none', () => {
    const result = readServiceForm({ ...newServiceValues, name: 'Peel', price: '1,250.50', noShowFee: '0.29' }, 'USD');
    expect(result).toMatchObject({ request: { priceCents: 125_050, cancellationFeeCents: 0, noShowFeeCents: 29 } });
  });

  it('reads yen, which have no minor unit, as whole yen both ways', () => {
    const result = readServiceForm({ ...newServiceValues, name: 'Peel', price: '5,000', noShowFee: '1500' }, 'JPY');
    expect(result).toMatchObject({ request: { priceCents: 5_000, noShowFeeCents: 1_500, currency: 'JPY' } });
    expect(serviceFormValues({ ...service, priceCents: 5_000, currency: 'JPY' }).price).toBe('5000');
  });

  it('asks for a price, and refuses fractions of a cent on the field that has them', () => {
    const result = readServiceForm({ ...newServiceValues, name: 'Peel', cancellationFee: '10.005' }, 'USD');
    expect(result).toEqual({
      errors: { priceCents: 'Enter a price (0 if it is free).', cancellationFeeCents: 'Use at most 2 decimal places.' },
    });
  });

  it('sends only what changed when editing', () => {
    const values = { ...serviceFormValues(service), bufferAfterMinutes: 10, providerIds: [] };
    const result = readServiceForm(values, 'USD');
    if (!('request' in result)) throw new Error('expected a request');
    expect(changedServiceFields(service, result.request)).toEqual({ bufferAfterMinutes: 10 });
  });

  it('drops rooms and equipment of a clinic that no longer offers the service', () => {
    const resources = [
      {
        id: laserId,
        clinicId,
        name: 'Laser',
        kind: 'equipment' as const,
        quantity: 1,
        active: true,
        createdAt: '',
        updatedAt: '',
        version: 1,
      },
      {
        id: roomId,
        clinicId: otherClinicId,
        name: 'Room',
        kind: 'room' as const,
        quantity: 3,
        active: true,
        createdAt: '',
        updatedAt: '',
        version: 1,
      },
    ];
    expect(keepResourcesAtClinics([laserId, roomId], [clinicId], resources)).toEqual([laserId]);
  });
});
