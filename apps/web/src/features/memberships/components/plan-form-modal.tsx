import type { Clinic, MembershipPlan, PaperworkTemplateSummary, Service } from '@glowdesk/contracts';
import {
  Alert,
  Button,
  ColorInput,
  Divider,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { fieldErrorsFromProblem, unplacedSaveProblem } from '../../practice-setup/form-errors.ts';
import { FormProblemAlert } from '../../practice-setup/components/shared/form-problem-alert.tsx';
import { useFieldErrors } from '../../practice-setup/components/shared/use-field-errors.ts';
import { useRetained } from '../../practice-setup/components/shared/use-retained.ts';
import { useSaveMembershipPlan } from '../api/save-membership-plan.ts';
import {
  changesPrice,
  planChangesOf,
  planFields,
  planFormValuesOf,
  planRequestOf,
  type PlanField,
  type PlanFormValues,
} from '../plan-form-values.ts';

const DEFAULT_CURRENCY = 'USD';

export type PlanFormTarget = { plan: MembershipPlan | null };

interface PlanFormModalProps {
  target: PlanFormTarget | null;
  clinics: readonly Clinic[];
  services: readonly Service[];
  consentTemplates: readonly PaperworkTemplateSummary[];
  onClose: () => void;
}

/** Add or edit a membership plan: prices, where it is sold, its agreement and its perks. */
export function PlanFormModal({ target: selected, onClose, ...choices }: PlanFormModalProps) {
  const target = useRetained(selected);
  const editing = target?.plan ?? null;
  return (
    <Modal opened={selected !== null} onClose={onClose} title={editing ? `Edit ${editing.name}` : 'Add plan'} size="xl">
      {target && <PlanForm key={editing?.id ?? 'new'} plan={editing} onClose={onClose} {...choices} />}
    </Modal>
  );
}

function MoneyInput({
  label,
  description,
  value,
  onChange,
  error,
  currency,
  required,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  currency: string;
  required?: boolean;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      required={required}
      inputMode="decimal"
      placeholder="0.00"
      leftSection={<Text size="sm">$</Text>}
      rightSection={
        <Text size="xs" c="dimmed">
          {currency}
        </Text>
      }
      rightSectionWidth={44}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
    />
  );
}

function PlanForm({
  plan,
  clinics,
  services,
  consentTemplates,
  onClose,
}: { plan: MembershipPlan | null; onClose: () => void } & Omit<PlanFormModalProps, 'target' | 'onClose'>) {
  const activeClinics = clinics.filter((clinic) => clinic.active || plan?.clinicIds.includes(clinic.id));
  const [values, setValues] = useState<PlanFormValues>(() =>
    planFormValuesOf(plan, activeClinics.length === 1 && activeClinics[0] ? [activeClinics[0].id] : []),
  );
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<PlanField>();
  const save = useSaveMembershipPlan();
  const currency = plan?.currency ?? DEFAULT_CURRENCY;
  const money = (field: 'monthlyPrice' | 'yearlyPrice' | 'signUpFee' | 'creditPerPeriod', errorField: PlanField) => ({
    value: values[field],
    onChange: (value: string) => set(field, value, errorField),
    currency,
  });

  function set<F extends keyof PlanFormValues>(field: F, value: PlanFormValues[F], errorField: PlanField) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [errorField]: undefined }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = planRequestOf(values, currency);
    if (!result.ok) return showErrors(result.errors);
    const onError = (error: unknown) => {
      if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, planFields));
    };
    if (!plan) {
      save.mutate(
        { planId: null, plan: result.plan },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'lagoon', title: 'Plan added', message: created.name });
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const changes = planChangesOf(plan, result.plan);
    if (Object.keys(changes).length === 0) return onClose();
    save.mutate(
      { planId: plan.id, changes, expectedVersion: plan.version },
      {
        onSuccess: (updated) => {
          notifications.show({
            color: 'lagoon',
            title: 'Plan saved',
            message: changesPrice(changes) ? `${updated.name}: new members pay the new price; existing members keep theirs.` : updated.name,
          });
          onClose();
        },
        onError,
      },
    );
  }

  const clinicOptions = activeClinics.map((clinic) => ({
    value: clinic.id,
    label: clinic.active ? clinic.name : `${clinic.name} (closed)`,
  }));
  const agreementOptions = consentTemplates
    .filter((template) => template.kind === 'consent' && (template.active || template.id === plan?.agreementTemplateId))
    .map((template) => ({ value: template.id, label: template.name }));
  const serviceOptions = services
    .filter((service) => service.active || values.discountServiceIds.includes(service.id))
    .map((service) => ({ value: service.id, label: service.name }));
  const hasDiscount = values.discountPercent.trim() !== '';
  const hasCredit = values.creditPerPeriod.trim() !== '' && values.creditPerPeriod.trim() !== '0';

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(save.error, planFields, 'plan')} />
        {plan && plan.activeMembers > 0 && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
            <Text size="sm">
              {plan.activeMembers === 1 ? 'One member is' : `${plan.activeMembers} members are`} on this plan. A new price applies to new
              members only: existing members keep the price they enrolled at.
            </Text>
          </Alert>
        )}
        <TextInput
          label="Name"
          required
          data-autofocus
          placeholder="e.g. Glow Club"
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value, 'name')}
          error={errors.name}
        />
        <Textarea
          label="Description"
          description="What members get, as patients read it when they become members."
          autosize
          minRows={2}
          maxRows={5}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value, 'description')}
          error={errors.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <MoneyInput
            label="Monthly price"
            description="Charged each month"
            {...money('monthlyPrice', 'monthlyPriceCents')}
            error={errors.monthlyPriceCents}
          />
          <MoneyInput
            label="Yearly price"
            description="Charged each year"
            {...money('yearlyPrice', 'yearlyPriceCents')}
            error={errors.yearlyPriceCents}
          />
          <MoneyInput
            label="Sign-up fee"
            description="Once, with the first payment"
            {...money('signUpFee', 'signUpFeeCents')}
            error={errors.signUpFeeCents}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          Give a monthly price, a yearly price or both; the client chooses when enrolling.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Minimum term (months)"
            description="Shown when cancelling; it does not block a cancel."
            inputMode="numeric"
            value={values.minimumTermMonths}
            onChange={(event) => set('minimumTermMonths', event.currentTarget.value, 'minimumTermMonths')}
            error={errors.minimumTermMonths}
          />
          <Select
            label="Agreement"
            description="A consent form the client signs before enrolling."
            placeholder={agreementOptions.length === 0 ? 'No consent forms yet' : 'No agreement'}
            data={agreementOptions}
            value={values.agreementTemplateId}
            onChange={(templateId) => set('agreementTemplateId', templateId, 'agreementTemplateId')}
            clearable
            error={errors.agreementTemplateId}
          />
        </SimpleGrid>
        <MultiSelect
          label="Clinics"
          description="Where the plan is sold; a member belongs to one of them, whose time zone sets the draw day."
          required
          data={clinicOptions}
          value={values.clinicIds}
          onChange={(clinicIds) => set('clinicIds', clinicIds, 'clinicIds')}
          error={errors.clinicIds}
          placeholder={values.clinicIds.length === 0 ? 'Choose clinics' : undefined}
          searchable
          hidePickedOptions
        />
        <Switch
          label="Sold online"
          description="Patients can become members of this plan in the portal."
          checked={values.soldOnline}
          onChange={(event) => set('soldOnline', event.currentTarget.checked, 'soldOnline')}
        />
        <Divider />
        <Title order={3} fz={15}>
          Perks
        </Title>
        <Text size="sm" c="dimmed" mt={-8}>
          Shown on the plan and to members. Discounts are not yet applied at checkout, nor credit added to the wallet, automatically.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Tier name"
            description="Shown on the client and in the appointment book."
            placeholder="e.g. Gold"
            value={values.tierName}
            onChange={(event) => set('tierName', event.currentTarget.value, 'perks')}
          />
          <ColorInput
            label="Tier colour"
            description="A colour like #7B61FF."
            format="hex"
            placeholder="#7B61FF"
            value={values.tierColor}
            onChange={(color) => set('tierColor', color, 'perks')}
            withPicker={false}
            withEyeDropper={false}
          />
          <TextInput
            label="Discount (%)"
            description="Off the services chosen below."
            inputMode="numeric"
            placeholder="e.g. 10"
            value={values.discountPercent}
            onChange={(event) => set('discountPercent', event.currentTarget.value, 'perks')}
          />
          <MultiSelect
            label="Discounted services"
            description={hasDiscount ? 'The services it applies to.' : 'Give a discount first.'}
            data={serviceOptions}
            value={values.discountServiceIds}
            onChange={(serviceIds) => set('discountServiceIds', serviceIds, 'perks')}
            disabled={!hasDiscount}
            searchable
            hidePickedOptions
            maxDropdownHeight={260}
          />
          <MoneyInput
            label="Wallet credit each period"
            description="Dollar credit added to the member’s wallet."
            {...money('creditPerPeriod', 'perks')}
            error={undefined}
          />
          <div>
            <Text size="sm" fw={500} id="unused-credit-label">
              Unused credit
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              At the end of each period
            </Text>
            <SegmentedControl
              aria-labelledby="unused-credit-label"
              data={[
                { value: 'expire', label: 'Expires' },
                { value: 'roll_over', label: 'Rolls over' },
              ]}
              value={values.unusedCredit}
              onChange={(value) => set('unusedCredit', value === 'roll_over' ? 'roll_over' : 'expire', 'perks')}
              disabled={!hasCredit}
            />
          </div>
        </SimpleGrid>
        {errors.perks && (
          <Text size="sm" c="red.8" role="alert">
            {errors.perks}
          </Text>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {plan ? 'Save changes' : 'Add plan'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
