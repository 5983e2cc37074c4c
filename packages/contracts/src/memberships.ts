import { z } from 'zod';
import { idSchema, isoInstantSchema, localDateSchema } from './common.ts';
import { currencyCodeSchema, MAX_AMOUNT_CENTS, paymentStatusSchema } from './invoices.ts';
import { signPaperworkRequestSchema } from './portal-paperwork.ts';

const priceCentsSchema = z
  .number({ message: 'Must be a whole number of minor units (cents).' })
  .int({ message: 'Must be a whole number of minor units (cents).' })
  .min(1, { message: 'Must be at least 1 (amounts are in minor units, e.g. cents).' })
  .max(MAX_AMOUNT_CENTS, { message: `Must be at most ${MAX_AMOUNT_CENTS}.` });

const feeCentsSchema = z
  .number({ message: 'Must be a whole number of minor units (cents).' })
  .int({ message: 'Must be a whole number of minor units (cents).' })
  .min(0, { message: 'Must be 0 or more.' })
  .max(MAX_AMOUNT_CENTS, { message: `Must be at most ${MAX_AMOUNT_CENTS}.` });

export const billingIntervalSchema = z.enum(['month', 'year']);
export type BillingInterval = z.infer<typeof billingIntervalSchema>;

/** What a plan offers its members, as the plan's settings show them. */
export const membershipPerksSchema = z.strictObject({
  tierName: z.string().trim().min(1).max(60).optional(),
  tierColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: 'Must be a colour like #7B61FF.' })
    .optional(),
  /** Percent off the listed services and products at checkout. */
  discountPercent: z.number().int().min(1).max(100).optional(),
  discountServiceIds: z.array(idSchema).max(200).optional(),
  /** Products (checkout names them, case aside) the discount applies to. */
  discountProductNames: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  /** Dollar credit added to the wallet each period, in minor units. */
  creditCentsPerPeriod: feeCentsSchema.optional(),
  /** Prepaid units of services added to the wallet each period. */
  includedServices: z
    .array(z.strictObject({ serviceId: idSchema, unitsPerPeriod: z.number().int().min(1).max(100) }))
    .max(50)
    .optional(),
  /** Credit and units left at the next period: kept (roll over, the default) or lapsed (expire). */
  unusedCredit: z.enum(['roll_over', 'expire']).optional(),
});
export type MembershipPerks = z.infer<typeof membershipPerksSchema>;

const planFields = {
  name: z.string().trim().min(1, { message: 'Name the plan.' }).max(120),
  description: z.string().trim().max(2000).nullable().optional(),
  currency: currencyCodeSchema.optional(),
  monthlyPriceCents: priceCentsSchema.nullable().optional(),
  yearlyPriceCents: priceCentsSchema.nullable().optional(),
  signUpFeeCents: feeCentsSchema.optional(),
  minimumTermMonths: z.number().int().min(0).max(120).optional(),
  clinicIds: z.array(idSchema).min(1, { message: 'Choose at least one clinic where the plan is sold.' }).max(100),
  soldOnline: z.boolean(),
  agreementTemplateId: idSchema.nullable().optional(),
  perks: membershipPerksSchema.optional(),
};

export const createMembershipPlanSchema = z
  .strictObject(planFields)
  .refine((plan) => plan.monthlyPriceCents != null || plan.yearlyPriceCents != null, {
    message: 'Give the plan a monthly price, a yearly price or both.',
    path: ['monthlyPriceCents'],
  });
export type CreateMembershipPlanInput = z.infer<typeof createMembershipPlanSchema>;

export const updateMembershipPlanSchema = z
  .strictObject({
    ...planFields,
    /** false: Deactivate (no longer sold; existing members keep billing, perks and price); true: Reactivate. */
    active: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Send at least one field to change.', path: ['name'] });
export type UpdateMembershipPlanInput = z.infer<typeof updateMembershipPlanSchema>;

export const membershipPlanSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  monthlyPriceCents: z.number().int().nullable(),
  yearlyPriceCents: z.number().int().nullable(),
  signUpFeeCents: z.number().int(),
  minimumTermMonths: z.number().int(),
  clinicIds: z.array(idSchema),
  soldOnline: z.boolean(),
  agreementTemplateId: idSchema.nullable(),
  perks: membershipPerksSchema,
  activeMembers: z.number().int(),
  /** Whether the plan is sold; a deactivated plan keeps billing its existing members. */
  active: z.boolean(),
  deactivatedAt: isoInstantSchema.nullable(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
  version: z.number().int(),
});
export type MembershipPlan = z.infer<typeof membershipPlanSchema>;
export const membershipPlanListSchema = z.object({ items: z.array(membershipPlanSchema) });

export const couponCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9_-]{3,40}$/, { message: 'Must be 3 to 40 letters, digits, - or _.' }));

