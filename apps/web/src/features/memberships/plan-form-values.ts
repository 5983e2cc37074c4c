import {
  createMembershipPlanSchema,
  type CreateMembershipPlanInput,
  type MembershipPerks,
  type MembershipPlan,
  type UpdateMembershipPlanInput,
} from '@glowdesk/contracts';
import { formatAmountForInput, parseAmount } from '../../shared/format/money.ts';
import { fieldErrorsFromIssues, type FieldErrors } from '../practice-setup/form-errors.ts';

/** The plan form's fields, named as the API names them so the server's messages land on them. */
export const planFields = [
  'name',
  'description',
  'monthlyPriceCents',
  'yearlyPriceCents',
  'signUpFeeCents',
  'minimumTermMonths',
  'clinicIds',
  'soldOnline',
  'agreementTemplateId',
  'perks',
] as const;
export type PlanField = (typeof planFields)[number];

/** Money is typed as text ("99.00") and read digit by digit; numbers of months and percents as text too. */
export interface PlanFormValues {
  name: string;
  description: string;
  monthlyPrice: string;
  yearlyPrice: string;
  signUpFee: string;
  minimumTermMonths: string;
  clinicIds: string[];
  soldOnline: boolean;
  agreementTemplateId: string | null;
  tierName: string;
  tierColor: string;
  discountPercent: string;
  discountServiceIds: string[];
  creditPerPeriod: string;
  unusedCredit: 'roll_over' | 'expire';
}

export function planFormValuesOf(plan: MembershipPlan | null, defaultClinicIds: string[]): PlanFormValues {
  if (!plan) {
    return {
      name: '',
      description: '',
      monthlyPrice: '',
      yearlyPrice: '',
      signUpFee: '',
      minimumTermMonths: '0',
      clinicIds: defaultClinicIds,
      soldOnline: true,
      agreementTemplateId: null,
      tierName: '',
      tierColor: '',
      discountPercent: '',
      discountServiceIds: [],
      creditPerPeriod: '',
      unusedCredit: 'expire',
    };
  }
  const money = (cents: number | null | undefined) => (cents == null ? '' : formatAmountForInput(cents, plan.currency));
  return {
    name: plan.name,
    description: plan.description ?? '',
    monthlyPrice: money(plan.monthlyPriceCents),
    yearlyPrice: money(plan.yearlyPriceCents),
    signUpFee: plan.signUpFeeCents === 0 ? '' : money(plan.signUpFeeCents),
    minimumTermMonths: String(plan.minimumTermMonths),
    clinicIds: plan.clinicIds,
    soldOnline: plan.soldOnline,
    agreementTemplateId: plan.agreementTemplateId,
    tierName: plan.perks.tierName ?? '',
    tierColor: plan.perks.tierColor ?? '',
    discountPercent: plan.perks.discountPercent === undefined ? '' : String(plan.perks.discountPercent),
    discountServiceIds: plan.perks.discountServiceIds ?? [],
    creditPerPeriod: money(plan.perks.creditCentsPerPeriod),
    unusedCredit: plan.perks.unusedCredit ?? 'expire',
  };
}

type Amount = { cents: number | undefined; problem?: string };

function readAmount(text: string, currency: string, blankMeans: 'none' | 'zero'): Amount {
  const parsed = parseAmount(text, currency);
  if (parsed.status === 'blank') return { cents: blankMeans === 'zero' ? 0 : undefined };
  if (parsed.status === 'invalid') return { cents: undefined, problem: parsed.message };
  return { cents: parsed.amountCents };
}

function readWhole(text: string): { value: number | undefined; problem?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  if (!/^\d+$/.test(trimmed)) return { value: undefined, problem: 'Use a whole number.' };
  return { value: Number(trimmed) };
}

/** The perks as the API takes them; only what the practice filled in. */
function perksOf(values: PlanFormValues, currency: string): { perks: MembershipPerks; problems: string[] } {
  const perks: MembershipPerks = {};
  const problems: string[] = [];
  if (values.tierName.trim()) perks.tierName = values.tierName.trim();
  if (values.tierColor.trim()) perks.tierColor = values.tierColor.trim();
  const percent = readWhole(values.discountPercent);
  if (percent.problem) problems.push(`Discount: ${percent.problem}`);
  else if (percent.value !== undefined) {
    if (percent.value < 1 || percent.value > 100) problems.push('Discount: use a percent from 1 to 100.');
    perks.discountPercent = percent.value;
    perks.discountServiceIds = values.discountServiceIds;
  }
  const credit = readAmount(values.creditPerPeriod, currency, 'none');
  if (credit.problem) problems.push(`Wallet credit: ${credit.problem}`);
  else if (credit.cents !== undefined && credit.cents > 0) {
    perks.creditCentsPerPeriod = credit.cents;
    perks.unusedCredit = values.unusedCredit;
  }
  return { perks, problems };
}

