import { createCouponSchema, updateCouponSchema, type Coupon, type CreateCouponInput, type UpdateCouponInput } from '@glowdesk/contracts';
import { parseAmount } from '../../shared/format/money.ts';
import { fieldErrorsFromIssues, type FieldErrors } from '../practice-setup/form-errors.ts';

export const couponFields = [
  'code',
  'percentOff',
  'amountOffCents',
  'duration',
  'durationPayments',
  'maxRedemptions',
  'validFrom',
  'validUntil',
  'planIds',
] as const;
export type CouponField = (typeof couponFields)[number];

export interface CouponFormValues {
  code: string;
  kind: 'percent' | 'amount';
  /** "20" (percent) or "10.00" (amount), as typed. */
  value: string;
  duration: Coupon['duration'];
  durationPayments: string;
  maxRedemptions: string;
  validFrom: string;
  validUntil: string;
  planIds: string[];
}

export const emptyCouponValues: CouponFormValues = {
  code: '',
  kind: 'percent',
  value: '',
  duration: 'once',
  durationPayments: '',
  maxRedemptions: '',
  validFrom: '',
  validUntil: '',
  planIds: [],
};

function readWhole(text: string): { value?: number; problem?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  return /^\d+$/.test(trimmed) ? { value: Number(trimmed) } : { problem: 'Use a whole number.' };
}

export type CouponRequestResult = { ok: true; coupon: CreateCouponInput } | { ok: false; errors: FieldErrors<CouponField> };

/** The form as a create request, checked by the contract's own schema; or a message per field. */
export function couponRequestOf(values: CouponFormValues, currency: string): CouponRequestResult {
  const errors: FieldErrors<CouponField> = {};
  const valueField = values.kind === 'percent' ? 'percentOff' : 'amountOffCents';
  let off: number | undefined;
  if (values.kind === 'percent') {
    const percent = readWhole(values.value);
    if (percent.problem) errors.percentOff = percent.problem;
    else if (percent.value === undefined) errors.percentOff = 'Enter the percent off.';
    else if (percent.value < 1 || percent.value > 100) errors.percentOff = 'Use a percent from 1 to 100.';
    else off = percent.value;
  } else {
    const amount = parseAmount(values.value, currency);
    if (amount.status === 'blank') errors.amountOffCents = 'Enter the amount off.';
    else if (amount.status === 'invalid') errors.amountOffCents = amount.message;
    else if (amount.amountCents <= 0) errors.amountOffCents = 'Enter an amount above zero.';
    else off = amount.amountCents;
  }
  const payments = readWhole(values.durationPayments);
  if (values.duration === 'repeating') {
    if (payments.problem) errors.durationPayments = payments.problem;
    else if (payments.value === undefined || payments.value < 1) errors.durationPayments = 'Enter how many payments, 1 or more.';
  }
  const redemptions = readWhole(values.maxRedemptions);
  if (redemptions.problem) errors.maxRedemptions = redemptions.problem;
  if (values.validFrom && values.validUntil && values.validUntil < values.validFrom) {
    errors.validUntil = 'Must be on or after the first day it is valid.';
  }
  const parsed = createCouponSchema.safeParse({
    code: values.code,
    [valueField]: off ?? 1,
    duration: values.duration,
    ...(values.duration === 'repeating' && payments.value !== undefined ? { durationPayments: payments.value } : {}),
    ...(redemptions.value !== undefined ? { maxRedemptions: redemptions.value } : {}),
    ...(values.validFrom ? { validFrom: values.validFrom } : {}),
    ...(values.validUntil ? { validUntil: values.validUntil } : {}),
    planIds: values.planIds,
  });
  if (!parsed.success) {
    const fromSchema = fieldErrorsFromIssues(parsed.error.issues, couponFields);
    for (const field of couponFields) if (errors[field] === undefined && fromSchema[field]) errors[field] = fromSchema[field];
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, coupon: parsed.data };
}

/** What may change on a coupon after it is made (its code, discount and duration never do). */
export const couponEditFields = ['validFrom', 'validUntil', 'maxRedemptions', 'planIds'] as const;
export type CouponEditField = (typeof couponEditFields)[number];

export interface CouponEditValues {
  /** As typed; empty for no limit. */
  maxRedemptions: string;
  validFrom: string;
  validUntil: string;
  planIds: string[];
}

export function couponEditValuesOf(coupon: Coupon): CouponEditValues {
  return {
    maxRedemptions: coupon.maxRedemptions === null ? '' : String(coupon.maxRedemptions),
    validFrom: coupon.validFrom ?? '',
    validUntil: coupon.validUntil ?? '',
    planIds: [...coupon.planIds],
  };
}

export type CouponChangesResult = { ok: true; changes: UpdateCouponInput } | { ok: false; errors: FieldErrors<CouponEditField> };

function samePlans(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((planId, index) => planId === [...b].sort()[index]);
}

/**
 * The edit form as a PATCH of the fields that changed (empty: nothing to save), checked by the
 * contract's own schema; or a message per field. The limit cannot go below the redemptions so far.
 */
export function couponChangesOf(values: CouponEditValues, coupon: Coupon): CouponChangesResult {
  const errors: FieldErrors<CouponEditField> = {};
  const limit = readWhole(values.maxRedemptions);
  if (limit.problem) errors.maxRedemptions = limit.problem;
  else if (limit.value !== undefined && limit.value < 1) errors.maxRedemptions = 'Use 1 or more, or leave empty for no limit.';
  else if (limit.value !== undefined && limit.value < coupon.redemptions) {
    errors.maxRedemptions = `Already used ${coupon.redemptions} times: the limit cannot go below ${coupon.redemptions}.`;
  }
  if (values.validFrom && values.validUntil && values.validUntil < values.validFrom) {
    errors.validUntil = 'Must be on or after the first day it is valid.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const maxRedemptions = limit.value ?? null;
  const validFrom = values.validFrom || null;
  const validUntil = values.validUntil || null;
  const changes = {
    ...(maxRedemptions !== coupon.maxRedemptions ? { maxRedemptions } : {}),
    ...(validFrom !== coupon.validFrom ? { validFrom } : {}),
    ...(validUntil !== coupon.validUntil ? { validUntil } : {}),
    ...(samePlans(values.planIds, coupon.planIds) ? {} : { planIds: values.planIds }),
  };
  if (Object.keys(changes).length === 0) return { ok: true, changes };
  const parsed = updateCouponSchema.safeParse(changes);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues, couponEditFields) };
  return { ok: true, changes: parsed.data };
}

/** "20% off" or "$10.00 off", then for how long: "the first payment", "3 payments", "every payment". */
export function describeCouponOffer(coupon: Coupon, formatAmount: (cents: number) => string): { off: string; duration: string } {
  const off = coupon.percentOff !== null ? `${coupon.percentOff}% off` : `${formatAmount(coupon.amountOffCents ?? 0)} off`;
  const duration =
    coupon.duration === 'once'
      ? 'First payment'
      : coupon.duration === 'forever'
        ? 'Every payment'
        : `First ${coupon.durationPayments ?? 0} payments`;
  return { off, duration };
}
