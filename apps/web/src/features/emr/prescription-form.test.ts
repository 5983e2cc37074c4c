import { describe, expect, it } from 'vitest';
import { blankPrescriptionForm, dispenseSummary, localDateAt, readPrescriptionForm } from './prescription-form.ts';

const today = '2026-03-03';
const filled = { ...blankPrescriptionForm(today), drug: ' Tretinoin cream ', strength: '0.025%', directions: 'Nightly.', quantity: '1' };

describe('readPrescriptionForm', () => {
  it('builds the request with trimmed text, whole numbers and the linked chart', () => {
    expect(readPrescriptionForm({ ...filled, refills: '2' }, today, 'chart-1')).toEqual({
      request: {
        drug: 'Tretinoin cream',
        strength: '0.025%',
        directions: 'Nightly.',
        quantity: 1,
        refills: 2,
        prescribedOn: today,
        procedureId: 'chart-1',
      },
    });
    expect(readPrescriptionForm(filled, today, null).request).not.toHaveProperty('procedureId');
  });

  it('names each field out of range: quantity 1–9999, refills 0–12, a date not later than today', () => {
    expect(readPrescriptionForm({ ...filled, quantity: '0' }, today, null).errors).toEqual({ quantity: expect.any(String) });
    expect(readPrescriptionForm({ ...filled, quantity: '10000' }, today, null).errors).toHaveProperty('quantity');
    expect(readPrescriptionForm({ ...filled, quantity: '2.5' }, today, null).errors).toHaveProperty('quantity');
    expect(readPrescriptionForm({ ...filled, refills: '13' }, today, null).errors).toEqual({ refills: expect.any(String) });
    expect(readPrescriptionForm({ ...filled, refills: '-1' }, today, null).errors).toHaveProperty('refills');
    expect(readPrescriptionForm({ ...filled, prescribedOn: '2026-03-04' }, today, null).errors).toEqual({
      prescribedOn: 'The date cannot be later than today.',
    });
    expect(readPrescriptionForm(blankPrescriptionForm(today), today, null).errors).toEqual({
      drug: expect.any(String),
      strength: expect.any(String),
      directions: expect.any(String),
      quantity: expect.any(String),
    });
  });
});

describe('dispenseSummary', () => {
  it('says how many refills in words', () => {
    expect(dispenseSummary({ quantity: 30, refills: 0 })).toBe('Qty 30 · no refills');
    expect(dispenseSummary({ quantity: 1, refills: 1 })).toBe('Qty 1 · 1 refill');
    expect(dispenseSummary({ quantity: 10, refills: 12 })).toBe('Qty 10 · 12 refills');
  });
});

describe('localDateAt', () => {
  it("gives the zone's calendar date, not the UTC one", () => {
    const lateEveningInNewYork = Date.parse('2026-03-04T02:30:00Z');
    expect(localDateAt(lateEveningInNewYork, 'America/New_York')).toBe('2026-03-03');
    expect(localDateAt(lateEveningInNewYork, 'Asia/Kolkata')).toBe('2026-03-04');
  });
});
