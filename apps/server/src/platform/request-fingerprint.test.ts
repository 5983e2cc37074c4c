import { describe, expect, it } from 'vitest';
import { fingerprintRequest, isSameRequest } from './request-fingerprint.ts';

describe('request fingerprints', () => {
  it('are equal for bodies that differ only in the order of their fields or in fields left undefined', () => {
    const body = { payment: { method: 'card_on_file', paymentMethodId: 'pm_1' }, amountCents: 500, products: [{ name: 'A', quantity: 1 }] };
    const reordered = {
      products: [{ quantity: 1, name: 'A' }],
      amountCents: 500,
      currency: undefined,
      payment: { paymentMethodId: 'pm_1', method: 'card_on_file' },
    };
    expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(body));
    expect(fingerprintRequest(body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differ for bodies with another value, another order of list items, or a value of another type', () => {
    const fingerprints = [
      { amountCents: 500 },
      { amountCents: 501 },
      { amountCents: '500' },
      { amountCents: null },
      { serviceIds: ['a', 'b'] },
      { serviceIds: ['b', 'a'] },
      { nested: { amountCents: 500 } },
    ].map((body) => fingerprintRequest(body));
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('let a key stored before fingerprints were kept replay any body', () => {
    const fingerprint = fingerprintRequest({ amountCents: 500 });
    expect(isSameRequest(null, fingerprint)).toBe(true);
    expect(isSameRequest(fingerprint, fingerprint)).toBe(true);
    expect(isSameRequest(fingerprintRequest({ amountCents: 600 }), fingerprint)).toBe(false);
  });
});
