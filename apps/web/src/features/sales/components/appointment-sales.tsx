import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconReceipt2, IconShoppingCartCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useAppointmentInvoices } from '../api/get-appointment-invoices.ts';
import { invoicePath } from '../invoice-paths.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { takesPayments } from '../sales-roles.ts';
import { CheckoutModal } from './checkout-modal.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';

const checkoutStatuses: ReadonlySet<string> = new Set(['checked_in', 'in_procedure', 'completed']);

/**
 * Whether the signed-in staff member can check this appointment out now: once the patient is
 * checked in (or a completed visit that was never checked out), while it has no live checkout invoice.
 */
export function useCanCheckOut(appointment: BookAppointment): boolean {
  const { staff } = useSession();
  return (
    takesPayments(staff.role) &&
    appointment.kind === 'appointment' &&
    appointment.patient !== null &&
    checkoutStatuses.has(appointment.status) &&
    !appointment.checkoutInvoiceId
  );
}

/** The appointment drawer's "Checkout" button and its dialog. */
export function CheckoutButton({ appointment, onNavigate }: { appointment: BookAppointment; onNavigate: () => void }) {
  const canCheckOut = useCanCheckOut(appointment);
  const [open, setOpen] = useState(false);
  return (
    <>
      {canCheckOut && (
        <Button variant="light" leftSection={<IconShoppingCartCheck size={16} />} onClick={() => setOpen(true)}>
          Checkout
        </Button>
      )}
      <CheckoutModal appointment={open ? appointment : null} onClose={() => setOpen(false)} onNavigate={onNavigate} />
    </>
  );
}

/** The appointment's invoices (checkout, no-show or cancellation fee), each linking to its page in Sales. */
export function AppointmentInvoices({ appointment, onNavigate }: { appointment: BookAppointment; onNavigate: () => void }) {
  const { staff } = useSession();
  const visible = takesPayments(staff.role) && appointment.kind === 'appointment';
  const invoices = useAppointmentInvoices(appointment.id, appointment.version, { enabled: visible });
  if (!visible || !invoices.data || invoices.data.length === 0) return null;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <span style={{ color: 'var(--mantine-color-gray-6)', marginTop: 2 }} aria-hidden="true">
        <IconReceipt2 size={18} />
      </span>
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
          {invoices.data.length > 1 ? 'Invoices' : 'Invoice'}
        </Text>
        <Stack gap={4}>
          {invoices.data.map((invoice) => (
            <Group key={invoice.id} gap={8} wrap="wrap">
              <Anchor component={Link} to={invoicePath(invoice.id)} size="sm" fw={600} onClick={onNavigate}>
                #{invoice.number} {invoice.kindLabel}
              </Anchor>
              <Text size="sm">{formatMoney(invoice.totals.totalCents, invoice.currency)}</Text>
              <InvoiceStatusBadge status={invoice.status} size="xs" />
            </Group>
          ))}
        </Stack>
      </div>
    </Group>
  );
}
