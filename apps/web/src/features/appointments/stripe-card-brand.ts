import { cardBrandSchema, type CardBrand } from '@glowdesk/contracts';

/** Stripe reports brands in its own words; anything Glowdesk does not list is "unknown". */
export function brandOfStripeCard(brand: string | undefined): CardBrand {
  const parsed = cardBrandSchema.safeParse(brand);
  return parsed.success ? parsed.data : 'unknown';
}
