import type { CheckoutResponse } from '@glowdesk/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
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
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { formatClinicSpan } from '../../appointments/clinic-time.ts';
import { useServices } from '../../appointments/api/get-services.ts';
import { useWallet } from '../../wallet/api/get-wallet.ts';
import { useCheckoutAppointment } from '../api/checkout-appointment.ts';
import { useAppointmentInvoices } from '../api/get-appointment-invoices.ts';
import { useClinicBillingSettings } from '../api/get-clinic-billing-settings.ts';
import {
  prepaidUnitsByService,
  previewCheckoutTotals,
  readCheckoutDraft,
  readPrepaidRedemptions,
  readWalletSales,
  type DiscountDraft,
  type ProductDraft,
  type WalletSaleDraft,
} from '../checkout-draft.ts';
import { invoicePath } from '../invoice-paths.ts';
import { formatMoney, formatTaxRate, parseAmount } from '../../../shared/format/money.ts';
import { describeMoneyProblem } from '../money-problems.ts';
import { readPaymentDraft, walletFundsOf, type PaymentDraft } from '../payment-draft.ts';
import { cardLabel } from '../payment-labels.ts';
import { MoneyProblemAlert } from './money-problem-alert.tsx';
import { PaymentChoiceFields } from './payment-choice-fields.tsx';
import { WalletSalesFields } from './wallet-sales-fields.tsx';

interface CheckoutModalProps {
  appointment: BookAppointment | null;
  onClose: () => void;
  /** Called when the user follows a link to Sales (the drawer underneath closes). */
  onNavigate: () => void;
}

/**
 * Checkout: the services as booked (a prepaid unit may pay one), products, prepaid packages and
 * gift cards sold to the wallet, a discount and the clinic's tax; paid by card on file, a new
 * card, cash or wallet credit.
 */
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

const walletSaleFields: Record<string, string> = {
  serviceId: 'service',
  quantity: 'quantity',
  unitPriceCents: 'unitPrice',
  amountCents: 'amount',
  expiresOn: 'expiresOn',
};

