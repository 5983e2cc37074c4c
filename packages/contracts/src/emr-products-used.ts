import { z } from 'zod';
import { hasAtMostTwoDecimals, idSchema, localDateSchema } from './common.ts';

/**
 * A product used during a procedure (numbing cream, serum, post-care), its quantity to 0.01.
 * With a lot, the quantity is taken from the lot's stock in the lot's unit, as injectables
 * are: whole units from a units lot, mL to 0.01 mL from an mL lot (checked against the lot).
 */
export const productUsedEntrySchema = z.strictObject({
  productName: z.string().trim().min(1, { message: 'Name the product.' }).max(200, { message: 'At most 200 characters.' }),
  quantity: z
    .number({ message: 'Enter the quantity as a number.' })
    .positive({ message: 'The quantity is more than 0.' })
    .max(10_000, { message: 'At most 10,000.' })
    .refine(hasAtMostTwoDecimals, { message: 'At most 2 decimals.' }),
  unit: z.string().trim().min(1, { message: 'Name the unit (g, mL, pump…).' }).max(40, { message: 'At most 40 characters.' }),
  lotId: idSchema.nullable().default(null),
});
export type ProductUsedEntry = z.input<typeof productUsedEntrySchema>;
export type ProductUsedInput = z.output<typeof productUsedEntrySchema>;

export const productsUsedRequestSchema = z.array(productUsedEntrySchema).max(100, { message: 'At most 100 products.' });

export const productUsedSchema = z.object({
  productName: z.string(),
  quantity: z.number(),
  unit: z.string(),
  lot: z.object({ id: idSchema, lotNumber: z.string(), expiresOn: localDateSchema }).nullable(),
});
export type ProductUsed = z.infer<typeof productUsedSchema>;
