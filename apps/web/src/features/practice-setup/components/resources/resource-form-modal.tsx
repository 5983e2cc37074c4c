import {
  createResourceRequestSchema,
  type Clinic,
  type Resource,
  type ResourceKind,
  type UpdateResourceRequest,
} from '@glowdesk/contracts';
import { Button, Group, Input, Modal, NumberInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { useCreateResource } from '../../api/create-resource.ts';
import { useUpdateResource } from '../../api/update-resource.ts';
import { fieldErrorsFromIssues, fieldErrorsFromProblem, unplacedSaveProblem } from '../../form-errors.ts';
import { FormProblemAlert } from '../shared/form-problem-alert.tsx';
import { useFieldErrors } from '../shared/use-field-errors.ts';
import { useRetained } from '../shared/use-retained.ts';
import { resourceKindLabels } from './resource-kinds.ts';

const fields = ['clinicId', 'name', 'kind', 'quantity'] as const;
type Field = (typeof fields)[number];

interface ResourceFormValues {
  clinicId: string | null;
  name: string;
  kind: ResourceKind;
  quantity: number | string;
}

/** Which resource the form edits; `{ resource: null }` adds one, at `clinicId` if given. */
export type ResourceFormTarget = { resource: Resource | null; clinicId?: string | undefined };

interface ResourceFormModalProps {
  target: ResourceFormTarget | null;
  clinics: readonly Clinic[];
  onClose: () => void;
}

export function ResourceFormModal({ target: selected, clinics, onClose }: ResourceFormModalProps) {
  const target = useRetained(selected);
  const editing = target?.resource ?? null;
  return (
    <Modal opened={selected !== null} onClose={onClose} title={editing ? `Edit ${editing.name}` : 'Add room or equipment'} size="md">
      {target && <ResourceForm key={editing?.id ?? 'new'} target={target} clinics={clinics} onClose={onClose} />}
    </Modal>
  );
}

function ResourceForm({ target, clinics, onClose }: { target: ResourceFormTarget; clinics: readonly Clinic[]; onClose: () => void }) {
  const resource = target.resource;
  const [values, setValues] = useState<ResourceFormValues>(() =>
    resource
      ? { clinicId: resource.clinicId, name: resource.name, kind: resource.kind, quantity: resource.quantity }
      : { clinicId: target.clinicId ?? (clinics.length === 1 ? (clinics[0]?.id ?? null) : null), name: '', kind: 'room', quantity: 1 },
  );
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<Field>();
  const createResource = useCreateResource();
  const updateResource = useUpdateResource();
  const saveError = createResource.error ?? updateResource.error;

  function set<F extends Field>(field: F, value: ResourceFormValues[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function showServerErrors(error: unknown) {
    if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, fields));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createResourceRequestSchema.safeParse({
      clinicId: values.clinicId ?? '',
      name: values.name,
      kind: values.kind,
      quantity: values.quantity === '' ? Number.NaN : Number(values.quantity),
    });
    if (!parsed.success || values.clinicId === null) {
      const found = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, fields);
      if (values.clinicId === null) found.clinicId = 'Choose the clinic it is at.';
      if (values.quantity === '') found.quantity = 'Enter how many can be used at once.';
      return showErrors(found);
    }
    const request = parsed.data;
    const done = (saved: Resource, title: string) => {
      notifications.show({ color: 'lagoon', title, message: saved.name });
      onClose();
    };
    if (!resource) {
      createResource.mutate(request, { onSuccess: (saved) => done(saved, 'Added'), onError: showServerErrors });
      return;
    }
    const changes: UpdateResourceRequest = {};
    if (request.name !== resource.name) changes.name = request.name;
    if (request.kind !== resource.kind) changes.kind = request.kind;
    if (request.quantity !== resource.quantity) changes.quantity = request.quantity;
    if (Object.keys(changes).length === 0) return onClose();
    updateResource.mutate(
      { resourceId: resource.id, expectedVersion: resource.version, changes },
      { onSuccess: (saved) => done(saved, 'Saved'), onError: showServerErrors },
    );
  }

  const clinicOptions = clinics
    .filter((clinic) => clinic.active || clinic.id === values.clinicId)
    .map((clinic) => ({ value: clinic.id, label: clinic.name }));

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(saveError, fields, 'resource')} />
        <Select
          label="Clinic"
          required
          placeholder="Choose a clinic"
          data={clinicOptions}
          value={values.clinicId}
          onChange={(clinicId) => set('clinicId', clinicId)}
          disabled={resource !== null}
          description={resource ? 'A room or device stays at its clinic. To move it, add it at the other clinic.' : undefined}
          error={errors.clinicId}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Input.Wrapper label="Kind" labelElement="div" id="resource-kind">
          <SegmentedControl<ResourceKind>
            aria-labelledby="resource-kind-label"
            fullWidth
            mt={4}
            value={values.kind}
            onChange={(kind) => set('kind', kind)}
            data={[
              { value: 'room', label: resourceKindLabels.room },
              { value: 'equipment', label: resourceKindLabels.equipment },
            ]}
          />
        </Input.Wrapper>
        <TextInput
          label="Name"
          required
          data-autofocus
          placeholder={values.kind === 'room' ? 'e.g. Treatment Room 1' : 'e.g. Candela GentleMax Pro laser'}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.name}
        />
        <NumberInput
          label="Quantity"
          required
          min={1}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          description="How many bookings can use it at the same time. Three identical rooms can be one entry with quantity 3."
          value={values.quantity}
          onChange={(quantity) => set('quantity', quantity)}
          error={errors.quantity}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createResource.isPending || updateResource.isPending}>
            {resource ? 'Save changes' : values.kind === 'room' ? 'Add room' : 'Add equipment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
