import {
  createServicePackageRequestSchema,
  type Service,
  type ServicePackage,
  type UpdateServicePackageRequest,
} from '@glowdesk/contracts';
import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { useCreateServicePackage } from '../../api/create-service-package.ts';
import { useUpdateServicePackage } from '../../api/update-service-package.ts';
import { fieldErrorsFromIssues, fieldErrorsFromProblem, unplacedSaveProblem } from '../../form-errors.ts';
import { formatMinutes } from '../../format-minutes.ts';
import { formatAmountForInput, formatMoney, parseAmount } from '../../../../shared/format/money.ts';
import { FormProblemAlert } from '../shared/form-problem-alert.tsx';
import { useFieldErrors } from '../shared/use-field-errors.ts';
import { useRetained } from '../shared/use-retained.ts';
import { PackageServiceList } from './package-service-list.tsx';
import { packageTotals } from './package-totals.ts';

const fields = ['name', 'description', 'priceCents', 'serviceIds'] as const;
type Field = (typeof fields)[number];

interface PackageFormValues {
  name: string;
  description: string;
  price: string;
  serviceIds: string[];
}

export type PackageFormTarget = { servicePackage: ServicePackage | null };

const DEFAULT_CURRENCY = 'USD';

interface PackageFormModalProps {
  target: PackageFormTarget | null;
  services: readonly Service[];
  onClose: () => void;
}

export function PackageFormModal({ target: selected, services, onClose }: PackageFormModalProps) {
  const target = useRetained(selected);
  const editing = target?.servicePackage ?? null;
  return (
    <Modal opened={selected !== null} onClose={onClose} title={editing ? `Edit ${editing.name}` : 'Add package'} size="lg">
      {target && <PackageForm key={editing?.id ?? 'new'} servicePackage={editing} services={services} onClose={onClose} />}
    </Modal>
  );
}

/** The server names a row as `serviceIds[2]`; the list shows it on that row. */
function rowErrorsOf(error: unknown): Map<number, string> {
  const rows = new Map<number, string>();
  if (!isApiProblem(error)) return rows;
  for (const { field, message } of error.errors) {
    const match = /^serviceIds\[(\d+)\]$/.exec(field);
    if (match) rows.set(Number(match[1]), message);
  }
  return rows;
}

function PackageForm({
  servicePackage,
  services,
  onClose,
}: {
  servicePackage: ServicePackage | null;
  services: readonly Service[];
  onClose: () => void;
}) {
  const [values, setValues] = useState<PackageFormValues>(() =>
    servicePackage
      ? {
          name: servicePackage.name,
          description: servicePackage.description ?? '',
          price: formatAmountForInput(servicePackage.priceCents, servicePackage.currency),
          serviceIds: servicePackage.serviceIds,
        }
      : { name: '', description: '', price: '', serviceIds: [] },
  );
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<Field>();
  const [rowErrors, setRowErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const createPackage = useCreateServicePackage();
  const updatePackage = useUpdateServicePackage();
  const saveError = createPackage.error ?? updatePackage.error;
  const currency = servicePackage?.currency ?? DEFAULT_CURRENCY;
  const totals = packageTotals(values.serviceIds, services);

  function set<F extends keyof PackageFormValues>(field: F, value: PackageFormValues[F], errorField: Field) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [errorField]: undefined }));
    if (field === 'serviceIds') setRowErrors(new Map());
  }

  function showServerErrors(error: unknown) {
    if (!isApiProblem(error)) return;
    showErrors(fieldErrorsFromProblem(error, fields));
    setRowErrors(rowErrorsOf(error));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const price = parseAmount(values.price, currency);
    const parsed = createServicePackageRequestSchema.safeParse({
      name: values.name,
      description: values.description.trim() === '' ? null : values.description.trim(),
      priceCents: price.status === 'valid' ? price.amountCents : 0,
      currency,
      serviceIds: values.serviceIds,
    });
    if (!parsed.success || price.status !== 'valid') {
      const found = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, fields);
      if (price.status !== 'valid') found.priceCents = price.status === 'blank' ? 'Enter the package price.' : price.message;
      return showErrors(found);
    }
    const request = parsed.data;
    if (!servicePackage) {
      createPackage.mutate(request, {
        onSuccess: (created) => {
          notifications.show({ color: 'lagoon', title: 'Package added', message: created.name });
          onClose();
        },
        onError: showServerErrors,
      });
      return;
    }
    const changes: UpdateServicePackageRequest = {};
    if (request.name !== servicePackage.name) changes.name = request.name;
    if ((request.description ?? null) !== servicePackage.description) changes.description = request.description;
    if (request.priceCents !== servicePackage.priceCents) changes.priceCents = request.priceCents;
    if (request.serviceIds.join() !== servicePackage.serviceIds.join()) changes.serviceIds = request.serviceIds;
    if (Object.keys(changes).length === 0) return onClose();
    updatePackage.mutate(
      { servicePackageId: servicePackage.id, expectedVersion: servicePackage.version, changes },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'lagoon', title: 'Package saved', message: updated.name });
          onClose();
        },
        onError: showServerErrors,
      },
    );
  }

  const price = parseAmount(values.price, currency);
  const savingCents = price.status === 'valid' ? totals.separatePriceCents - price.amountCents : 0;
  const comparison =
    savingCents > 0
      ? ` · saves ${formatMoney(savingCents, currency)}`
      : savingCents < 0
        ? ` · ${formatMoney(-savingCents, currency)} more than separately`
        : '';

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(saveError, fields, 'package')} />
        <TextInput
          label="Name"
          required
          data-autofocus
          placeholder="e.g. Liquid Facelift"
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value, 'name')}
          error={errors.name}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={4}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value, 'description')}
          error={errors.description}
        />
        <PackageServiceList
          serviceIds={values.serviceIds}
          services={services}
          onChange={(serviceIds) => set('serviceIds', serviceIds, 'serviceIds')}
          error={errors.serviceIds}
          rowErrors={rowErrors}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Package price"
            required
            inputMode="decimal"
            placeholder="0.00"
            leftSection={<Text size="sm">$</Text>}
            rightSection={
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            }
            rightSectionWidth={44}
            value={values.price}
            onChange={(event) => set('price', event.currentTarget.value, 'priceCents')}
            error={errors.priceCents}
          />
          <Paper withBorder radius="md" px="sm" py={8} bg="gray.0" aria-live="polite">
            <Text size="xs" c="dimmed">
              Total time, back to back
            </Text>
            <Text size="sm" fw={600}>
              {values.serviceIds.length === 0 ? '—' : formatMinutes(totals.durationMinutes)}
            </Text>
            <Text size="xs" c="dimmed">
              {values.serviceIds.length === 0
                ? 'Add services to see the total.'
                : `Separately ${formatMoney(totals.separatePriceCents, currency)}${comparison}`}
            </Text>
          </Paper>
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createPackage.isPending || updatePackage.isPending}>
            {servicePackage ? 'Save changes' : 'Add package'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
