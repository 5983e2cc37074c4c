import type { InventoryLot, ProductUsed, ProductUsedEntry } from '@glowdesk/contracts';

/** A product used as typed: the quantity holds '' while empty. */
export interface ProductUsedDraft {
  key: number;
  productName: string;
  quantity: number | string;
  unit: string;
  lotId: string | null;
}

let rowKey = 0;

export function emptyProductUsed(): ProductUsedDraft {
  return { key: ++rowKey, productName: '', quantity: '', unit: '', lotId: null };
}

export function productsUsedDraftOf(products: readonly ProductUsed[]): ProductUsedDraft[] {
  return products.map((product) => ({
    key: ++rowKey,
    productName: product.productName,
    quantity: product.quantity,
    unit: product.unit,
    lotId: product.lot?.id ?? null,
  }));
}

/**
 * Choosing a lot names the product after it unless a name was typed; the unit follows the lot
 * when the lot counts mL (its quantity is taken in mL) and otherwise when none was typed.
 * Clearing the lot keeps what is there.
 */
export function withLot(draft: ProductUsedDraft, lot: InventoryLot | undefined): ProductUsedDraft {
  if (!lot) return { ...draft, lotId: null };
  return {
    ...draft,
    lotId: lot.id,
    productName: draft.productName.trim() === '' ? lot.productName : draft.productName,
    unit: lot.unit === 'mL' || draft.unit.trim() === '' ? lot.unit : draft.unit,
  };
}

/** The PATCH body's `productsUsed`; an empty quantity is sent as no number, so the server names it. */
export function productsUsedRequestOf(drafts: readonly ProductUsedDraft[]): ProductUsedEntry[] {
  return drafts.map((draft) => ({
    productName: draft.productName,
    quantity: draft.quantity === '' ? Number.NaN : Number(draft.quantity),
    unit: draft.unit,
    lotId: draft.lotId,
  }));
}
