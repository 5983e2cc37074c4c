import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconBottle, IconGift, IconPackage, IconTrash } from '@tabler/icons-react';
import { formatAmountForInput, formatMoney, parseAmount } from '../../../shared/format/money.ts';
import type { WalletSaleDraft } from '../checkout-draft.ts';

/** A service the clinic offers, as a prepaid package can be sold of it. */
export interface SellableService {
  id: string;
  name: string;
  priceCents: number;
}

interface WalletSalesFieldsProps {
  sales: WalletSaleDraft[];
  onChange: (sales: WalletSaleDraft[]) => void;
  services: SellableService[];
  servicesLoading: boolean;
  currency: string;
  /** The message for one field (`walletSales[0].unitPrice`), once the user tried or the server named it. */
  fieldError: (field: string) => string | undefined;
  /** A problem with the wallet sales as a whole (e.g. the wallet keeps another currency). */
  error: string | undefined;
  disabled: boolean;
}

let saleSerial = 0;
function nextKey(): string {
  saleSerial += 1;
  return `wallet-sale-${saleSerial}`;
}

function lineTotalOf(sale: WalletSaleDraft, currency: string): string {
  if (sale.kind === 'credit') {
    const amount = parseAmount(sale.amount, currency);
    return amount.status === 'valid' ? formatMoney(amount.amountCents, currency) : '';
  }
  const price = parseAmount(sale.unitPrice, currency);
  const quantity = Number(sale.quantity);
  return price.status === 'valid' && Number.isInteger(quantity) && quantity > 0 ? formatMoney(price.amountCents * quantity, currency) : '';
}

/**
 * Checkout's "Sell to the wallet": prepaid packages (units of a service) and gift cards or
 * prepaid amounts, each an invoice line; they reach the client's wallet once the invoice is paid.
 */
export function WalletSalesFields({
  sales,
  onChange,
  services,
  servicesLoading,
  currency,
  fieldError,
  error,
  disabled,
}: WalletSalesFieldsProps) {
  function update(key: string, changes: Partial<WalletSaleDraft>) {
    onChange(sales.map((sale) => (sale.key === key ? ({ ...sale, ...changes } as WalletSaleDraft) : sale)));
  }
  const remove = (key: string) => onChange(sales.filter((sale) => sale.key !== key));
  const soldGiftCard = sales.some((sale) => sale.kind === 'credit');

  return (
    <Stack gap="xs" component="section" aria-label="Sell to the wallet">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          Sell to the wallet
        </Text>
        <Group gap={4}>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPackage size={14} />}
            disabled={disabled}
            onClick={() =>
              onChange([...sales, { key: nextKey(), kind: 'prepaid', serviceId: null, quantity: '1', unitPrice: '', expiresOn: '' }])
            }
          >
            Sell package
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconBottle size={14} />}
            disabled={disabled}
            onClick={() =>
              onChange([
                ...sales,
                { key: nextKey(), kind: 'prepaid', serviceId: null, productName: '', quantity: '1', unitPrice: '', expiresOn: '' },
              ])
            }
          >
            Sell product
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconGift size={14} />}
            disabled={disabled}
            onClick={() => onChange([...sales, { key: nextKey(), kind: 'credit', name: '', amount: '', expiresOn: '' }])}
          >
            Sell gift card
          </Button>
        </Group>
      </Group>
      {sales.length === 0 && (
        <Text size="xs" c="dimmed">
          Prepaid packages (units of a service or a product) and gift cards sold here reach the client’s wallet once the invoice is paid in
          full.
        </Text>
      )}
      {sales.map((sale, index) => {
        const field = `walletSales[${index}]`;
        const number = sales.filter((other) => other.kind === sale.kind).indexOf(sale) + 1;
        const what = sale.kind === 'prepaid' ? 'package' : 'gift card';
        // Second line of a sale: when it stops counting, then its total and the remove button.
        const footer = (
          <Group justify="space-between" align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label="Use by (optional)"
              type="date"
              value={sale.expiresOn}
              onChange={(event) => update(sale.key, { expiresOn: event.currentTarget.value })}
              error={fieldError(`${field}.expiresOn`)}
              w={160}
              size="sm"
            />
            <Group gap={4} wrap="nowrap" pb={4}>
              <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {lineTotalOf(sale, currency)}
              </Text>
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${what} ${number}`} onClick={() => remove(sale.key)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
        );
        if (sale.kind === 'prepaid') {
          return (
            <Paper key={sale.key} withBorder radius="md" p="xs" role="group" aria-label={`Package ${number}`}>
              <Stack gap="xs">
                <Group gap="xs" align="flex-start" wrap="wrap">
                  {sale.productName !== undefined ? (
                    <TextInput
                      label="Package product"
                      placeholder="e.g. SPF 50 sunscreen"
                      value={sale.productName}
                      onChange={(event) => update(sale.key, { productName: event.currentTarget.value })}
                      error={fieldError(`${field}.name`)}
                      maxLength={200}
                      style={{ flex: '1 1 220px' }}
                      size="sm"
                    />
                  ) : (
                    <Select
                      label="Package service"
                      placeholder={servicesLoading ? 'Loading services…' : 'Choose a service'}
                      data={services.map((service) => ({ value: service.id, label: service.name }))}
                      value={sale.serviceId}
                      onChange={(serviceId) => {
                        const service = services.find((candidate) => candidate.id === serviceId);
                        update(sale.key, {
                          serviceId,
                          ...(service && sale.unitPrice.trim() === ''
                            ? { unitPrice: formatAmountForInput(service.priceCents, currency) }
                            : {}),
                        });
                      }}
                      error={fieldError(`${field}.service`)}
                      searchable
                      nothingFoundMessage="No service by that name"
                      style={{ flex: '1 1 220px' }}
                      size="sm"
                    />
                  )}
                  <TextInput
                    label="Units"
                    value={sale.quantity}
                    onChange={(event) => update(sale.key, { quantity: event.currentTarget.value })}
                    error={fieldError(`${field}.quantity`)}
                    inputMode="numeric"
                    w={72}
                    size="sm"
                  />
                  <TextInput
                    label="Price per unit"
                    value={sale.unitPrice}
                    onChange={(event) => update(sale.key, { unitPrice: event.currentTarget.value })}
                    error={fieldError(`${field}.unitPrice`)}
                    inputMode="decimal"
                    w={116}
                    size="sm"
                  />
                </Group>
                {footer}
              </Stack>
            </Paper>
          );
        }
        return (
          <Paper key={sale.key} withBorder radius="md" p="xs" role="group" aria-label={`Gift card ${number}`}>
            <Stack gap="xs">
              <Group gap="xs" align="flex-start" wrap="wrap">
                <TextInput
                  label="Gift card description"
                  placeholder="Gift card"
                  value={sale.name}
                  onChange={(event) => update(sale.key, { name: event.currentTarget.value })}
                  error={fieldError(`${field}.name`)}
                  maxLength={200}
                  style={{ flex: '1 1 180px' }}
                  size="sm"
                />
                <TextInput
                  label="Credit amount"
                  value={sale.amount}
                  onChange={(event) => update(sale.key, { amount: event.currentTarget.value })}
                  error={fieldError(`${field}.amount`)}
                  inputMode="decimal"
                  w={116}
                  size="sm"
                />
              </Group>
              {footer}
            </Stack>
          </Paper>
        );
      })}
      {soldGiftCard && (
        <Text size="xs" c="dimmed">
          A gift card is credit held for later: it takes no discount or tax here; what it pays for later does.
        </Text>
      )}
      {error && (
        <Text size="sm" c="red.7" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
