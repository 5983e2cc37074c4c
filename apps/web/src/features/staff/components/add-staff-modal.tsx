import { createStaffRequestSchema, staffRoleLabels, staffRoleSchema, type CreateStaffRequest, type StaffRole } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconShieldLock } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useCreateStaff } from '../api/create-staff.ts';
import { roleSelectData, staffRoleDescriptions } from '../staff-roles.ts';
import { generatePassword } from './generate-password.ts';

type Field = keyof CreateStaffRequest;
type FieldErrors = Partial<Record<Field, string>>;

interface AddStaffValues {
  displayName: string;
  email: string;
  role: StaffRole | null;
  password: string;
}

const emptyValues: AddStaffValues = { displayName: '', email: '', role: null, password: '' };
const fields: Field[] = ['displayName', 'email', 'role', 'password'];

function isField(value: unknown): value is Field {
  return fields.some((field) => field === value);
}

function validate(values: AddStaffValues): { request: CreateStaffRequest } | { errors: FieldErrors } {
  const parsed = createStaffRequestSchema.safeParse(values);
  if (parsed.success) return { request: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isField(field) && !errors[field]) errors[field] = issue.message;
  }
  if (values.email.trim() === '') errors.email = 'Enter their email address.';
  if (values.role === null) errors.role = 'Choose a role.';
  return { errors };
}

interface AddStaffModalProps {
  opened: boolean;
  onClose: () => void;
  viewerRole: StaffRole;
}

export function AddStaffModal({ opened, onClose, viewerRole }: AddStaffModalProps) {
  const [values, setValues] = useState<AddStaffValues>(emptyValues);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [passwordVisible, setPasswordVisible] = useState(false);
  const createStaff = useCreateStaff();

  function update<K extends keyof AddStaffValues>(field: K, value: AddStaffValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: undefined }));
  }

  function close() {
    setValues(emptyValues);
    setFieldErrors({});
    setPasswordVisible(false);
    createStaff.reset();
    onClose();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(values);
    if ('errors' in result) return setFieldErrors(result.errors);
    createStaff.mutate(result.request, {
      onSuccess: (member) => {
        notifications.show({
          color: 'lagoon',
          title: 'Staff member added',
          message: `${member.displayName} can now sign in as ${staffRoleLabels[member.role]}.`,
        });
        close();
      },
      onError: (error) => {
        if (!isApiProblem(error)) return;
        const errors: FieldErrors = {};
        for (const field of fields) {
          const message = error.messageFor(field);
          if (message) errors[field] = message;
        }
        setFieldErrors(errors);
      },
    });
  }

  const problem = isApiProblem(createStaff.error) ? createStaff.error : undefined;
  const unplacedProblem = problem && !fields.some((field) => problem.messageFor(field)) ? problem : undefined;

  return (
    <Modal opened={opened} onClose={close} title="Add staff member" size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {unplacedProblem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {unplacedProblem.detail}
            </Alert>
          )}
          <TextInput
            label="Name"
            description="As it should appear on the schedule and in the audit log."
            required
            data-autofocus
            value={values.displayName}
            onChange={(event) => update('displayName', event.currentTarget.value)}
            error={fieldErrors.displayName}
          />
          <TextInput
            label="Email"
            type="email"
            description="They sign in with this address."
            required
            autoComplete="off"
            value={values.email}
            onChange={(event) => update('email', event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <Select
            label="Role"
            placeholder="Choose a role"
            required
            data={roleSelectData(viewerRole)}
            value={values.role}
            onChange={(role) => update('role', staffRoleSchema.safeParse(role).data ?? null)}
            description={values.role ? staffRoleDescriptions[values.role] : 'Decides what they can see and change.'}
            error={fieldErrors.role}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Stack gap={6}>
            <PasswordInput
              label="First password"
              required
              autoComplete="new-password"
              visible={passwordVisible}
              onVisibilityChange={setPasswordVisible}
              value={values.password}
              onChange={(event) => update('password', event.currentTarget.value)}
              error={fieldErrors.password}
              description="At least 10 characters."
            />
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="left"
              onClick={() => {
                update('password', generatePassword());
                setPasswordVisible(true);
              }}
            >
              Generate a strong password
            </Anchor>
          </Stack>
          <Alert variant="light" color="lagoon" icon={<IconShieldLock size={18} />} p="sm" role="note">
            <Text size="sm">Share this password with them securely — in person or by phone, never by email or text message.</Text>
          </Alert>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createStaff.isPending}>
              Add staff member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
