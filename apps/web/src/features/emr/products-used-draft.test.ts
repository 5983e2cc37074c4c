import type { InventoryLot } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { emptyProductUsed, productsUsedDraftOf, productsUsedRequestOf, withLot } from './products-used-draft.ts';

const lot: InventoryLot = {
  id: '6f1c0d7e-2a8b-4e0f-9d43-1c2b3a4d5e6f',
  productName: 'BLT numbing cream (30 g tube)',
  lotNumber: 'BLT-4410',
  expiresOn: '2027-05-31',
  quantityReceived: 40,
  quantityOnHand: 38,
  unit: 'units',
  createdAt: '2026-12-01T10:00:00.000Z',
  recalls: [],
};

describe('the products used draft', () => {
  it('names an unnamed product after the lot chosen and counts it in units', () => {
    expect(withLot(emptyProductUsed(), lot)).toMatchObject({ lotId: lot.id, productName: lot.productName, unit: 'units' });
  });

  it('keeps a typed name and unit when a lot is chosen, and keeps them when the lot is cleared', () => {
    const typed = { ...emptyProductUsed(), productName: 'Numbing cream', unit: 'tube' };
    const chosen = withLot(typed, lot);
    expect(chosen).toMatchObject({ productName: 'Numbing cream', unit: 'tube', lotId: lot.id });
    expect(withLot(chosen, undefined)).toMatchObject({ productName: 'Numbing cream', unit: 'tube', lotId: null });
  });

  it('counts a product from an mL lot in mL, whatever unit was typed', () => {
    const typed = { ...emptyProductUsed(), productName: 'Hyaluronic acid', unit: 'syringe' };
    expect(withLot(typed, { ...lot, unit: 'mL', quantityOnHand: 4.5 })).toMatchObject({ unit: 'mL', lotId: lot.id });
  });

  it('sends what was saved unchanged, with the lot by id', () => {
    const drafts = productsUsedDraftOf([
      { productName: 'Numbing cream', quantity: 1, unit: 'tube', lot: { id: lot.id, lotNumber: 'BLT-4410', expiresOn: '2027-05-31' } },
      { productName: 'Aloe gel', quantity: 7.5, unit: 'mL', lot: null },
    ]);
    expect(productsUsedRequestOf(drafts)).toEqual([
      { productName: 'Numbing cream', quantity: 1, unit: 'tube', lotId: lot.id },
      { productName: 'Aloe gel', quantity: 7.5, unit: 'mL', lotId: null },
    ]);
  });

  it('sends an empty quantity as no number, so the server names it', () => {
    const [sent] = productsUsedRequestOf([{ ...emptyProductUsed(), productName: 'Serum', unit: 'mL', quantity: '' }]);
    expect(JSON.parse(JSON.stringify(sent))).toMatchObject({ quantity: null });
  });
});
