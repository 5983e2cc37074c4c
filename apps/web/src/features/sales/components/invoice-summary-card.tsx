import { appointmentStatusLabels, appointmentStatusSchema, type Invoice } from '@glowdesk/contracts';
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatClinicDate, formatClinicSpan, formatClinicTime, wallClockOf, zoneAbbreviation } from '../../appointments/clinic-time.ts';
import { appointmentDayPath } from '../invoice-paths.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';
import { SectionCard } from './section-card.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      {children}
    </div>
  );
}

function balanceLine(invoice: Invoice, timeZone: string): string {
  const { totals, currency } = invoice;
  if (invoice.status === 'void') return 'Nothing is owed: the invoice was voided.';
  if (totals.balanceCents > 0) {
    return totals.amountPaidCents > 0
      ? `${formatMoney(totals.balanceCents, currency)} still due (${formatMoney(totals.amountPaidCents, currency)} paid).`
      : `${formatMoney(totals.balanceCents, currency)} due.`;
  }
  const paidOn = invoice.paidAt ? ` on ${formatClinicDate(invoice.paidAt, timeZone)}` : '';
  if (totals.amountRefundedCents > 0) {
    return `Paid${paidOn}; ${formatMoney(totals.amountRefundedCents, currency)} of ${formatMoney(totals.amountPaidCents, currency)} refunded.`;
  }
  return `Paid in full${paidOn}.`;
}

/** Who, where and what for: status, patient, clinic, when it was made, and its appointment. */
export function InvoiceSummaryCard({ invoice, timeZone }: { invoice: Invoice; timeZone: string }) {
  const createdBy = invoice.history.find((event) => event.type === 'created')?.actorName;
  const appointment = invoice.appointment;
  const appointmentStatus = appointment ? appointmentStatusSchema.safeParse(appointment.status) : undefined;
  return (
    <SectionCard title="Summary">
      <Stack gap="sm">
        <Group gap="sm">
          <InvoiceStatusBadge status={invoice.status} size="lg" />
        </Group>
        <Text size="sm">{balanceLine(invoice, timeZone)}</Text>
        {invoice.status === 'void' && invoice.voidReason && (
          <Alert color="gray" variant="light" title="Voided">
            {invoice.voidReason}
            {invoice.voidedAt ? ` (${formatClinicDate(invoice.voidedAt, timeZone)})` : ''}
          </Alert>
        )}
        <Field label="Patient">
          {invoice.patient ? (
            <Anchor component={Link} to={`/clients/${invoice.patient.id}`} size="sm" fw={600}>
              {invoice.patient.firstName} {invoice.patient.lastName}
            </Anchor>
          ) : (
            <Text size="sm">Patient</Text>
          )}
        </Field>
        <Field label="Clinic">
          <Text size="sm">{invoice.clinic?.name ?? '—'}</Text>
        </Field>
        <Field label="Created">
          <Text size="sm">
            {formatClinicDate(invoice.createdAt, timeZone)}, {formatClinicTime(invoice.createdAt, timeZone)}{' '}
            {zoneAbbreviation(invoice.createdAt, timeZone)}
          </Text>
          {createdBy && (
            <Text size="xs" c="dimmed">
              by {createdBy}
            </Text>
          )}
        </Field>
        {appointment && (
          <Field label="Appointment">
            <Text size="sm">{formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}</Text>
            <Text size="xs" c="dimmed">
              {[
                appointment.services.map((service) => service.name).join(', '),
                appointment.providerName,
                appointmentStatus?.success ? appointmentStatusLabels[appointmentStatus.data] : undefined,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Anchor
              component={Link}
              to={appointmentDayPath(appointment.status, invoice.clinicId, wallClockOf(appointment.start, appointment.timeZone).localDate)}
              size="sm"
            >
              {appointment.status === 'no_show' ? 'Open in No Shows' : 'Open the day in the appointment book'}
            </Anchor>
          </Field>
        )}
      </Stack>
    </SectionCard>
  );
}
