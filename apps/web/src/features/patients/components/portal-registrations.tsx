import {
  genderLabels,
  type Patient,
  type PortalRegistration,
  type RegistrationField,
  type StoredRegistrationDetails,
} from '@glowdesk/contracts';
import { Anchor, Badge, Button, Checkbox, Group, Modal, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useHandleRegistration, usePortalRegistrations } from '../api/portal-registrations.ts';
import { formatPhone } from '../format-phone.ts';

interface FieldRow {
  field: RegistrationField;
  label: string;
  submitted: (details: StoredRegistrationDetails) => string | null;
  onFile: (patient: Patient) => string | null;
}

function joinAddress(parts: (string | null | undefined)[]): string | null {
  const present = parts.filter((part): part is string => Boolean(part));
  return present.length > 0 ? present.join(', ') : null;
}

const rows: FieldRow[] = [
  { field: 'firstName', label: 'First name', submitted: (d) => d.firstName, onFile: (p) => p.firstName },
  { field: 'lastName', label: 'Last name', submitted: (d) => d.lastName, onFile: (p) => p.lastName },
  {
    field: 'dateOfBirth',
    label: 'Date of birth',
    submitted: (d) => formatCalendarDate(d.dateOfBirth),
    onFile: (p) => (p.dateOfBirth ? formatCalendarDate(p.dateOfBirth) : null),
  },
  {
    field: 'phone',
    label: 'Phone',
    submitted: (d) => (d.phone ? formatPhone(d.phone) : null),
    onFile: (p) => (p.phone ? formatPhone(p.phone) : null),
  },
  { field: 'email', label: 'Email', submitted: (d) => d.email, onFile: (p) => p.email },
  {
    field: 'gender',
    label: 'Gender',
    submitted: (d) => (d.gender ? genderLabels[d.gender] : null),
    onFile: (p) => (p.gender ? genderLabels[p.gender] : null),
  },
  {
    field: 'address',
    label: 'Address',
    submitted: (d) =>
      d.address
        ? joinAddress([d.address.line1, d.address.line2, d.address.city, d.address.region, d.address.postalCode, d.address.country])
        : null,
    onFile: (p) => joinAddress([p.addressLine1, p.addressLine2, p.city, p.region, p.postalCode, p.country]),
  },
  { field: 'referralSource', label: 'Heard of us through', submitted: (d) => d.referralSource, onFile: (p) => p.referralSource },
  {
    field: 'marketingConsent',
    label: 'News and offers',
    submitted: (d) => (d.marketingOptIn ? 'Yes' : 'No'),
    onFile: (p) => (p.marketingConsent ? 'Yes' : 'No'),
  },
];

const submittedAtFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}

/** The fields a merge copies unless the staff member changes them: what the profile lacks, and the proved contact. */
function suggestedFields(registration: PortalRegistration, patient: Patient): RegistrationField[] {
  return rows
    .filter((row) => {
      const submitted = row.submitted(registration.details);
      if (submitted === null || row.field === 'marketingConsent') return false;
      if (row.field === (registration.channel === 'sms' ? 'phone' : 'email')) return row.onFile(patient) !== submitted;
      return row.onFile(patient) === null;
    })
    .map((row) => row.field);
}

