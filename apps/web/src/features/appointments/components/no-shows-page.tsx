import '@mantine/dates/styles.css';
import { Anchor, Badge, Button, Group, Paper, Select, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconArrowLeft, IconCalendar, IconRestore, IconUserCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useSession } from '../../auth/components/session-context.tsx';
import { getInvoice } from '../../sales/api/get-invoice.ts';
import { invoiceKey } from '../../sales/api/invoice-query-keys.ts';
import { invoicePath } from '../../sales/invoice-paths.ts';
import { takesPayments } from '../../sales/sales-roles.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useClinics } from '../api/get-clinics.ts';
import { useNoShows } from '../api/get-no-shows.ts';
import { useProviders } from '../api/get-providers.ts';
import { addDays, formatClinicDate, formatClinicTime, localDatesToRange, localToday, zoneAbbreviation } from '../clinic-time.ts';
import { describeNoShowFee, keepNoShowRange, MAX_NO_SHOW_DAYS } from '../no-show-range.ts';
import { RestoreNoShowModal } from './restore-no-show-modal.tsx';
import { useAppointmentPermissions } from '../use-appointment-permissions.ts';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_DAYS = 30;

/** The fee's state from its invoice (paid, refunded…); roles that do not see invoices see that it was requested. */
function NoShowFeeCell({ invoiceId }: { invoiceId: string | null }) {
  const { staff } = useSession();
  const seesInvoices = takesPayments(staff.role);
  const invoice = useQuery({
    queryKey: invoiceKey(invoiceId ?? 'none'),
    queryFn: ({ signal }) => getInvoice(invoiceId ?? '', signal),
    enabled: seesInvoices && invoiceId !== null,
  });
  const fee = describeNoShowFee(invoice.data?.status);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={fee.color} variant="light" tt="none" styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}>
        {fee.label}
      </Badge>
      {seesInvoices && invoiceId && (
        <Anchor component={Link} to={invoicePath(invoiceId)} size="xs">
          View invoice
        </Anchor>
      )}
    </Stack>
  );
}

