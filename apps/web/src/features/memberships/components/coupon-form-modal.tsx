import type { MembershipPlan } from '@glowdesk/contracts';
import { Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { fieldErrorsFromProblem, unplacedSaveProblem } from '../../practice-setup/form-errors.ts';
import { FormProblemAlert } from '../../practice-setup/components/shared/form-problem-alert.tsx';
import { useFieldErrors } from '../../practice-setup/components/shared/use-field-errors.ts';
import { useCreateCoupon } from '../api/create-coupon.ts';
import {
  couponFields,
  couponRequestOf,
  emptyCouponValues,
  type CouponEditField,
  type CouponField,
  type CouponFormValues,
} from '../coupon-form-values.ts';
import { CouponReachFields } from './coupon-reach-fields.tsx';

const DEFAULT_CURRENCY = 'USD';

const durationOptions = [
  { value: 'once', label: 'The first payment' },
  { value: 'repeating', label: 'A number of payments' },
  { value: 'forever', label: 'Every payment' },
];

/** A new coupon code for membership plans; a code cannot be edited once clients may have used it. */
export function CouponFormModal({ opened, plans, onClose }: { opened: boolean; plans: readonly MembershipPlan[]; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add coupon" size="lg">
      {opened && <CouponForm plans={plans} onClose={onClose} />}
    </Modal>
  );
}

function CouponForm({ plans, onClose }: { plans: readonly MembershipPlan[]; onClose: () => void }) {
  const [values, setValues] = useState<CouponFormValues>(emptyCouponValues);
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<CouponField>();
  const create = useCreateCoupon();
  const currency = DEFAULT_CURRENCY;

  function set<F extends keyof CouponFormValues>(field: F, value: CouponFormValues[F], errorField: CouponField) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [errorField]: undefined }));
  }

  function setReach(field: CouponEditField, value: string | string[]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = couponRequestOf(values, currency);
    if (!result.ok) return showErrors(result.errors);
    create.mutate(result.coupon, {
      onSuccess: (created) => {
        notifications.show({ color: 'lagoon', title: 'Coupon added', message: `${created.code} can be used when enrolling.` });
        onClose();
      },
      onError: (error) => {
        if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, couponFields));
      },
    });
  }

  const valueField = values.kind === 'percent' ? 'percentOff' : 'amountOffCents';
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(create.error, couponFields, 'coupon')} />
        <TextInput
          label="Code"
          description="What the client or the front desk types: letters, digits, - or _."
          required
          data-autofocus
          placeholder="e.g. SPRING20"
          value={values.code}
          onChange={(event) => set('code', event.currentTarget.value.toUpperCase(), 'code')}
          error={errors.code}
        />
        <div>
          <Text size="sm" fw={500} id="coupon-kind-label">
            Discount
          </Text>
          <SegmentedControl
            mt={4}
            aria-labelledby="coupon-kind-label"
            data={[
              { value: 'percent', label: 'Percent off' },
              { value: 'amount', label: 'Amount off' },
            ]}
            value={values.kind}
            onChange={(kind) => set('kind', kind === 'amount' ? 'amount' : 'percent', valueField)}
          />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={values.kind === 'percent' ? 'Percent off' : 'Amount off'}
            required
            inputMode={values.kind === 'percent' ? 'numeric' : 'decimal'}
            placeholder={values.kind === 'percent' ? '20' : '10.00'}
            leftSection={values.kind === 'amount' ? <Text size="sm">$</Text> : undefined}
            rightSection={
              <Text size="xs" c="dimmed">
                {values.kind === 'percent' ? '%' : currency}
              </Text>
            }
            rightSectionWidth={44}
            value={values.value}
            onChange={(event) => set('value', event.currentTarget.value, valueField)}
            error={errors[valueField]}
          />
          <Select
            label="Applies to"
            required
            allowDeselect={false}
            data={durationOptions}
            value={values.duration}
            onChange={(duration) => set('duration', duration === 'repeating' || duration === 'forever' ? duration : 'once', 'duration')}
            error={errors.duration}
          />
          {values.duration === 'repeating' && (
            <TextInput
              label="Number of payments"
              required
              inputMode="numeric"
              placeholder="3"
              value={values.durationPayments}
              onChange={(event) => set('durationPayments', event.currentTarget.value, 'durationPayments')}
              error={errors.durationPayments}
            />
          )}
        </SimpleGrid>
        <CouponReachFields values={values} errors={errors} onChange={setReach} plans={plans} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add coupon
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