export const couponDurationSchema = z.enum(['once', 'repeating', 'forever']);

export const createCouponSchema = z
  .strictObject({
    code: couponCodeSchema,
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOffCents: priceCentsSchema.optional(),
    /** once: the first payment; repeating: the first `durationPayments` payments; forever: every payment. */
    duration: couponDurationSchema,
    durationPayments: z.number().int().min(1).max(120).optional(),
    maxRedemptions: z.number().int().min(1).max(1_000_000).optional(),
    validFrom: localDateSchema.optional(),
    validUntil: localDateSchema.optional(),
    /** The plans it applies to; empty or left out: every plan. */
    planIds: z.array(idSchema).max(100).optional(),
  })
  .superRefine((coupon, context) => {
    if ((coupon.percentOff === undefined) === (coupon.amountOffCents === undefined)) {
      context.addIssue({ code: 'custom', message: 'Give either percentOff or amountOffCents.', path: ['percentOff'] });
    }
    if ((coupon.duration === 'repeating') !== (coupon.durationPayments !== undefined)) {
      context.addIssue({
        code: 'custom',
        message: 'durationPayments goes with duration "repeating", and only with it.',
        path: ['durationPayments'],
      });
    }
    if (coupon.validFrom && coupon.validUntil && coupon.validUntil < coupon.validFrom) {
      context.addIssue({ code: 'custom', message: 'Must be on or after validFrom.', path: ['validUntil'] });
    }
  });
export type CreateCouponInput = z.infer<typeof createCouponSchema>;