function MergeModal({ registration, patient, onClose }: { registration: PortalRegistration; patient: Patient; onClose: () => void }) {
  const handle = useHandleRegistration();
  const [fields, setFields] = useState<RegistrationField[]>(() => suggestedFields(registration, patient));
  const problem = isApiProblem(handle.error) ? handle.error : undefined;
  const copyable = rows.filter((row) => row.submitted(registration.details) !== null);

  function merge() {
    handle.mutate(
      { kind: 'merge', registrationId: registration.id, body: { patientId: patient.id, fields } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'lagoon',
            title: 'Registration merged',
            message: `${fullName(patient)} can sign in to the portal with ${registration.contact}.`,
          });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`Merge into ${fullName(patient)}`} size="lg">
      <Stack gap="md">
        <Text size="sm">Choose what to copy from the registration onto this profile. Fields left unticked keep what is on file.</Text>
        <Checkbox.Group label="Copy from the registration" value={fields} onChange={(value) => setFields(value)}>
          <Stack gap="xs" mt="xs">
            {copyable.map((row) => (
              <Checkbox
                key={row.field}
                value={row.field}
                label={`${row.label}: ${row.submitted(registration.details) ?? ''}${row.onFile(patient) ? ` (on file: ${row.onFile(patient)})` : ' (empty on file)'}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {problem && (
          <Text c="red" size="sm" role="alert">
            {problem.detail}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={merge} loading={handle.isPending}>
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RegistrationCard({ registration }: { registration: PortalRegistration }) {
  const handle = useHandleRegistration();
  const [merging, setMerging] = useState<Patient | undefined>();
  const name = fullName(registration.details);
  const headingId = `registration-${registration.id}`;
  const problem = isApiProblem(handle.error) ? handle.error : undefined;

  function act(kind: 'create-client' | 'dismiss') {
    handle.mutate(
      { kind, registrationId: registration.id },
      {
        onSuccess: () =>
          notifications.show({
            color: 'lagoon',
            title: kind === 'dismiss' ? 'Registration dismissed' : 'Client created',
            message: kind === 'dismiss' ? `The registration from ${name} was dismissed.` : `${name} is now a client.`,
          }),
      },
    );
  }

  return (
    <Paper component="article" aria-labelledby={headingId} withBorder radius="lg" bg="white" p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {name}
            </Title>
            <Text size="sm" c="dimmed">
              Registered {submittedAtFormat.format(new Date(registration.submittedAt))} · proved{' '}
              {registration.channel === 'sms' ? 'phone' : 'email'}{' '}
              {registration.channel === 'sms' ? formatPhone(registration.contact) : registration.contact}
            </Text>
          </div>
          <Badge variant="light" color="orange">
            {registration.matches.length === 1 ? '1 profile has this contact' : `${registration.matches.length} profiles have this contact`}
          </Badge>
        </Group>
        <Table.ScrollContainer minWidth={560}>
          <Table withColumnBorders aria-label={`What ${name} submitted next to the profiles on file`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">Registration</Table.Th>
                {registration.matches.map((patient) => (
                  <Table.Th scope="col" key={patient.id}>
                    <Anchor component={Link} to={`/clients/${patient.id}`} size="sm" fw={600}>
                      {fullName(patient)}
                    </Anchor>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const submitted = row.submitted(registration.details);
                return (
                  <Table.Tr key={row.field}>
                    <Table.Th scope="row" fw={500}>
                      {row.label}
                    </Table.Th>
                    <Table.Td>{submitted ?? '—'}</Table.Td>
                    {registration.matches.map((patient) => {
                      const onFile = row.onFile(patient);
                      const differs = submitted !== null && onFile !== null && onFile !== submitted;
                      return (
                        <Table.Td key={patient.id} c={differs ? 'orange.9' : undefined} fw={differs ? 600 : undefined}>
                          {onFile ?? '—'}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {problem && (
          <Text c="red" size="sm" role="alert">
            {problem.detail}
          </Text>
        )}
        <Group gap="sm" wrap="wrap">
          {registration.matches.map((patient) => (
            <Button key={patient.id} variant="light" onClick={() => setMerging(patient)} disabled={handle.isPending}>
              {registration.matches.length === 1 ? 'Merge into this profile' : `Merge into ${fullName(patient)}`}
            </Button>
          ))}
          <Button
            variant="default"
            onClick={() => act('create-client')}
            loading={handle.isPending && handle.variables.kind === 'create-client'}
          >
            Create as new client
          </Button>
          <Button
            variant="subtle"
            color="red"
            onClick={() => act('dismiss')}
            loading={handle.isPending && handle.variables.kind === 'dismiss'}
          >
            Dismiss
          </Button>
        </Group>
      </Stack>
      {merging && <MergeModal registration={registration} patient={merging} onClose={() => setMerging(undefined)} />}
    </Paper>
  );
}

/**
 * Clients → Portal registrations: sign-ups whose phone or email belongs to a profile that did
 * not match their date of birth and last name. The front desk merges, creates or dismisses.
 */
export function PortalRegistrations() {
  const registrations = usePortalRegistrations();
  return (
    <>
      <Anchor component={Link} to="/clients" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden="true" /> Clients
      </Anchor>
      <PageHeader
        title="Portal registrations"
        description="People who signed up in the patient portal with a phone or email already on file, under a different date of birth or last name. Link each to the right client."
      />
      {registrations.isError ? (
        <LoadError what="the portal registrations" error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : !registrations.data ? (
        <Stack gap="sm" role="status" aria-label="Loading registrations">
          {[0, 1].map((row) => (
            <Skeleton key={row} height={160} radius="lg" />
          ))}
        </Stack>
      ) : registrations.data.items.length === 0 ? (
        <EmptyStateCard
          icon={<IconInbox size={26} stroke={1.6} />}
          title="Nothing to link"
          description="Registrations whose phone or email is already on file under someone else's details wait here."
        />
      ) : (
        <Stack gap="md">
          {registrations.data.items.map((registration) => (
            <RegistrationCard key={registration.id} registration={registration} />
          ))}
        </Stack>
      )}
    </>
  );
}
