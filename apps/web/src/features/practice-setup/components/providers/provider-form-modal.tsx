import {
  createProviderRequestSchema,
  staffRoleLabels,
  type Clinic,
  type Provider,
  type Service,
  type StaffMember,
  type UpdateProviderRequest,
} from '@glowdesk/contracts';
import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconVideo } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { useCreateProvider } from '../../api/create-provider.ts';
import { useUpdateProvider } from '../../api/update-provider.ts';
import { fieldErrorsFromIssues, fieldErrorsFromProblem, unplacedSaveProblem } from '../../form-errors.ts';
import { FormProblemAlert } from '../shared/form-problem-alert.tsx';
import { useFieldErrors } from '../shared/use-field-errors.ts';
import { useRetained } from '../shared/use-retained.ts';
import { ColorSwatchPicker } from './color-swatch-picker.tsx';
import { unusedProviderColor } from './provider-colors.ts';

const fields = ['staffId', 'displayName', 'title', 'color', 'virtualRoomUrl', 'clinicIds', 'serviceIds'] as const;
type Field = (typeof fields)[number];

interface ProviderFormValues {
  staffId: string | null;
  displayName: string;
  title: string;
  color: string;
  virtualRoomUrl: string;
  clinicIds: string[];
  serviceIds: string[];
}

export type ProviderFormTarget = { provider: Provider | null };

/** What the provider form picks from; `staffAccounts` is undefined while it loads. */
export interface ProviderFormChoices {
  staffAccounts: readonly StaffMember[] | undefined;
  providers: readonly Provider[];
  clinics: readonly Clinic[];
  services: readonly Service[];
}

interface ProviderFormModalProps {
  target: ProviderFormTarget | null;
  choices: ProviderFormChoices;
  onClose: () => void;
}

export function ProviderFormModal({ target: selected, choices, onClose }: ProviderFormModalProps) {
  const target = useRetained(selected);
  const editing = target?.provider ?? null;
  return (
    <Modal opened={selected !== null} onClose={onClose} title={editing ? `Edit ${editing.displayName}` : 'Add provider'} size="lg">
      {target && <ProviderForm key={editing?.id ?? 'new'} provider={editing} choices={choices} onClose={onClose} />}
    </Modal>
  );
}

function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function sameIds(left: readonly string[], right: readonly string[]): boolean {
  return [...left].sort().join() === [...right].sort().join();
}

/** A new provider of a one-clinic practice works there. */
function defaultClinicIds(clinics: readonly Clinic[]): string[] {
  const active = clinics.filter((clinic) => clinic.active);
  return active.length === 1 ? active.map((clinic) => clinic.id) : [];
}