export const couponSchema = z.object({
  id: idSchema,
  code: z.string(),
  percentOff: z.number().int().nullable(),
  amountOffCents: z.number().int().nullable(),
  duration: couponDurationSchema,
  durationPayments: z.number().int().nullable(),
  maxRedemptions: z.number().int().nullable(),
  redemptions: z.number().int(),
  validFrom: localDateSchema.nullable(),
  validUntil: localDateSchema.nullable(),
  planIds: z.array(idSchema),
  /** Whether enrolment accepts the code; members who redeemed it keep their discount either way. */
  active: z.boolean(),
  deactivatedAt: isoInstantSchema.nullable(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
  version: z.number().int(),
});
export type Coupon = z.infer<typeof couponSchema>;

/**
 * `PATCH /api/v1/coupons/:couponId` (If-Match optional): what may change after redemptions.
 * The code, discount and duration never change once created.
 */
export const updateCouponSchema = z
  .strictObject({
    validFrom: localDateSchema.nullable(),
    validUntil: localDateSchema.nullable(),
    /** null: no limit; never below the redemptions so far. */
    maxRedemptions: z.number().int().min(1, { message: 'Must be at least 1.' }).max(1_000_000).nullable(),
    /** The plans it applies to; empty: every plan. */
    planIds: z.array(idSchema).max(100),
    /** false: Deactivate (refused at enrolment); true: Reactivate. */
    active: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Send at least one field to change.', path: ['active'] })
  .refine((patch) => !patch.validFrom || !patch.validUntil || patch.validUntil >= patch.validFrom, {
    message: 'Must be on or after the valid-from date.',
    path: ['validUntil'],
  });
export type UpdateCouponInput = z.infer<typeof updateCouponSchema>;
export const couponListSchema = z.object({ items: z.array(couponSchema) });

export const enrolMembershipSchema = z.strictObject({
  planId: idSchema,
  interval: billingIntervalSchema,
  /** The day of the month (or, yearly, of drawMonth) the fee is charged; 29–31 bill a short month's last day. */
  drawDay: z.number().int().min(1, { message: 'Must be a day from 1 to 31.' }).max(31, { message: 'Must be a day from 1 to 31.' }),
  /** Yearly plans: the month of the draw (1–12); the enrolment month by default. */
  drawMonth: z.number().int().min(1).max(12).optional(),
  paymentMethodId: idSchema,
  couponCode: couponCodeSchema.optional(),
  /** The clinic the membership belongs to (its time zone sets the draw day); needed when the plan is sold at several. */
  clinicId: idSchema.optional(),
  /** The signed consent (a paperwork assignment of the plan's agreement template) when the plan has an agreement. */
  agreementAssignmentId: idSchema.optional(),
});
export type EnrolMembershipInput = z.infer<typeof enrolMembershipSchema>;

export const membershipStatusSchema = z.enum(['active', 'past_due', 'suspended', 'on_hold', 'cancelled']);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;
export const membershipStatusLabels: Record<MembershipStatus, string> = {
  active: 'Active',
  past_due: 'Past Due',
  suspended: 'Suspended',
  on_hold: 'On Hold',
  cancelled: 'Cancelled',
};

export const membershipPeriodStatusSchema = z.enum(['charging', 'paid', 'retrying', 'failed', 'attention', 'held']);

export const membershipSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  patientName: z.string(),
  planId: idSchema,
  planName: z.string(),
  clinicId: idSchema,
  status: membershipStatusSchema,
  interval: billingIntervalSchema,
  priceCents: z.number().int(),
  currency: z.string(),
  /** The price per month, as monthly recurring revenue counts it (a yearly price over 12, rounded). */
  monthlyRecurringCents: z.number().int(),
  drawDay: z.number().int(),
  drawMonth: z.number().int().nullable(),
  enrolledOn: localDateSchema,
  /** The next day a payment is due; null when nothing will be charged (cancelled, suspended, on hold indefinitely). */
  nextDrawDate: localDateSchema.nullable(),
  minimumTerm: z.object({ months: z.number().int(), endsOn: localDateSchema, paymentsRemaining: z.number().int() }),
  heldUntil: localDateSchema.nullable(),
  cancelsOn: localDateSchema.nullable(),
  cancelledAt: isoInstantSchema.nullable(),
  paymentMethod: z.object({ id: idSchema, brand: z.string(), last4: z.string() }),
  coupon: z
    .object({
      code: z.string(),
      percentOff: z.number().int().nullable(),
      amountOffCents: z.number().int().nullable(),
      payments: z.number().int().nullable(),
    })
    .nullable(),
  /** A period whose charge the gateway did not confirm: resolve it from Sales (paying the invoice asks the gateway under the same key). */
  needsAttention: z.boolean(),
  createdAt: isoInstantSchema,
  version: z.number().int(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const membershipPeriodSchema = z.object({
  number: z.number().int(),
  drawDate: localDateSchema,
  status: membershipPeriodStatusSchema,
  amountCents: z.number().int(),
  invoiceId: idSchema.nullable(),
  failedAttempts: z.number().int(),
  nextRetryOn: localDateSchema.nullable(),
  payments: z.array(
    z.object({
      id: idSchema,
      attempt: z.number().int(),
      status: paymentStatusSchema,
      amountCents: z.number().int(),
      failureCode: z.string().nullable(),
      createdAt: isoInstantSchema,
    }),
  ),
});
export type MembershipPeriod = z.infer<typeof membershipPeriodSchema>;

export const membershipDetailSchema = membershipSchema.extend({ periods: z.array(membershipPeriodSchema) });
export type MembershipDetail = z.infer<typeof membershipDetailSchema>;

export const membershipListQuerySchema = z.strictObject({
  status: membershipStatusSchema.optional(),
  planId: idSchema.optional(),
  patientId: idSchema.optional(),
});

export const membershipListSchema = z.object({
  items: z.array(membershipSchema),
  /** Active and past-due members' monthly price, summed per currency. */
  monthlyRecurringRevenue: z.array(z.object({ currency: z.string(), amountCents: z.number().int() })),
});

export const holdMembershipSchema = z.strictObject({
  /** Draws before this date are skipped; left out or null: until resumed. */
  until: localDateSchema.nullable().optional(),
});
export const cancelMembershipSchema = z.strictObject({ when: z.enum(['now', 'period_end']) });
export const changeMembershipCardSchema = z.strictObject({ paymentMethodId: idSchema });

/** How the practice handles failed membership payments. */
export const membershipSettingsSchema = z.strictObject({
  /** Days after the draw date on which a declined payment is tried again (ascending); after the last, the member is suspended. */
  retryAfterDays: z
    .array(z.number().int().min(1).max(60))
    .max(5)
    .refine((days) => days.every((day, index) => index === 0 || day > (days[index - 1] ?? 0)), {
      message: 'List the days in ascending order, each once.',
    }),
  /** Whether a Past Due member keeps the plan's checkout discount (false unless set; left out: unchanged). */
  perksWhilePastDue: z.boolean().optional(),
});
export type MembershipSettings = z.infer<typeof membershipSettingsSchema>;

/** A plan as the portal's Become A Member shows it. */
export const portalMembershipPlanSchema = membershipPlanSchema.pick({
  id: true,
  name: true,
  description: true,
  currency: true,
  monthlyPriceCents: true,
  yearlyPriceCents: true,
  signUpFeeCents: true,
  minimumTermMonths: true,
  agreementTemplateId: true,
  perks: true,
});
export type PortalMembershipPlan = z.infer<typeof portalMembershipPlanSchema>;

/** Prepare a plan's agreement for a client to sign (or find the copy already sent or signed). */
export const membershipAgreementRequestSchema = z.strictObject({ planId: idSchema });

/** Staff prepare a client's copy: to sign on the spot, or Send To Portal (the client is emailed once per copy). */
export const prepareMembershipAgreementSchema = membershipAgreementRequestSchema.extend({ sendToPortal: z.boolean().optional() });

/** A plan's agreement as the client reads and signs it within enrolment. */
export const membershipAgreementSchema = z.object({
  /** Pass as the enrolment's `agreementAssignmentId` once signed. */
  assignmentId: idSchema,
  planId: idSchema,
  name: z.string(),
  body: z.string(),
  format: z.enum(['plain', 'markdown']),
  templateVersion: z.number().int(),
  status: z.enum(['not_signed', 'witness_signature_required', 'signed']),
  requiresWitnessSignature: z.boolean(),
  sentAt: isoInstantSchema,
  signedAt: isoInstantSchema.nullable(),
  signerName: z.string().nullable(),
});
export type MembershipAgreement = z.infer<typeof membershipAgreementSchema>;

/** The client signs the plan's agreement (a drawn PNG and their typed name) within enrolment. */
export const signMembershipAgreementSchema = signPaperworkRequestSchema.extend({ planId: idSchema, assignmentId: idSchema });
export type SignMembershipAgreementInput = z.input<typeof signMembershipAgreementSchema>;

/** `GET …/membership-agreement?planId=`: the copy enrolment would use, or null. */
export const membershipAgreementLookupSchema = z.object({ agreement: membershipAgreementSchema.nullable() });

/** `GET /api/v1/portal/membership-plans`. */
export const portalMembershipPlanListSchema = z.object({ items: z.array(portalMembershipPlanSchema) });

/** `GET /api/v1/portal/memberships`. */
export const portalMembershipListSchema = z.object({ items: z.array(membershipSchema) });

/** `POST /api/v1/membership-plans/:planId/migrate-price` (owner only): members moved to the plan's current price. */
export const membershipPriceMigrationSchema = z.object({
  planId: idSchema,
  /** Members whose price changes from their next period. */
  migrated: z.number().int(),
  /** Members left as they are: already at the price, no price for their interval, or cancelling at period end. */
  unchanged: z.number().int(),
  members: z.array(
    z.object({
      membershipId: idSchema,
      patientId: idSchema,
      interval: billingIntervalSchema,
      oldPriceCents: z.number().int(),
      newPriceCents: z.number().int(),
      /** The draw date of the first payment at the new price. */
      effectiveOn: localDateSchema,
      /** Whether the member was emailed (false: the client has no email address). */
      noticeSent: z.boolean(),
    }),
  ),
});
export type MembershipPriceMigration = z.infer<typeof membershipPriceMigrationSchema>;
