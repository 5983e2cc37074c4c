import type { MembershipPlan } from '@glowdesk/contracts';
import { MultiSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { CouponEditField, CouponEditValues } from '../coupon-form-values.ts';

/** A plan's name in a coupon's plan choice, marked when it is no longer sold. */
function planOptionLabel(plan: MembershipPlan): string {
  return plan.active ? plan.name : `${plan.name} (inactive)`;
}

/**
 * What a coupon reaches, in the forms that add and edit one: when it can be used, how often, and
 * for which plans (none chosen: every plan).
 */
export function CouponReachFields({
  values,
  errors,
  onChange,
  plans,
  redemptionsSoFar,
  autoFocus = false,
}: {
  values: CouponEditValues;
  errors: Partial<Record<CouponEditField, string>>;
  onChange: <F extends CouponEditField>(field: F, value: CouponEditValues[F]) => void;
  plans: readonly MembershipPlan[];
  /** An existing coupon's use so far, said beside its limit. */
  redemptionsSoFar?: number;
  /** Focus the first field when the form opens (the edit form, whose other fields are fixed). */
  autoFocus?: boolean;
}) {
  const used = redemptionsSoFar === undefined ? '' : `Used ${redemptionsSoFar === 1 ? 'once' : `${redemptionsSoFar} times`} so far. `;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Valid from"
          description="Leave empty to start at once."
          type="date"
          data-autofocus={autoFocus || undefined}
          value={values.validFrom}
          onChange={(event) => onChange('validFrom', event.currentTarget.value)}
          error={errors.validFrom}
        />
        <TextInput
          label="Valid until"
          description="The last day it can be used; empty for no end."
          type="date"
          value={values.validUntil}
          onChange={(event) => onChange('validUntil', event.currentTarget.value)}
          error={errors.validUntil}
        />
        <TextInput
          label="Most redemptions"
          description={`${used}Leave empty for no limit.`}
          inputMode="numeric"
          value={values.maxRedemptions}
          onChange={(event) => onChange('maxRedemptions', event.currentTarget.value)}
          error={errors.maxRedemptions}
        />
      </SimpleGrid>
      <MultiSelect
        label="Plans"
        description="Leave empty for every plan."
        placeholder={values.planIds.length === 0 ? 'Every plan' : undefined}
        data={plans.map((plan) => ({ value: plan.id, label: planOptionLabel(plan) }))}
        value={values.planIds}
        onChange={(planIds) => onChange('planIds', planIds)}
        error={errors.planIds}
        searchable
        hidePickedOptions
      />
    </>
  );
}