export type PlanRequestResult = { ok: true; plan: CreateMembershipPlanInput } | { ok: false; errors: FieldErrors<PlanField> };

/** The form as a create request, checked by the contract's own schema; or a message per field. */
export function planRequestOf(values: PlanFormValues, currency: string): PlanRequestResult {
  const errors: FieldErrors<PlanField> = {};
  const monthly = readAmount(values.monthlyPrice, currency, 'none');
  const yearly = readAmount(values.yearlyPrice, currency, 'none');
  const fee = readAmount(values.signUpFee, currency, 'zero');
  const term = readWhole(values.minimumTermMonths);
  const { perks, problems } = perksOf(values, currency);
  if (monthly.problem) errors.monthlyPriceCents = monthly.problem;
  if (yearly.problem) errors.yearlyPriceCents = yearly.problem;
  if (fee.problem) errors.signUpFeeCents = fee.problem;
  if (term.problem) errors.minimumTermMonths = term.problem;
  if (problems.length > 0) errors.perks = problems.join(' ');
  const parsed = createMembershipPlanSchema.safeParse({
    name: values.name,
    description: values.description.trim() === '' ? null : values.description.trim(),
    currency,
    monthlyPriceCents: monthly.cents ?? null,
    yearlyPriceCents: yearly.cents ?? null,
    signUpFeeCents: fee.cents ?? 0,
    minimumTermMonths: term.value ?? 0,
    clinicIds: values.clinicIds,
    soldOnline: values.soldOnline,
    agreementTemplateId: values.agreementTemplateId,
    perks,
  });
  if (!parsed.success) {
    const fromSchema = fieldErrorsFromIssues(parsed.error.issues, planFields);
    for (const field of planFields) if (errors[field] === undefined && fromSchema[field]) errors[field] = fromSchema[field];
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, plan: parsed.data };
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return [...(a ?? [])].sort().join() === [...(b ?? [])].sort().join();
}

function samePerks(a: MembershipPerks, b: MembershipPerks): boolean {
  return (
    a.tierName === b.tierName &&
    a.tierColor === b.tierColor &&
    a.discountPercent === b.discountPercent &&
    sameList(a.discountServiceIds, b.discountServiceIds) &&
    a.creditCentsPerPeriod === b.creditCentsPerPeriod &&
    a.unusedCredit === b.unusedCredit
  );
}

/** Only what changed, so an edit never rewrites fields it did not touch. */
export function planChangesOf(plan: MembershipPlan, request: CreateMembershipPlanInput): UpdateMembershipPlanInput {
  const changes: UpdateMembershipPlanInput = {};
  if (request.name !== plan.name) changes.name = request.name;
  if ((request.description ?? null) !== plan.description) changes.description = request.description ?? null;
  if ((request.monthlyPriceCents ?? null) !== plan.monthlyPriceCents) changes.monthlyPriceCents = request.monthlyPriceCents ?? null;
  if ((request.yearlyPriceCents ?? null) !== plan.yearlyPriceCents) changes.yearlyPriceCents = request.yearlyPriceCents ?? null;
  if ((request.signUpFeeCents ?? 0) !== plan.signUpFeeCents) changes.signUpFeeCents = request.signUpFeeCents ?? 0;
  if ((request.minimumTermMonths ?? 0) !== plan.minimumTermMonths) changes.minimumTermMonths = request.minimumTermMonths ?? 0;
  if (!sameList(request.clinicIds, plan.clinicIds)) changes.clinicIds = request.clinicIds;
  if (request.soldOnline !== plan.soldOnline) changes.soldOnline = request.soldOnline;
  if ((request.agreementTemplateId ?? null) !== plan.agreementTemplateId) changes.agreementTemplateId = request.agreementTemplateId ?? null;
  if (!samePerks(request.perks ?? {}, plan.perks)) changes.perks = request.perks ?? {};
  return changes;
}

/** "Price changed" matters: existing members keep what they enrolled at. */
export function changesPrice(changes: UpdateMembershipPlanInput): boolean {
  return changes.monthlyPriceCents !== undefined || changes.yearlyPriceCents !== undefined || changes.signUpFeeCents !== undefined;
}
