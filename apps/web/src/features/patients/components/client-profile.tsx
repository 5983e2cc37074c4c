import { genderLabels, type Patient } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Grid, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconEdit, IconLock, IconMail, IconPhone, IconUserOff } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { AppointmentStatusBadge } from '../../appointments/components/appointment-status-badge.tsx';
import { PatientPaperwork } from '../../paperwork/components/patient-paperwork.tsx';
import { SignedDocuments } from '../../paperwork/components/signed-documents.tsx';
import { usePatient } from '../api/get-patient.ts';
import { usePastPatientAppointments, useUpcomingPatientAppointments } from '../api/get-patient-appointments.ts';
import { formatPhone } from '../format-phone.ts';
import { CardsOnFile } from './cards-on-file.tsx';
import { EditClientModal } from './edit-client-modal.tsx';
import { PortalAccess } from './portal-access-card.tsx';
import { GuardiansCard } from './guardians-card.tsx';
import { WalletCard } from '../../wallet/components/wallet-card.tsx';
import { EnrolClientMemberships } from '../../memberships/components/enrol-client-memberships.tsx';
import { NewProcedureQuickAction } from '../../emr/components/new-procedure-quick-action.tsx';
import { useSession } from '../../auth/components/session-context.tsx';
import { chartsFor } from '../../emr/emr-paths.ts';
import { MedicalHistoryCard } from '../../medical-history/components/medical-history-card.tsx';
import { PrescriptionsSection } from '../../emr/components/prescriptions-section.tsx';

