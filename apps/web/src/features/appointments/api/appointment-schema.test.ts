import { describe, expect, it } from 'vitest';
import { bookAppointmentListSchema, hasCardForFees } from './appointment-schema.ts';

/** An out-of-office block as GET /api/v1/appointments answers it: no patient, services or fee policy. */
const outOfOfficeBlock = {
  id: '0193a7a2-5b1c-7000-8000-000000000001',
  kind: 'out_of_office',
  mode: null,
  status: 'booked',
  clinicId: '0193a7a2-5b1c-7000-8000-000000000002',
  providerId: '0193a7a2-5b1c-7000-8000-000000000003',
  patientId: null,
  patient: null,
  packageId: null,
  title: 'Lunch',
  start: '2026-03-10T17:00:00.000Z',
  end: '2026-03-10T18:00:00.000Z',
  timeZone: 'America/New_York',
  services: [],
  notes: null,
  virtualRoomUrl: null,
  allowDoubleBooking: false,
  requireCardOnFile: false,
  cancellationReason: null,
  cancelledAt: null,
  noShowMarkedAt: null,
  noShowFeeRequested: null,
  cardOnFile: null,
  feePolicy: null,
  checkoutInvoiceId: null,
  createdBy: '0193a7a2-5b1c-7000-8000-000000000004',
  source: 'staff',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  version: 1,
};

describe('the book’s appointment list', () => {
  it('reads an out-of-office block, which has no fee policy', () => {
    const { items } = bookAppointmentListSchema.parse({ items: [outOfOfficeBlock] });
    expect(items[0]?.kind).toBe('out_of_office');
    expect(items[0] && hasCardForFees(items[0])).toBe(false);
  });
});