/** Wrench → No Shows: every no-show in a date range, filtered by clinic and provider, each one restorable. */
export function NoShowsPage({ practiceTimeZone }: { practiceTimeZone: string }) {
  const [params, setParams] = useSearchParams();
  const clinics = useClinics();
  const clinicId = params.get('clinic') ?? undefined;
  const clinic = clinics.data?.find((candidate) => candidate.id === clinicId);
  const providers = useProviders(clinicId);
  const providerId = params.get('provider') ?? undefined;
  // Dates are days in the chosen clinic's zone (the practice's when all clinics are shown).
  const timeZone = clinic?.timezone ?? practiceTimeZone;
  const today = localToday(timeZone);
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const fromDate = fromParam && LOCAL_DATE.test(fromParam) ? fromParam : addDays(today, -DEFAULT_DAYS);
  // A link may ask for more days than the list reads at once: it shows the first 93 (the note under the filters says so).
  const askedTo = toParam && LOCAL_DATE.test(toParam) ? toParam : today;
  const toDate = askedTo > addDays(fromDate, MAX_NO_SHOW_DAYS - 1) ? addDays(fromDate, MAX_NO_SHOW_DAYS - 1) : askedTo;
  const rangeProblem = toDate < fromDate ? 'Pick a date on or after the "From" date.' : undefined;
  const noShows = useNoShows(
    rangeProblem ? undefined : { ...localDatesToRange(fromDate, addDays(toDate, 1), timeZone), clinicId, providerId },
  );
  const [restoring, setRestoring] = useState<BookAppointment | null>(null);
  const permissions = useAppointmentPermissions();
  const providerNames = new Map((providers.data ?? []).map((provider) => [provider.id, provider.displayName]));
  const clinicNames = new Map((clinics.data ?? []).map((candidate) => [candidate.id, candidate.name]));

  function set(changes: Record<string, string | undefined>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  }

  const rows = noShows.data ?? [];
  return (
    <>
      <Anchor
        component={Link}
        to={clinicId ? `/appointments?clinic=${clinicId}` : '/appointments'}
        size="sm"
        mb="xs"
        display="inline-block"
      >
        <Group gap={4} component="span">
          <IconArrowLeft size={14} /> Appointment book
        </Group>
      </Anchor>
      <PageHeader
        title="No Shows"
        description="Appointments marked as no-shows. Restore one to put it back on the appointment book; restoring never refunds a fee already charged: owners and admins (and the front desk, where the practice allows it) refund it from its invoice in Sales."
      />
      <Paper withBorder radius="lg" p="md" mb="md" bg="white" component="section" aria-label="No-show filters">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <DatePickerInput
            label="From"
            value={fromDate}
            onChange={(value) => value && set(keepNoShowRange({ from: value, to: toDate }, 'from'))}
            valueFormat="MMM D, YYYY"
            leftSection={<IconCalendar size={16} stroke={1.6} />}
            w={{ base: '100%', xs: 170 }}
            popoverProps={{ withinPortal: true }}
          />
          <DatePickerInput
            label="To"
            value={toDate}
            onChange={(value) => value && set(keepNoShowRange({ from: fromDate, to: value }, 'to'))}
            valueFormat="MMM D, YYYY"
            leftSection={<IconCalendar size={16} stroke={1.6} />}
            error={rangeProblem}
            w={{ base: '100%', xs: 170 }}
            popoverProps={{ withinPortal: true }}
          />
          <Select
            label="Clinic"
            placeholder="All clinics"
            data={(clinics.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            value={clinicId ?? null}
            onChange={(value) => set({ clinic: value ?? undefined, provider: undefined })}
            clearable
            w={{ base: '100%', xs: 290 }}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Provider"
            placeholder="All providers"
            data={(providers.data ?? []).map((provider) => ({ value: provider.id, label: provider.displayName }))}
            value={providerId ?? null}
            onChange={(value) => set({ provider: value ?? undefined })}
            clearable
            w={{ base: '100%', xs: 220 }}
            comboboxProps={{ withinPortal: true }}
          />
          {(fromParam || toParam || clinicId || providerId) && (
            <Button variant="subtle" color="gray" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Reset filters
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Whole days in {timeZone.replaceAll('_', ' ')}, up to {MAX_NO_SHOW_DAYS} days at a time (moving one date past that moves the other
          with it). Move the dates back to see older no-shows.
        </Text>
      </Paper>
      {noShows.isError ? (
        <LoadError what="the no-shows" error={noShows.error} onRetry={() => void noShows.refetch()} />
      ) : noShows.isPending && !rangeProblem ? (
        <Stack gap="sm" role="status" aria-label="Loading no-shows">
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} height={40} radius="sm" />
          ))}
        </Stack>
      ) : rows.length === 0 ? (
        <EmptyStateCard
          icon={<IconUserCheck size={26} stroke={1.6} />}
          title="No no-shows in this range"
          description="Nobody missed an appointment between these dates with these filters. Widen the dates to look further back."
        />
      ) : (
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover aria-label="No-shows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Appointment</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Services</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Clinic</Table.Th>
                  <Table.Th miw={170}>Fee</Table.Th>
                  <Table.Th w={120}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((appointment) => {
                  const patientName = appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : 'Patient';
                  return (
                    <Table.Tr key={appointment.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {formatClinicDate(appointment.start, appointment.timeZone)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatClinicTime(appointment.start, appointment.timeZone)} –{' '}
                          {formatClinicTime(appointment.end, appointment.timeZone)}{' '}
                          {zoneAbbreviation(appointment.start, appointment.timeZone)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {appointment.patient ? (
                          <Anchor component={Link} to={`/clients/${appointment.patient.id}`} size="sm" fw={600}>
                            {patientName}
                          </Anchor>
                        ) : (
                          patientName
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{appointment.services.map((service) => service.name).join(', ')}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{providerNames.get(appointment.providerId) ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{clinicNames.get(appointment.clinicId) ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        {appointment.noShowFeeRequested ? (
                          <NoShowFeeCell invoiceId={appointment.feePolicy?.noShowFeeInvoiceId ?? null} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            None
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {permissions.mayActFor(appointment.providerId) ? (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRestore size={14} />}
                            onClick={() => setRestoring(appointment)}
                            aria-label={`Restore ${patientName}, ${formatClinicDate(appointment.start, appointment.timeZone)}`}
                          >
                            Restore
                          </Button>
                        ) : (
                          <Text size="xs" c="dimmed">
                            Another provider’s
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <RestoreNoShowModal appointment={restoring} onClose={() => setRestoring(null)} />
    </>
  );
}
