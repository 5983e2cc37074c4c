import type { Clinic, Provider, Resource, Service, ServiceMode } from '@glowdesk/contracts';
import {
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ChangeEvent, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { ServiceFormsField, useServiceFormsDraft } from '../../../paperwork/components/service-forms-field.tsx';
import { useCreateService } from '../../api/create-service.ts';
import { useUpdateService } from '../../api/update-service.ts';
import { shortClinicNames } from '../../clinic-short-names.ts';
import { fieldErrorsFromProblem, unplacedSaveProblem } from '../../form-errors.ts';
import { formatMinutes } from '../../format-minutes.ts';
import { FormProblemAlert } from '../shared/form-problem-alert.tsx';
import { useFieldErrors } from '../shared/use-field-errors.ts';
import { useRetained } from '../shared/use-retained.ts';
import {
  changedServiceFields,
  keepResourcesAtClinics,
  newServiceValues,
  readServiceForm,
  serviceFormFields,
  serviceFormValues,
  type ServiceFormField,
  type ServiceFormValues,
} from './service-form-values.ts';
import { serviceModeLabels } from './service-modes.ts';

/** What the service form picks from. */
export interface ServiceFormChoices {
  clinics: readonly Clinic[];
  resources: readonly Resource[];
  providers: readonly Provider[];
  categories: readonly string[];
}

export type ServiceFormTarget = { service: Service | null };

interface ServiceFormDrawerProps {
  target: ServiceFormTarget | null;
  choices: ServiceFormChoices;
  onClose: () => void;
}

const DEFAULT_CURRENCY = 'USD';

export function ServiceFormDrawer({ target: selected, choices, onClose }: ServiceFormDrawerProps) {
  const target = useRetained(selected);
  const editing = target?.service ?? null;
  return (
    <Drawer
      opened={selected !== null}
      onClose={onClose}
      position="right"
      size={640}
      title={
        <Text fw={600} size="lg">
          {editing ? `Edit ${editing.name}` : 'Add service'}
        </Text>
      }
    >
      {target && <ServiceForm key={editing?.id ?? 'new'} service={editing} choices={choices} onClose={onClose} />}
    </Drawer>
  );
}

function SectionLabel({ children }: { children: string }) {
  return (
    <Divider
      label={
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {children}
        </Text>
      }
      labelPosition="left"
    />
  );
}

/** Options for a list of ids: active records, plus any already chosen (so a deactivated one can be removed). */
function optionsFor<T extends { id: string; active: boolean }>(
  records: readonly T[],
  chosen: readonly string[],
  label: (record: T) => string,
) {
  return records
    .filter((record) => record.active || chosen.includes(record.id))
    .map((record) => ({ value: record.id, label: record.active ? label(record) : `${label(record)} (inactive)` }));
}

function ServiceForm({ service, choices, onClose }: { service: Service | null; choices: ServiceFormChoices; onClose: () => void }) {
  const [values, setValues] = useState<ServiceFormValues>(() => (service ? serviceFormValues(service) : newServiceValues));
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<ServiceFormField>();
  const createService = useCreateService();
  const updateService = useUpdateService();
  const forms = useServiceFormsDraft(service?.id ?? null);
  const saveError = createService.error ?? updateService.error;
  const currency = service?.currency ?? DEFAULT_CURRENCY;
  const shortNames = shortClinicNames(choices.clinics);

  /** Changes a value and clears its error (keyed by the API field, e.g. price → priceCents). */
  function set<Field extends keyof ServiceFormValues>(field: Field, value: ServiceFormValues[Field], errorField?: ServiceFormField) {
    setValues((current) => ({ ...current, [field]: value }));
    const cleared = errorField ?? serviceFormFields.find((known) => known === field);
    if (cleared) setErrors((current) => ({ ...current, [cleared]: undefined }));
  }

  function chooseClinics(clinicIds: string[]) {
    setValues((current) => ({
      ...current,
      clinicIds,
      resourceIds: keepResourcesAtClinics(current.resourceIds, clinicIds, choices.resources),
    }));
    setErrors((current) => ({ ...current, clinicIds: undefined, resourceIds: undefined }));
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readServiceForm(values, currency);
    if ('errors' in result) return showErrors(result.errors);
    const onError = (error: unknown) => {
      if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, serviceFormFields));
    };
    if (!service) {
      createService.mutate(result.request, {
        onSuccess: (created) =>
          void forms.saveForNewService(created).then(() => {
            notifications.show({ color: 'lagoon', title: 'Service added', message: created.name });
            onClose();
          }),
        onError,
      });
      return;
    }
    const changes = changedServiceFields(service, result.request);
    const formsChanged = forms.changed;
    // The forms save first: when they are refused, nothing else has changed and the form stays open to say why.
    if (!(await forms.save(service.id))) return;
    if (Object.keys(changes).length === 0) {
      if (formsChanged) notifications.show({ color: 'lagoon', title: 'Service saved', message: service.name });
      return onClose();
    }
    updateService.mutate(
      { serviceId: service.id, expectedVersion: service.version, changes },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'lagoon', title: 'Service saved', message: updated.name });
          onClose();
        },
        onError,
      },
    );
  }

  const minutes = (field: 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes') => ({
    value: values[field],
    onChange: (value: number | string) => set(field, value),
    error: errors[field],
    suffix: ' min',
    allowDecimal: false,
    allowNegative: false,
    min: field === 'durationMinutes' ? 1 : 0,
    max: field === 'durationMinutes' ? 720 : 240,
    step: 5,
  });
  const money = (field: 'price' | 'cancellationFee' | 'noShowFee', errorField: ServiceFormField) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field, event.currentTarget.value, errorField),
    error: errors[errorField],
    inputMode: 'decimal' as const,
    leftSection: <Text size="sm">$</Text>,
    rightSection: (
      <Text size="xs" c="dimmed">
        {currency}
      </Text>
    ),
    rightSectionWidth: 44,
    placeholder: '0.00',
  });

  const virtualOnly = values.mode === 'virtual';
  const chosenClinics = choices.clinics.filter((clinic) => values.clinicIds.includes(clinic.id));
  const resourceGroups = chosenClinics
    .map((clinic) => ({
      group: clinic.name,
      items: optionsFor(
        choices.resources.filter((resource) => resource.clinicId === clinic.id),
        values.resourceIds,
        (resource) => `${resource.name} · ${shortNames.get(clinic.id) ?? clinic.name}`,
      ),
    }))
    .filter((group) => group.items.length > 0);
  const totalProviderMinutes =
    (Number(values.bufferBeforeMinutes) || 0) + (Number(values.durationMinutes) || 0) + (Number(values.bufferAfterMinutes) || 0);

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md" pb={80}>
        <FormProblemAlert message={unplacedSaveProblem(saveError, serviceFormFields, 'service')} />
        <TextInput
          label="Name"
          required
          data-autofocus
          placeholder="e.g. Botox — up to 3 areas"
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.name}
        />
        <Autocomplete
          label="Category"
          placeholder="e.g. Injectables"
          data={[...choices.categories]}
          value={values.category}
          onChange={(category) => set('category', category)}
          error={errors.category}
          description="Groups the menu on booking pages and here."
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={5}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.description}
          description="Shown to patients when they book online."
        />

        <SectionLabel>Time</SectionLabel>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput label="Duration" required description="The patient's visit." {...minutes('durationMinutes')} />
          <NumberInput label="Buffer before" description="Provider prep." {...minutes('bufferBeforeMinutes')} />
          <NumberInput label="Buffer after" description="Clean-up, notes." {...minutes('bufferAfterMinutes')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-6}>
          Buffers block the provider but not the patient or the room: the provider is busy for {formatMinutes(totalProviderMinutes)} in all.
        </Text>

        <SectionLabel>Price and fees</SectionLabel>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Price" required description="What the patient pays." {...money('price', 'priceCents')} />
          <TextInput label="Cancellation fee" description="Late cancellations." {...money('cancellationFee', 'cancellationFeeCents')} />
          <TextInput label="No-show fee" description="Missed visits." {...money('noShowFee', 'noShowFeeCents')} />
        </SimpleGrid>

        <SectionLabel>Booking</SectionLabel>
        <Input.Wrapper label="How it is given" labelElement="div" id="service-mode" error={errors.mode}>
          <SegmentedControl<ServiceMode>
            aria-labelledby="service-mode-label"
            fullWidth
            mt={4}
            value={values.mode}
            onChange={(mode) => set('mode', mode)}
            data={(['in_person', 'virtual', 'both'] as const).map((mode) => ({ value: mode, label: serviceModeLabels[mode] }))}
          />
        </Input.Wrapper>
        <Switch
          label="Patients can book it online"
          description="Off: only staff can book it."
          checked={values.bookableOnline}
          onChange={(event) => set('bookableOnline', event.currentTarget.checked)}
        />
        <Checkbox
          label="Require a card on file to book online"
          description="The booking page takes a card and the patient's acceptance of the clinic's cancellation policy before booking it."
          checked={values.requiresCardForOnlineBooking}
          disabled={!values.bookableOnline}
          onChange={(event) => set('requiresCardForOnlineBooking', event.currentTarget.checked)}
          error={errors.requiresCardForOnlineBooking}
        />

        <SectionLabel>Where and who</SectionLabel>
        <MultiSelect
          label="Clinics"
          placeholder={values.clinicIds.length === 0 ? 'Choose clinics' : undefined}
          data={optionsFor(choices.clinics, values.clinicIds, (clinic) => clinic.name)}
          value={values.clinicIds}
          onChange={chooseClinics}
          error={errors.clinicIds}
          description={values.clinicIds.length === 0 ? 'Not bookable anywhere until you choose a clinic.' : 'Clinics that offer it.'}
          searchable
          hidePickedOptions
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Rooms and equipment"
          placeholder={virtualOnly ? undefined : values.clinicIds.length === 0 ? 'Choose clinics first' : 'Choose what it needs'}
          data={resourceGroups}
          value={virtualOnly ? [] : values.resourceIds}
          onChange={(resourceIds) => set('resourceIds', resourceIds)}
          error={errors.resourceIds}
          disabled={virtualOnly || values.clinicIds.length === 0}
          description={
            virtualOnly
              ? 'A virtual visit needs no room or equipment.'
              : 'One unit of each is held for the visit, at the clinic where it is booked. Only the chosen clinics’ rooms and equipment are listed.'
          }
          searchable
          hidePickedOptions
          nothingFoundMessage="The chosen clinics have no rooms or equipment yet"
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Providers"
          placeholder={values.providerIds.length === 0 ? 'Choose providers' : undefined}
          data={optionsFor(choices.providers, values.providerIds, (provider) =>
            provider.title ? `${provider.displayName}, ${provider.title}` : provider.displayName,
          )}
          value={values.providerIds}
          onChange={(providerIds) => set('providerIds', providerIds)}
          error={errors.providerIds}
          description="Who performs it. Each provider's profile lists the same services."
          searchable
          hidePickedOptions
          nothingFoundMessage="No providers yet: add them under Providers"
          comboboxProps={{ withinPortal: true }}
        />
        <ServiceFormsField draft={forms} />
      </Stack>
      <Box
        pos="sticky"
        bottom={0}
        py="md"
        bg="white"
        style={{ borderTop: '1px solid var(--glowdesk-border)', marginInline: 'calc(var(--mantine-spacing-md) * -1)' }}
        px="md"
      >
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createService.isPending || updateService.isPending || forms.saving}>
            {service ? 'Save changes' : 'Add service'}
          </Button>
        </Group>
      </Box>
    </form>
  );
}
