import { z } from 'zod';
import { idSchema, localDateSchema } from './common.ts';
import { currencyCodeSchema, positiveAmountCentsSchema, walletMoneyBalanceSchema } from './invoices.ts';

export const walletEntryKindSchema = z.enum(['credit_added', 'purchase', 'reward_earned', 'redemption', 'removal', 'reversal']);
export type WalletEntryKind = z.infer<typeof walletEntryKindSchema>;
export const walletEntryKindLabels: Record<WalletEntryKind, string> = {
  credit_added: 'Credit added',
  purchase: 'Bought',
  reward_earned: 'Reward earned',
  redemption: 'Redeemed',
  removal: 'Removed',
  reversal: 'Reversed',
};

/** One ledger row: who, when, why, and the invoice it came from. Grants also show what is left of them. */
export const walletEntrySchema = z.object({
  id: idSchema,
  kind: walletEntryKindSchema,
  kindLabel: z.string(),
  /** The grant this entry belongs to (a grant names itself). */
  lotId: idSchema,
  /** Signed: positive adds to the balance, negative takes from it. */
  amountCents: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  /** Grants: the last day the credit counts (inclusive), or null for never. */
  expiresOn: z.string().nullable(),
  /** Grants: what is left of them now; 0 once expired. */
  remainingCents: z.number().int().nullable(),
  expired: z.boolean(),
  invoiceId: idSchema.nullable(),
  paymentId: idSchema.nullable(),
  createdAt: z.string(),
  createdBy: idSchema.nullable(),
  createdByName: z.string().nullable(),
});
export type WalletEntry = z.infer<typeof walletEntrySchema>;

export const walletMoneySchema = z.object({
  balanceCents: z.number().int(),
  currency: z.string(),
  /** Newest first. */
  entries: z.array(walletEntrySchema),
});

/** Prepaid units of one service or product, per grant: each has its own remaining quantity and expiry. */
export const walletPrepaidItemSchema = z.object({
  lotId: idSchema,
  serviceId: idSchema.nullable(),
  productName: z.string().nullable(),
  /** What the wallet shows: the service's or product's name. */
  name: z.string(),
  purchased: z.number().int(),
  remaining: z.number().int(),
  expiresOn: z.string().nullable(),
  invoiceId: idSchema.nullable(),
  purchasedAt: z.string(),
});
export type WalletPrepaidItem = z.infer<typeof walletPrepaidItemSchema>;

/** `GET /api/v1/patients/:patientId/wallet` and `GET /api/v1/portal/wallet`. */
export const walletSchema = z.object({
  patientId: idSchema,
  currency: z.string(),
  /** Credits plus rewards that count today. */
  totalCents: z.number().int(),
  credits: walletMoneySchema,
  rewards: walletMoneySchema,
  /** Lots with units left that have not expired, soonest expiry first. */
  prepaid: z.array(walletPrepaidItemSchema),
  /** What the signed-in staff member may do (providers read only); false in the portal. */
  actions: z.object({ addCredit: z.boolean(), removeCredit: z.boolean() }),
});
export type Wallet = z.infer<typeof walletSchema>;

export const walletReasonSchema = z
  .string({ message: 'Give a reason.' })
  .trim()
  .min(1, { message: 'Give a reason.' })
  .max(500, { message: 'Keep the reason under 500 characters.' });

/** `POST /api/v1/patients/:patientId/wallet/credits` (Idempotency-Key accepted). */
export const addWalletCreditRequestSchema = z.strictObject({
  amountCents: positiveAmountCentsSchema,
  reason: walletReasonSchema,
  /** Last day the credit counts (the practice's local date); never expires without it. */
  expiresOn: localDateSchema.optional(),
  /** Credits or rewards; credits by default. */
  balance: walletMoneyBalanceSchema.optional(),
  /** Optional guard: refused unless it is the wallet's currency. */
  currency: currencyCodeSchema.optional(),
});
export type AddWalletCreditRequest = z.input<typeof addWalletCreditRequestSchema>;

/** `POST /api/v1/patients/:patientId/wallet/removals` (Idempotency-Key accepted): takes credit out, soonest expiry first. */
export const removeWalletCreditRequestSchema = z.strictObject({
  amountCents: positiveAmountCentsSchema,
  reason: walletReasonSchema,
  balance: walletMoneyBalanceSchema.optional(),
  currency: currencyCodeSchema.optional(),
});
export type RemoveWalletCreditRequest = z.input<typeof removeWalletCreditRequestSchema>;

export const walletChangeResponseSchema = z.object({ wallet: walletSchema, entries: z.array(walletEntrySchema) });
export type WalletChangeResponse = z.infer<typeof walletChangeResponseSchema>;

/** `GET /api/v1/wallet/settings`. */
export const walletSettingsSchema = z.object({
  currency: z.string(),
  /** Reward credited when an invoice is paid in full, per $100 paid (other than from the wallet). 0 = no rewards. */
  rewardCentsPer100Dollars: z.number().int(),
  /** How long a reward counts; null = it never expires. */
  rewardValidDays: z.number().int().nullable(),
  version: z.number().int(),
});
export type WalletSettings = z.infer<typeof walletSettingsSchema>;

export const updateWalletSettingsRequestSchema = z
  .strictObject({
    currency: currencyCodeSchema.optional(),
    rewardCentsPer100Dollars: z.number().int().min(0).max(10_000).optional(),
    rewardValidDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateWalletSettingsRequest = z.input<typeof updateWalletSettingsRequestSchema>;