function ageOn(dateOfBirth: string, today: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return age;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function AppointmentRows({ appointments }: { appointments: BookAppointment[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Services</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {appointments.map((appointment) => {
            const zone = appointment.timeZone;
            const date = new Intl.DateTimeFormat('en-US', {
              timeZone: zone,
              weekday: 'short',
              month: 'short',
              day: 'numeric',
              year: 'numeric',
            });
            const time = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
            return (
              <Table.Tr key={appointment.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {date.format(new Date(appointment.start))}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {time.format(new Date(appointment.start))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{appointment.services.map((service) => service.name).join(', ')}</Text>
                  {appointment.mode === 'virtual' && (
                    <Text size="xs" c="dimmed">
                      Virtual
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <AppointmentStatusBadge status={appointment.status} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SectionCard({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz={17}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function UpcomingAppointments({ patientId, nowMs }: { patientId: string; nowMs: number }) {
  const upcoming = useUpcomingPatientAppointments(patientId, nowMs);
  if (upcoming.isError)
    return <LoadError what="the upcoming appointments" error={upcoming.error} onRetry={() => void upcoming.refetch()} />;
  if (upcoming.isPending) return <Skeleton height={60} />;
  if (upcoming.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing booked in the next three months.
      </Text>
    );
  return <AppointmentRows appointments={upcoming.data} />;
}

function PastAppointments({ patientId, nowMs }: { patientId: string; nowMs: number }) {
  const past = usePastPatientAppointments(patientId, nowMs);
  if (past.isError) return <LoadError what="the past appointments" error={past.error} onRetry={() => void past.refetch()} />;
  if (past.isPending) return <Skeleton height={60} />;
  const items = past.data.pages.flatMap((page) => page.items);
  const oldestMs = past.data.pages.at(-1)?.windowEndMs ?? nowMs;
  const coveredMonths = Math.round((nowMs - oldestMs) / (30 * 86_400_000)) + 3;
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No visits in the last {coveredMonths} months.
        </Text>
      ) : (
        <AppointmentRows appointments={items} />
      )}
      <Group justify="center">
        <Button variant="subtle" size="xs" loading={past.isFetchingNextPage} onClick={() => void past.fetchNextPage()}>
          Show earlier visits
        </Button>
      </Group>
    </Stack>
  );
}

function ProfileDetails({ patient, onEdit }: { patient: Patient; onEdit: () => void }) {
  const address = [
    patient.addressLine1,
    patient.addressLine2,
    [patient.city, patient.region, patient.postalCode].filter(Boolean).join(', '),
    patient.country,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <SectionCard
      title="Details"
      actions={
        <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={onEdit}>
          Edit
        </Button>
      }
    >
      <Stack gap="sm">
        <Field label="Email">
          {patient.email ? (
            <Anchor href={`mailto:${patient.email}`} size="sm">
              <Group gap={4} component="span">
                <IconMail size={14} /> {patient.email}
              </Group>
            </Anchor>
          ) : (
            '—'
          )}
        </Field>
        <Field label="Phone">
          {patient.phone ? (
            <Anchor href={`tel:${patient.phone}`} size="sm">
              <Group gap={4} component="span">
                <IconPhone size={14} /> {formatPhone(patient.phone)}
              </Group>
            </Anchor>
          ) : (
            '—'
          )}
        </Field>
        <Field label="Date of birth">
          {patient.dateOfBirth ? `${formatCalendarDate(patient.dateOfBirth)} (age ${ageOn(patient.dateOfBirth, new Date())})` : '—'}
        </Field>
        <Field label="Gender">{patient.gender ? genderLabels[patient.gender] : '—'}</Field>
        <Field label="Address">
          <span style={{ whiteSpace: 'pre-line' }}>{address || '—'}</span>
        </Field>
        {patient.referralSource && <Field label="Heard of us through">{patient.referralSource}</Field>}
        <Field label="Preferences">
          Prefers {patient.preferredChannel === 'sms' ? 'SMS' : 'email'} ·{' '}
          {patient.marketingConsent ? 'Agrees to marketing' : 'No marketing'}
        </Field>
        {patient.notes && (
          <Field label="Notes">
            <span style={{ whiteSpace: 'pre-wrap' }}>{patient.notes}</span>
          </Field>
        )}
      </Stack>
    </SectionCard>
  );
}

/** A client's profile: details (editable), the medical history (clinical staff), cards on file, portal access, memberships (and the Membership Plan form), wallet, appointments, forms and signed documents. */
export function ClientProfile({ patientId, practiceTimeZone }: { patientId: string; practiceTimeZone: string }) {
  const patient = usePatient(patientId);
  const { staff } = useSession();
  const [editing, editModal] = useDisclosure(false);
  // Fixed for the visit, so the appointment windows (and their cache keys) do not drift.
  const [nowMs] = useState(() => Date.now());
  const back = (
    <Anchor component={Link} to="/clients" size="sm" mb="xs" display="inline-block">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> Clients
      </Group>
    </Anchor>
  );

  if (patient.isError) {
    return (
      <>
        {back}
        {isApiProblem(patient.error, 404) ? (
          <EmptyStateCard
            icon={<IconUserOff size={26} stroke={1.6} />}
            title="No such client"
            description="This client does not exist or belongs to another practice."
          />
        ) : isApiProblem(patient.error, 403) ? (
          <EmptyStateCard
            icon={<IconLock size={26} stroke={1.6} />}
            title="Not one of your clients"
            description="This client has no appointment with you, so their details are not shown. The front desk or a manager can help."
          />
        ) : (
          <LoadError what="the client" error={patient.error} onRetry={() => void patient.refetch()} />
        )}
      </>
    );
  }
  if (patient.isPending) {
    return (
      <>
        {back}
        <Stack gap="md" role="status" aria-label="Loading the client">
          <Skeleton height={36} width={280} />
          <Skeleton height={240} radius="lg" />
        </Stack>
      </>
    );
  }

  const client = patient.data;
  return (
    <>
      {back}
      <PageHeader
        title={`${client.firstName} ${client.lastName}`}
        description={`Client since ${new Intl.DateTimeFormat('en-US', { timeZone: practiceTimeZone, dateStyle: 'long' }).format(new Date(client.createdAt))}`}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ProfileDetails patient={client} onEdit={editModal.open} />
            {chartsFor(staff.role) && (
              <SectionCard title="Quick actions">
                <NewProcedureQuickAction patientId={client.id} />
              </SectionCard>
            )}
            <SectionCard title="Cards on file">
              <CardsOnFile patientId={client.id} patientName={`${client.firstName} ${client.lastName}`} />
            </SectionCard>
            <SectionCard title="Portal access">
              <PortalAccess patientId={client.id} practiceTimeZone={practiceTimeZone} />
            </SectionCard>
            <SectionCard title="Guardians">
              <GuardiansCard patientId={client.id} patientName={`${client.firstName} ${client.lastName}`} timeZone={practiceTimeZone} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {chartsFor(staff.role) && (
              <MedicalHistoryCard
                patientId={client.id}
                patientName={`${client.firstName} ${client.lastName}`}
                timeZone={practiceTimeZone}
              />
            )}
            <EnrolClientMemberships
              patientId={client.id}
              patientName={`${client.firstName} ${client.lastName}`}
              timeZone={practiceTimeZone}
            />
            <WalletCard patientId={client.id} patientName={`${client.firstName} ${client.lastName}`} timeZone={practiceTimeZone} />
            {chartsFor(staff.role) && (
              <PrescriptionsSection
                patientId={client.id}
                patientName={`${client.firstName} ${client.lastName}`}
                timeZone={practiceTimeZone}
              />
            )}
            <SectionCard title="Upcoming appointments">
              <UpcomingAppointments patientId={client.id} nowMs={nowMs} />
            </SectionCard>
            <PatientPaperwork patientId={client.id} timeZone={practiceTimeZone} />
            <SignedDocuments patientId={client.id} timeZone={practiceTimeZone} />
            <SectionCard title="Past appointments">
              <PastAppointments patientId={client.id} nowMs={nowMs} />
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && <EditClientModal patient={client} onClose={editModal.close} />}
      {!client.email && !client.phone && (
        <Alert color="yellow" variant="light" mt="md">
          No email or phone on file: this client cannot receive reminders.
        </Alert>
      )}
    </>
  );
}
