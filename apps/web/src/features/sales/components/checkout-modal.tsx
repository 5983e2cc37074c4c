import type { CheckoutResponse } from '@glowdesk/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Divider,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { formatClinicSpan } from '../../appointments/clinic-time.ts';
import { useCheckoutAppointment } from '../api/checkout-appointment.ts';
import { useAppointmentInvoices } from '../api/get-appointment-invoices.ts';
import { useClinicBillingSettings } from '../api/get-clinic-billing-settings.ts';
import { previewCheckoutTotals, readCheckoutDraft, type DiscountDraft, type ProductDraft } from '../checkout-draft.ts';
import { invoicePath } from '../invoice-paths.ts';
import { formatMoney, formatTaxRate, parseAmount } from '../../../shared/format/money.ts';
import { describeMoneyProblem } from '../money-problems.ts';
import { readPaymentDraft, type PaymentDraft } from '../payment-draft.ts';
import { cardLabel } from '../payment-labels.ts';
import { MoneyProblemAlert } from './money-problem-alert.tsx';
import { PaymentChoiceFields } from './payment-choice-fields.tsx';

interface CheckoutModalProps {
  appointment: BookAppointment | null;
  onClose: () => void;
  /** Called when the user follows a link to Sales (the drawer underneath closes). */
  onNavigate: () => void;
}

/** Checkout: the services as booked, products, a discount and the clinic's tax; paid by card on file, a new card or cash. */
export function CheckoutModal({ appointment, onClose, onNavigate }: CheckoutModalProps) {
  return (
    <Modal
      opened={appointment !== null}
      onClose={onClose}
      title={
        <Title order={2} fz={20}>
          Checkout
        </Title>
      }
      size={640}
      closeOnClickOutside={false}
    >
      {appointment && <CheckoutForm appointment={appointment} onClose={onClose} onNavigate={onNavigate} />}
    </Modal>
  );
}

let productSerial = 0;
function emptyProduct(): ProductDraft {
  productSerial += 1;
  return { key: `product-${productSerial}`, name: '', quantity: '1', unitPrice: '' };
}

/** Where a server problem's field belongs on this form: `products[1].unitPriceCents` → the row's unit price. */
function formFieldOf(serverField: string): string {
  if (serverField.startsWith('discount')) return 'discount';
  if (serverField.startsWith('payment')) return 'payment';
  const product = /^products\[(\d+)\]\.(name|quantity|unitPriceCents)$/.exec(serverField);
  if (product) return `products[${product[1]}].${product[2] === 'unitPriceCents' ? 'unitPrice' : (product[2] ?? '')}`;
  return serverField;
}

function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isApiProblem(error, 400)) return {};
  const listed = error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.detail }] : [];
  const errors: Record<string, string> = {};
  for (const { field, message } of listed) errors[formFieldOf(field)] ??= message;
  return errors;
}

/** The checkout cannot be sent again (the card was declined, or the appointment already has its invoice): pay it from Sales. */
function isSettledFailure(error: unknown): error is ApiProblem {
  return isApiProblem(error, 402) || (isApiProblem(error, 409) && error.code === 'already_checked_out');
}