/** Where a server problem's field belongs on this form: `products[1].unitPriceCents` → the row's unit price. */
function formFieldOf(serverField: string): string {
  if (serverField.startsWith('discount')) return 'discount';
  if (serverField.startsWith('payment')) return 'payment';
  if (serverField.startsWith('prepaidServiceIds')) return 'prepaid';
  const sale = /^walletSales\[(\d+)\]\.(\w+)$/.exec(serverField);
  const saleField = sale ? walletSaleFields[sale[2] ?? ''] : undefined;
  if (sale && saleField) return `walletSales[${sale[1]}].${saleField}`;
  if (serverField.startsWith('walletSales')) return 'walletSales';
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
  const patientId = appointment.patient?.id ?? '';
  const wallet = useWallet(patientId, { enabled: patientId !== '' });
  const clinicServices = useServices(appointment.clinicId);
  const [products, setProducts] = useState<ProductDraft[]>([]);
  const [walletSaleDrafts, setWalletSaleDrafts] = useState<WalletSaleDraft[]>([]);
  const [redeemedPositions, setRedeemedPositions] = useState<ReadonlySet<number>>(() => new Set());
  const [discount, setDiscount] = useState<DiscountDraft>({ kind: 'none' });
  const [payment, setPayment] = useState<PaymentDraft>({ method: 'card_on_file', paymentMethodId: null });
  const [showErrors, setShowErrors] = useState(false);
  // One key per opening of the dialog: a double click, or a retry after a lost answer, checks out (and charges) once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const checkout = useCheckoutAppointment();
  const settledFailure = isSettledFailure(checkout.error);
  const invoices = useAppointmentInvoices(appointment.id, appointment.version, { enabled: settledFailure });
  const openInvoice = invoices.data?.find((invoice) => invoice.kind === 'service' && invoice.status !== 'void');

  const sellableServices = useMemo(
    () =>
      (clinicServices.data ?? [])
        .filter((service) => service.currency === currency)
        .map((service) => ({ id: service.id, name: service.name, priceCents: service.priceCents })),
    [clinicServices.data, currency],
  );
  const unitsByService = prepaidUnitsByService(wallet.data?.prepaid ?? []);
  const redemptions = readPrepaidRedemptions(appointment.services, redeemedPositions, unitsByService);
  const sales = readWalletSales(walletSaleDrafts, sellableServices, currency);
  const draft = readCheckoutDraft(
    { products, discount, servicePricesCents, walletSales: sales.walletSales, redeemedPricesCents: redemptions.redeemedPricesCents },
    currency,
  );
  const formErrors: Record<string, string> = {
    ...draft.errors,
    ...sales.errors,
    ...(redemptions.error ? { prepaid: redemptions.error } : {}),
  };
  const taxRateBps = settings.data?.taxRateBps ?? 0;
  const totals = previewCheckoutTotals({
    servicePricesCents,
    products: draft.products,
    walletSales: sales.walletSales,
    redeemedPricesCents: redemptions.redeemedPricesCents,
    discount: draft.discount,
    taxRateBps,
  });
  // Prepaid units (or a zero price) can leave nothing to pay: no payment is taken then.
  const nothingToPay = totals.totalCents === 0;
  const paymentRead = readPaymentDraft(payment, totals.totalCents, currency, wallet.data ? walletFundsOf(wallet.data) : undefined);
  const serverErrors = serverFieldErrors(checkout.error);
  const fieldError = (field: string) => (showErrors ? formErrors[field] : undefined) ?? serverErrors[field];
  const paymentError = (showErrors && paymentRead.status === 'invalid' ? paymentRead.message : undefined) ?? serverErrors.payment;
  const placedOnField = Object.keys(serverErrors).some(
    (field) =>
      field === 'discount' ||
      field === 'payment' ||
      field === 'prepaid' ||
      field.startsWith('products[') ||
      field.startsWith('walletSales'),
  );
  const retrying = checkout.isError && describeMoneyProblem(checkout.error, 'checkout').retryable;
  const patientName = appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : 'Patient';

  if (checkout.data) return <CheckoutDone result={checkout.data} onClose={onClose} onNavigate={onNavigate} />;

  function updateProduct(key: string, changes: Partial<ProductDraft>) {
    setProducts((rows) => rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  }

  function toggleRedeemed(position: number, redeemed: boolean) {
    setRedeemedPositions((positions) => {
      const next = new Set(positions);
      if (redeemed) next.add(position);
      else next.delete(position);
      return next;
    });
  }

  function submit() {
    setShowErrors(true);
    const paymentReady = nothingToPay || paymentRead.status === 'ready';
    if (Object.keys(formErrors).length > 0 || !paymentReady || checkout.isPending || settledFailure) return;
    checkout.mutate({
      appointmentId: appointment.id,
      patientId: appointment.patient?.id ?? null,
      request: {
        // The API asks for a payment choice even when the invoice comes to zero; it takes none then.
        payment: paymentRead.status === 'ready' ? paymentRead.payment : { method: 'cash' },
        currency,
        ...(draft.products.length > 0 ? { products: draft.products } : {}),
        ...(draft.discount ? { discount: draft.discount } : {}),
        ...(sales.walletSales.length > 0 ? { walletSales: sales.walletSales } : {}),
        ...(redemptions.prepaidServiceIds.length > 0 ? { prepaidServiceIds: redemptions.prepaidServiceIds } : {}),
      },
      idempotencyKey,
    });
  }

  const total = formatMoney(totals.totalCents, currency);
  const submitLabel = retrying
    ? 'Try again'
    : nothingToPay
      ? 'Check out'
      : payment.method === 'cash'
        ? `Take ${total} cash`
        : payment.method === 'wallet_credit'
          ? `Pay ${total} from the wallet`
          : `Charge ${total}`;

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
        {appointment.services.map((service) => {
          const unitsLeft = unitsByService.get(service.serviceId) ?? 0;
          const redeemed = redeemedPositions.has(service.position);
          // Units already taken by this service's earlier bookings on the same appointment.
          const takenBefore = appointment.services.filter(
            (other) => other.serviceId === service.serviceId && other.position < service.position && redeemedPositions.has(other.position),
          ).length;
          const canRedeem = service.priceCents > 0 && (redeemed || unitsLeft - takenBefore > 0);
          return (
            <Stack key={service.position} gap={4}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm">{service.name}</Text>
                  {redeemed && (
                    <Badge size="sm" variant="light" color="teal" tt="none" style={{ flexShrink: 0 }}>
                      Prepaid
                    </Badge>
                  )}
                </Group>
                <Text
                  size="sm"
                  td={redeemed ? 'line-through' : undefined}
                  c={redeemed ? 'dimmed' : undefined}
                  style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                >
                  {formatMoney(service.priceCents, service.currency)}
                </Text>
              </Group>
              {canRedeem && (
                <Checkbox
                  size="xs"
                  label={`Pay ${service.name} with a prepaid unit`}
                  description={`${unitsLeft - takenBefore} left in the client’s wallet${redeemed ? `, ${unitsLeft - takenBefore - 1} after this visit` : ''}`}
                  checked={redeemed}
                  onChange={(event) => toggleRedeemed(service.position, event.currentTarget.checked)}
                  disabled={settledFailure}
                />
              )}
            </Stack>
          );
        })}
        {fieldError('prepaid') && (
          <Text size="sm" c="red.7" role="alert">
            {fieldError('prepaid')}
          </Text>
        )}
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

      <WalletSalesFields
        sales={walletSaleDrafts}
        onChange={setWalletSaleDrafts}
        services={sellableServices}
        servicesLoading={clinicServices.isPending}
        currency={currency}
        fieldError={fieldError}
        error={serverErrors.walletSales}
        disabled={settledFailure}
      />

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

      <Stack gap={4} ml="auto" w="100%" maw={300} component="section" aria-label="Totals">
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
      {nothingToPay ? (
        <Text size="sm" role="status">
          Nothing to pay: {redemptions.prepaidServiceIds.length > 0 ? 'prepaid units cover this visit.' : 'this visit comes to zero.'}
        </Text>
      ) : (
        <PaymentChoiceFields
          patientId={patientId}
          currency={currency}
          amountDueCents={totals.totalCents}
          value={payment}
          onChange={setPayment}
          error={paymentError}
          wallet={wallet}
        />
      )}

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
  const how = payment
    ? payment.method === 'cash'
      ? 'in cash'
      : payment.method === 'wallet_credit'
        ? 'from the wallet'
        : payment.card
          ? `to ${cardLabel(payment.card)}`
          : 'by card'
    : '';
  const soldToWallet = invoice.lines.some((line) => line.kind === 'prepaid' || line.kind === 'wallet_credit');
  return (
    <Stack gap="md">
      <Alert color="lagoon" variant="light" icon={<IconCircleCheck size={18} />} title="Checked out">
        {invoice.totals.totalCents === 0
          ? `Invoice #${invoice.number} comes to ${formatMoney(0, invoice.currency)}: nothing to pay.`
          : `${formatMoney(invoice.totals.amountPaidCents, invoice.currency)} paid ${how} on invoice #${invoice.number}.`}{' '}
        {result.appointment.status === 'completed' ? 'The appointment is completed.' : ''}
        {soldToWallet && invoice.status === 'paid' ? ' What was sold to the wallet is in the client’s wallet now.' : ''}
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
