import type { BillingInterval, MembershipPerks } from '@glowdesk/contracts';
import { boolean, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0033 (docs/decisions/030). */
export const membershipPlans = pgTable(
  'membership_plans',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    currency: text('currency').notNull(),
    monthlyPriceCents: integer('monthly_price_cents'),
    yearlyPriceCents: integer('yearly_price_cents'),
    signUpFeeCents: integer('sign_up_fee_cents').notNull(),
    minimumTermMonths: integer('minimum_term_months').notNull(),
    soldOnline: boolean('sold_online').notNull(),
    agreementTemplateId: uuid('agreement_template_id'),
    perks: jsonb('perks').$type<MembershipPerks>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    /** Migration 0049: when the plan stopped being sold (null: sold). */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const membershipPlanClinics = pgTable(
  'membership_plan_clinics',
  {
    practiceId: uuid('practice_id').notNull(),
    planId: uuid('plan_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.planId, table.clinicId] })],
);

export type CouponDuration = 'once' | 'repeating' | 'forever';

export const membershipCoupons = pgTable(
  'membership_coupons',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    percentOff: integer('percent_off'),
    amountOffCents: integer('amount_off_cents'),
    duration: text('duration').$type<CouponDuration>().notNull(),
    durationPayments: integer('duration_payments'),
    maxRedemptions: integer('max_redemptions'),
    redemptions: integer('redemptions').notNull().default(0),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    /** Migration 0049: when the coupon stopped being accepted (null: accepted), and edits. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const membershipCouponPlans = pgTable(
  'membership_coupon_plans',
  {
    practiceId: uuid('practice_id').notNull(),
    couponId: uuid('coupon_id').notNull(),
    planId: uuid('plan_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.couponId, table.planId] })],
);

export const membershipSettings = pgTable('membership_settings', {
  practiceId: uuid('practice_id').primaryKey(),
  retryAfterDays: integer('retry_after_days').array().notNull(),
  /** Migration 0037: whether a Past Due member keeps the plan's checkout discount. */
  perksWhilePastDue: boolean('perks_while_past_due').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Every state a membership row can hold; `enrolling` and `declined` are never shown as members. */
export type MembershipRowStatus = 'enrolling' | 'declined' | 'active' | 'past_due' | 'suspended' | 'on_hold' | 'cancelled';

export const memberships = pgTable(
  'memberships',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    patientId: uuid('patient_id').notNull(),
    planId: uuid('plan_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
    status: text('status').$type<MembershipRowStatus>().notNull(),
    interval: text('billing_interval').$type<BillingInterval>().notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
    drawDay: smallint('draw_day').notNull(),
    drawMonth: smallint('draw_month').notNull(),
    firstDrawMonth: text('first_draw_month').notNull(),
    enrolledOn: date('enrolled_on', { mode: 'string' }).notNull(),
    minimumTermEndsOn: date('minimum_term_ends_on', { mode: 'string' }).notNull(),
    paymentMethodId: uuid('payment_method_id').notNull(),
    couponId: uuid('coupon_id'),
    discountPercent: integer('discount_percent'),
    discountAmountCents: integer('discount_amount_cents'),
    discountPayments: integer('discount_payments'),
    agreementAssignmentId: uuid('agreement_assignment_id'),
    nextPeriod: integer('next_period').notNull(),
    nextDrawOn: date('next_draw_on', { mode: 'string' }).notNull(),
    nextChargeAt: timestamp('next_charge_at', { withTimezone: true }),
    billingLeaseUntil: timestamp('billing_lease_until', { withTimezone: true }),
    heldUntil: date('held_until', { mode: 'string' }),
    cancelsOn: date('cancels_on', { mode: 'string' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    enrolledBy: uuid('enrolled_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export type MembershipPeriodStatus = 'charging' | 'paid' | 'retrying' | 'failed' | 'attention' | 'held';

export const membershipPeriods = pgTable(
  'membership_periods',
  {
    practiceId: uuid('practice_id').notNull(),
    membershipId: uuid('membership_id').notNull(),
    number: integer('number').notNull(),
    drawDate: date('draw_date', { mode: 'string' }).notNull(),
    status: text('status').$type<MembershipPeriodStatus>().notNull(),
    invoiceId: uuid('invoice_id'),
    amountCents: integer('amount_cents').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    nextRetryOn: date('next_retry_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.membershipId, table.number] })],
);

/** Migration 0037: an owner's move of a member to the plan's current price, with the notice sent. */
export const membershipPriceChanges = pgTable(
  'membership_price_changes',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    membershipId: uuid('membership_id').notNull(),
    planId: uuid('plan_id').notNull(),
    oldPriceCents: integer('old_price_cents').notNull(),
    newPriceCents: integer('new_price_cents').notNull(),
    effectivePeriod: integer('effective_period').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    changedBy: uuid('changed_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