function CheckoutForm({ appointment, onClose, onNavigate }: { appointment: BookAppointment; onClose: () => void; onNavigate: () => void }) {
  const currency = appointment.services[0]?.currency ?? 'USD';
  const servicePricesCents = appointment.services.map((service) => service.priceCents);
  const settings = useClinicBillingSettings(appointment.clinicId);
  const [products, setProducts] = useState<ProductDraft[]>([]);
  const [discount, setDiscount] = useState<DiscountDraft>({ kind: 'none' });
  const [payment, setPayment] = useState<PaymentDraft>({ method: 'card_on_file', paymentMethodId: null });
  const [showErrors, setShowErrors] = useState(false);
  // One key per opening of the dialog: a double click, or a retry after a lost answer, checks out (and charges) once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const checkout = useCheckoutAppointment();
  const settledFailure = isSettledFailure(checkout.error);
  const invoices = useAppointmentInvoices(appointment.id, appointment.version, { enabled: settledFailure });
  const openInvoice = invoices.data?.find((invoice) => invoice.kind === 'service' && invoice.status !== 'void');

  const draft = readCheckoutDraft({ products, discount, servicePricesCents }, currency);
  const taxRateBps = settings.data?.taxRateBps ?? 0;
  const totals = previewCheckoutTotals({ servicePricesCents, products: draft.products, discount: draft.discount, taxRateBps });
  const paymentRead = readPaymentDraft(payment, totals.totalCents, currency);
  const serverErrors = serverFieldErrors(checkout.error);
  const fieldError = (field: string) => (showErrors ? draft.errors[field] : undefined) ?? serverErrors[field];
  const paymentError = (showErrors && paymentRead.status === 'invalid' ? paymentRead.message : undefined) ?? serverErrors.payment;
  const placedOnField = Object.keys(serverErrors).some(
    (field) => field === 'discount' || field === 'payment' || field.startsWith('products['),
  );
  const retrying = checkout.isError && describeMoneyProblem(checkout.error, 'checkout').retryable;
  const patientName = appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : 'Patient';

  if (checkout.data) return <CheckoutDone result={checkout.data} onClose={onClose} onNavigate={onNavigate} />;

  function updateProduct(key: string, changes: Partial<ProductDraft>) {
    setProducts((rows) => rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  }

  function submit() {
    setShowErrors(true);
    if (Object.keys(draft.errors).length > 0 || paymentRead.status !== 'ready' || checkout.isPending || settledFailure) return;
    checkout.mutate({
      appointmentId: appointment.id,
      request: {
        payment: paymentRead.payment,
        currency,
        ...(draft.products.length > 0 ? { products: draft.products } : {}),
        ...(draft.discount ? { discount: draft.discount } : {}),
      },
      idempotencyKey,
    });
  }

  const submitLabel = retrying
    ? 'Try again'
    : payment.method === 'cash'
      ? `Take ${formatMoney(totals.totalCents, currency)} cash`
      : `Charge ${formatMoney(totals.totalCents, currency)}`;

  return (
    <Stack gap="md">
      <Text size="sm">
        <Text span fw={600}>
          {patientName}
        </Text>{' '}
        · {formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}
      </Text>

      <Stack gap={6} component="section" aria-label="Services as booked">
        <Text size="sm" fw={600}>
          Services as booked
        </Text>
        {appointment.services.map((service) => (
          <Group key={service.position} justify="space-between" wrap="nowrap">
            <Text size="sm">{service.name}</Text>
            <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney(service.priceCents, service.currency)}
            </Text>
          </Group>
        ))}
      </Stack>

      <Stack gap="xs" component="section" aria-label="Products">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            Products
          </Text>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setProducts((rows) => [...rows, emptyProduct()])}
            disabled={settledFailure}
          >
            Add product
          </Button>
        </Group>
        {products.length === 0 && (
          <Text size="xs" c="dimmed">
            No products. Add any skincare or retail items sold with this visit.
          </Text>
        )}
        {products.map((row, index) => {
          const quantity = Number(row.quantity);
          const unitPrice = parseAmount(row.unitPrice, currency);
          return (
            <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                label="Product name"
                value={row.name}
                onChange={(event) => updateProduct(row.key, { name: event.currentTarget.value })}
                error={fieldError(`products[${index}].name`)}
                maxLength={200}
                style={{ flex: 1 }}
                size="sm"
              />
              <TextInput
                label="Qty"
                value={row.quantity}
                onChange={(event) => updateProduct(row.key, { quantity: event.currentTarget.value })}
                error={fieldError(`products[${index}].quantity`)}
                inputMode="numeric"
                w={64}
                size="sm"
              />
              <TextInput
                label="Unit price"
                value={row.unitPrice}
                onChange={(event) => updateProduct(row.key, { unitPrice: event.currentTarget.value })}
                error={fieldError(`products[${index}].unitPrice`)}
                inputMode="decimal"
                w={110}
                size="sm"
              />
              <Text size="sm" w={84} ta="right" mt={30} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {unitPrice.status === 'valid' && Number.isInteger(quantity) && quantity > 0
                  ? formatMoney(unitPrice.amountCents * quantity, currency)
                  : ''}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={28}
                aria-label={`Remove product ${index + 1}`}
                onClick={() => setProducts((rows) => rows.filter((candidate) => candidate.key !== row.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
      </Stack>

      <Stack gap="xs" component="section" aria-label="Discount">
        <Text size="sm" fw={600}>
          Discount
        </Text>
        <Group gap="sm" align="flex-start">
          <SegmentedControl
            aria-label="Discount kind"
            value={discount.kind}
            onChange={(kind) =>
              setDiscount(
                kind === 'percent' || kind === 'amount'
                  ? { kind, value: discount.kind === 'none' ? '' : discount.value }
                  : { kind: 'none' },
              )
            }
            data={[
              { value: 'none', label: 'None' },
              { value: 'percent', label: 'Percent' },
              { value: 'amount', label: 'Amount' },
            ]}
          />
          {discount.kind !== 'none' && (
            <TextInput
              aria-label={discount.kind === 'percent' ? 'Discount percent' : 'Discount amount'}
              value={discount.value}
              onChange={(event) => setDiscount({ kind: discount.kind, value: event.currentTarget.value })}
              error={fieldError('discount')}
              rightSection={
                <Text size="xs" c="dimmed">
                  {discount.kind === 'percent' ? '%' : currency}
                </Text>
              }
              rightSectionWidth={44}
              inputMode={discount.kind === 'percent' ? 'numeric' : 'decimal'}
              w={150}
            />
          )}
        </Group>
      </Stack>

      <Stack gap={4} ml="auto" w={300} component="section" aria-label="Totals">
        <TotalLine label="Subtotal" value={formatMoney(totals.subtotalCents, currency)} />
        {totals.discountCents > 0 && <TotalLine label="Discount" value={formatMoney(-totals.discountCents, currency)} />}
        <TotalLine
          label={settings.data ? `Tax (${formatTaxRate(settings.data.taxRateBps)})` : 'Tax'}
          value={
            settings.isPending ? (
              <Loader size={12} type="dots" aria-label="Loading the clinic’s tax rate" />
            ) : (
              formatMoney(totals.taxCents, currency)
            )
          }
        />
        <Divider />
        <TotalLine label="Total" value={formatMoney(totals.totalCents, currency)} strong />
        {settings.isError && (
          <Text size="xs" c="orange.8">
            The clinic’s tax rate could not be loaded; the invoice adds it when you check out.
          </Text>
        )}
      </Stack>

      <Divider />
      <PaymentChoiceFields
        patientId={appointment.patient?.id ?? ''}
        currency={currency}
        amountDueCents={totals.totalCents}
        value={payment}
        onChange={setPayment}
        error={paymentError}
      />

      {!placedOnField && (
        <MoneyProblemAlert error={checkout.error} action="checkout">
          {settledFailure && openInvoice && (
            <Text size="sm" mt={6}>
              <Anchor component={Link} to={invoicePath(openInvoice.id)} onClick={onNavigate} fw={600}>
                Open invoice #{openInvoice.number} in Sales
              </Anchor>{' '}
              to take another card or cash.
            </Text>
          )}
        </MoneyProblemAlert>
      )}

      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {settledFailure ? 'Close' : 'Back'}
        </Button>
        {!settledFailure && (
          <Button loading={checkout.isPending} onClick={submit} disabled={settings.isPending}>
            {submitLabel}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function TotalLine({ label, value, strong }: { label: string; value: ReactNode; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text component="div" size="sm" fw={strong ? 700 : 500} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Group>
  );
}

function CheckoutDone({ result, onClose, onNavigate }: { result: CheckoutResponse; onClose: () => void; onNavigate: () => void }) {
  const { invoice } = result;
  const payment = invoice.payments.findLast((candidate) => candidate.status === 'succeeded');
  const how = payment ? (payment.method === 'cash' ? 'in cash' : payment.card ? `to ${cardLabel(payment.card)}` : 'by card') : '';
  return (
    <Stack gap="md">
      <Alert color="lagoon" variant="light" icon={<IconCircleCheck size={18} />} title="Checked out">
        {formatMoney(invoice.totals.amountPaidCents, invoice.currency)} paid {how} on invoice #{invoice.number}.{' '}
        {result.appointment.status === 'completed' ? 'The appointment is completed.' : ''}
        {payment?.changeDueCents ? (
          <Text size="sm" fw={700} mt={6}>
            Give {formatMoney(payment.changeDueCents, invoice.currency)} change.
          </Text>
        ) : null}
      </Alert>
      <Group justify="space-between" gap="sm">
        <Anchor component={Link} to={invoicePath(invoice.id)} onClick={onNavigate} fw={600} size="sm">
          Open invoice #{invoice.number} in Sales
        </Anchor>
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