function ProviderForm({ provider, choices, onClose }: { provider: Provider | null; choices: ProviderFormChoices; onClose: () => void }) {
  const [values, setValues] = useState<ProviderFormValues>(() =>
    provider
      ? {
          staffId: provider.staffId,
          displayName: provider.displayName,
          title: provider.title ?? '',
          color: provider.color,
          virtualRoomUrl: provider.virtualRoomUrl ?? '',
          clinicIds: provider.clinicIds,
          serviceIds: provider.serviceIds,
        }
      : {
          staffId: null,
          displayName: '',
          title: '',
          color: unusedProviderColor(choices.providers.map((existing) => existing.color)),
          virtualRoomUrl: '',
          clinicIds: defaultClinicIds(choices.clinics),
          serviceIds: [],
        },
  );
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<Field>();
  const createProvider = useCreateProvider();
  const updateProvider = useUpdateProvider();
  const saveError = createProvider.error ?? updateProvider.error;
  const staffById = new Map((choices.staffAccounts ?? []).map((member) => [member.id, member]));

  function set<F extends Field>(field: F, value: ProviderFormValues[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  /** Picking a person fills in their name, unless one was typed already. */
  function chooseStaff(staffId: string | null) {
    setValues((current) => {
      const previousName = current.staffId ? staffById.get(current.staffId)?.displayName : undefined;
      const nameUntouched = current.displayName === '' || current.displayName === previousName;
      const member = staffId ? staffById.get(staffId) : undefined;
      return { ...current, staffId, displayName: nameUntouched && member ? member.displayName : current.displayName };
    });
    setErrors((current) => ({ ...current, staffId: undefined, displayName: undefined }));
  }

  function showServerErrors(error: unknown) {
    if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, fields));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createProviderRequestSchema.safeParse({
      staffId: values.staffId ?? '',
      displayName: values.displayName,
      title: textOrNull(values.title),
      color: values.color,
      virtualRoomUrl: textOrNull(values.virtualRoomUrl),
      clinicIds: values.clinicIds,
      serviceIds: values.serviceIds,
    });
    if (!parsed.success || values.staffId === null) {
      const found = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, fields);
      if (values.staffId === null) found.staffId = 'Choose whose profile this is.';
      return showErrors(found);
    }
    const request = parsed.data;
    if (!provider) {
      createProvider.mutate(request, {
        onSuccess: (created) => {
          notifications.show({
            color: 'lagoon',
            title: 'Provider added',
            message: `${created.displayName} can be booked once they have working hours under Schedules.`,
          });
          onClose();
        },
        onError: showServerErrors,
      });
      return;
    }
    const changes: UpdateProviderRequest = {};
    if (request.displayName !== undefined && request.displayName !== provider.displayName) changes.displayName = request.displayName;
    if ((request.title ?? null) !== provider.title) changes.title = request.title ?? null;
    if (request.color !== undefined && request.color !== provider.color) changes.color = request.color;
    if ((request.virtualRoomUrl ?? null) !== provider.virtualRoomUrl) changes.virtualRoomUrl = request.virtualRoomUrl ?? null;
    if (!sameIds(request.clinicIds, provider.clinicIds)) changes.clinicIds = request.clinicIds;
    if (!sameIds(request.serviceIds, provider.serviceIds)) changes.serviceIds = request.serviceIds;
    if (Object.keys(changes).length === 0) return onClose();
    updateProvider.mutate(
      { providerId: provider.id, expectedVersion: provider.version, changes },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'lagoon', title: 'Provider saved', message: updated.displayName });
          onClose();
        },
        onError: showServerErrors,
      },
    );
  }

  const takenStaffIds = new Set(choices.providers.map((existing) => existing.staffId));
  const staffOptions = (choices.staffAccounts ?? [])
    .filter((member) => member.active && !takenStaffIds.has(member.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((member) => ({ value: member.id, label: `${member.displayName} (${staffRoleLabels[member.role]})` }));
  const staffMember = provider ? staffById.get(provider.staffId) : undefined;

  const clinicOptions = choices.clinics
    .filter((clinic) => clinic.active || values.clinicIds.includes(clinic.id))
    .map((clinic) => ({ value: clinic.id, label: clinic.active ? clinic.name : `${clinic.name} (inactive)` }));
  const serviceGroups = new Map<string, { value: string; label: string }[]>();
  for (const service of [...choices.services].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!service.active && !values.serviceIds.includes(service.id)) continue;
    const group = service.category ?? 'Other';
    serviceGroups.set(group, [
      ...(serviceGroups.get(group) ?? []),
      { value: service.id, label: service.active ? service.name : `${service.name} (inactive)` },
    ]);
  }
  const serviceOptions = [...serviceGroups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(saveError, fields, 'provider')} />
        {provider ? (
          <Text size="sm" c="dimmed">
            Staff account: <strong>{staffMember ? `${staffMember.displayName} · ${staffMember.email}` : 'linked account'}</strong>
          </Text>
        ) : (
          <Select
            label="Staff member"
            required
            data-autofocus
            placeholder={choices.staffAccounts ? 'Choose a person' : 'Loading staff…'}
            data={staffOptions}
            value={values.staffId}
            onChange={chooseStaff}
            searchable
            openOnFocus={false}
            error={errors.staffId}
            description="Active staff accounts without a provider profile. Add a new person under Settings → Staff first."
            nothingFoundMessage="Everyone already has a provider profile"
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Display name"
            required
            description="On the appointment book and booking pages."
            value={values.displayName}
            onChange={(event) => set('displayName', event.currentTarget.value)}
            error={errors.displayName}
          />
          <TextInput
            label="Title or credentials"
            placeholder="e.g. NP, RN, CANS"
            description="Shown to patients next to the name."
            value={values.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            error={errors.title}
          />
        </SimpleGrid>
        <ColorSwatchPicker
          label="Calendar color"
          description="Their column and appointments on the book."
          value={values.color}
          onChange={(color) => set('color', color)}
          error={errors.color}
        />
        <MultiSelect
          label="Clinics"
          placeholder={values.clinicIds.length === 0 ? 'Choose clinics' : undefined}
          data={clinicOptions}
          value={values.clinicIds}
          onChange={(clinicIds) => set('clinicIds', clinicIds)}
          error={errors.clinicIds}
          description="Where they work. Their hours at each clinic are set under Schedules."
          searchable
          hidePickedOptions
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Services"
          placeholder={values.serviceIds.length === 0 ? 'Choose services' : undefined}
          data={serviceOptions}
          value={values.serviceIds}
          onChange={(serviceIds) => set('serviceIds', serviceIds)}
          error={errors.serviceIds}
          description="What they perform. Each service's own list of providers changes with it."
          searchable
          hidePickedOptions
          maxDropdownHeight={260}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Virtual visit room"
          type="url"
          placeholder="https://…"
          leftSection={<IconVideo size={16} stroke={1.6} />}
          description="The https:// link patients open for a virtual visit with them."
          value={values.virtualRoomUrl}
          onChange={(event) => set('virtualRoomUrl', event.currentTarget.value)}
          error={errors.virtualRoomUrl}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createProvider.isPending || updateProvider.isPending}>
            {provider ? 'Save changes' : 'Add provider'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
