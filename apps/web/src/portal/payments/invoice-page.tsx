import type { PortalInvoice } from '@glowdesk/contracts';
import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, Radio, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { cardExpiry, cardLabel } from '../../shared/format/card-label.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { invoiceReceiptUrl, usePayInvoice, usePortalCards, usePortalInvoice } from '../api/portal-payments.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { paymentHistoryPath, paymentMethodsPath } from '../portal-paths.ts';
import { AddCardPanel } from './add-card-panel.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';

/** One invoice from Payment History: its lines, totals, payments and refunds, its receipt, and paying it when unpaid. */
export function InvoicePage() {
  const practice = useCurrentPractice();
  const { invoiceId = '' } = useParams();
  const invoice = usePortalInvoice(practice.slug, invoiceId);
  usePageTitle(invoice.data ? `Invoice #${invoice.data.number}` : 'Invoice');

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to={paymentMethodsPath(practice.slug)} size="sm">
          Payment Methods
        </Anchor>
        <Anchor component={Link} to={paymentHistoryPath(practice.slug)} size="sm">
          Payment History
        </Anchor>
        <Text size="sm">{invoice.data ? `Invoice #${invoice.data.number}` : 'Invoice'}</Text>
      </Breadcrumbs>
      {invoice.isPending && <Skeleton h={200} radius="md" />}
      {invoice.isError && <LoadError what="this invoice" error={invoice.error} onRetry={() => void invoice.refetch()} />}
      {invoice.data && <InvoiceContent invoice={invoice.data} />}
    </Stack>
  );
}

function InvoiceContent({ invoice }: { invoice: PortalInvoice }) {
  const practice = useCurrentPractice();
  const money = (cents: number) => formatMoney(cents, invoice.currency);
  const when = (iso: string) =>
    new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: practice.timezone });
  const { totals } = invoice;
  // Tax shows once, among the totals, under its line's name ("Tax (4.5%)").
  const taxLabel = invoice.lines.find((line) => line.kind === 'tax')?.description ?? 'Tax';
  const items = invoice.lines.filter((line) => line.kind !== 'tax');
  const totalRows: [string, number][] = [
    ['Subtotal', totals.subtotalCents],
    ...(totals.discountCents > 0 ? [['Discount', -totals.discountCents] as [string, number]] : []),
    ...(totals.taxCents > 0 ? [[taxLabel, totals.taxCents] as [string, number]] : []),
    ['Total', totals.totalCents],
    ['Paid', totals.amountPaidCents],
    ...(totals.amountRefundedCents > 0 ? [['Refunded', -totals.amountRefundedCents] as [string, number]] : []),
    ['Balance due', totals.balanceCents],
  ];

  return (
    <>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1} size="h2">
            Invoice #{invoice.number}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {invoice.kindLabel} · {when(invoice.createdAt)}
            {invoice.clinicName ? ` · ${invoice.clinicName}` : ''}
          </Text>
          {invoice.appointment && (
            <Text size="sm" c="dimmed">
              Visit {when(invoice.appointment.start)}
              {invoice.appointment.providerName ? ` with ${invoice.appointment.providerName}` : ''}
            </Text>
          )}
        </div>
        <InvoiceStatusBadge status={invoice.status} label={invoice.statusLabel} />
      </Group>

      {invoice.canPay && <PayInvoice invoice={invoice} />}
      {invoice.status === 'paid' && invoice.paidAt && (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} role="status">
          Paid in full on {when(invoice.paidAt)}. Thank you.
        </Alert>
      )}

      <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="invoice-items">
        <Title order={2} size="h4" id="invoice-items" mb="xs">
          Items
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Qty</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((line) => (
                <Table.Tr key={line.position}>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td ta="right">{line.quantity}</Table.Td>
                  <Table.Td ta="right">{money(line.totalCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Table mt="xs" maw={320} ml="auto" verticalSpacing={4} aria-label="Totals">
          <Table.Tbody>
            {totalRows.map(([label, cents]) => (
              <Table.Tr key={label} fw={label === 'Total' || label === 'Balance due' ? 700 : undefined}>
                <Table.Th fw="inherit">{label}</Table.Th>
                <Table.Td ta="right" c={label === 'Balance due' && cents > 0 ? 'red.8' : undefined}>
                  {money(cents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {(invoice.payments.length > 0 || invoice.refunds.length > 0) && (
        <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="invoice-payments">
          <Title order={2} size="h4" id="invoice-payments" mb="xs">
            Payments and refunds
          </Title>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {invoice.payments.map((payment) => (
              <li key={payment.id}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <div>
                    <Text size="sm" fw={500}>
                      {payment.card
                        ? cardLabel(payment.card)
                        : payment.method === 'cash'
                          ? 'Cash'
                          : payment.method === 'wallet_credit'
                            ? 'Wallet credit'
                            : 'Card'}{' '}
                      · {payment.status === 'succeeded' ? 'Paid' : payment.status === 'failed' ? 'Did not go through' : 'Processing'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {when(payment.settledAt ?? payment.createdAt)}
                      {payment.failureMessage ? ` · ${payment.failureMessage}` : ''}
                    </Text>
                  </div>
                  <Text
                    size="sm"
                    fw={600}
                    td={payment.status === 'failed' ? 'line-through' : undefined}
                    c={payment.status === 'failed' ? 'dimmed' : undefined}
                  >
                    {money(payment.amountCents)}
                  </Text>
                </Group>
              </li>
            ))}
            {invoice.refunds.map((refund) => (
              <li key={refund.id}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <div>
                    <Text size="sm" fw={500}>
                      Refund {refund.method === 'card' ? 'to your card' : refund.method === 'cash' ? 'in cash' : 'to your wallet'}
                      {refund.status === 'succeeded' ? '' : ' · processing'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {when(refund.createdAt)}
                    </Text>
                  </div>
                  <Text size="sm" fw={600}>
                    −{money(refund.amountCents)}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        </Paper>
      )}

      <Group>
        <Button
          component="a"
          href={invoiceReceiptUrl(invoice.id)}
          download={`receipt-${invoice.number}.html`}
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden="true" />}
        >
          Download receipt
        </Button>
      </Group>
    </>
  );
}

const NEW_CARD = 'new';

/**
 * Pay the balance with a card on file or a new one. One Idempotency-Key per attempt: a second
 * tap or a retry after a lost answer is the same attempt and is charged once; after a decline
 * (the attempt ended) the next try is a new one.
 */
function PayInvoice({ invoice }: { invoice: PortalInvoice }) {
  const practice = useCurrentPractice();
  const cards = usePortalCards(practice.slug);
  const pay = usePayInvoice(practice.slug);
  const [chosen, setChosen] = useState<string | undefined>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const defaultCard = cards.data?.items.find((card) => card.isDefault) ?? cards.data?.items[0];
  const selected = chosen ?? (cards.data ? (defaultCard?.id ?? NEW_CARD) : undefined);
  const amount = formatMoney(invoice.totals.balanceCents, invoice.currency);
  const problem = isApiProblem(pay.error) ? pay.error : undefined;

  function submit(paymentMethodId: string) {
    pay.mutate(
      { invoiceId: invoice.id, paymentMethodId, currency: invoice.currency, idempotencyKey },
      {
        onError: (error) => {
          // A decline ended this attempt; anything else (no answer, still charging) is retried under the same key.
          if (isApiProblem(error, 402) || (isApiProblem(error) && error.status >= 400 && error.status < 500 && error.status !== 409)) {
            setIdempotencyKey(crypto.randomUUID());
          }
        },
      },
    );
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      bg="white"
      component="section"
      aria-labelledby="pay-invoice"
      style={{ borderColor: 'var(--mantine-color-red-7)' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="pay-invoice">
          Pay {amount}
        </Title>
        {cards.isPending && <Skeleton h={60} />}
        {cards.isError && <LoadError what="your cards" error={cards.error} onRetry={() => void cards.refetch()} />}
        {cards.data && (
          <Radio.Group value={selected} onChange={setChosen} label="Pay with" name="pay-with">
            <Stack gap="xs" mt="xs">
              {cards.data.items.map((card) => (
                <Radio
                  key={card.id}
                  value={card.id}
                  label={`${cardLabel(card)}${card.isDefault ? ' (default)' : ''}`}
                  description={`Expires ${cardExpiry(card)}`}
                />
              ))}
              <Radio value={NEW_CARD} label="A new card" />
            </Stack>
          </Radio.Group>
        )}
        {selected === NEW_CARD ? (
          <AddCardPanel
            slug={practice.slug}
            title="New card"
            makeDefault={false}
            onCancel={() => setChosen(defaultCard?.id)}
            onSaved={(card) => setChosen(card.id)}
          />
        ) : (
          selected && (
            <Group>
              <Button
                size="md"
                loading={pay.isPending}
                leftSection={<IconCircleCheck size={18} aria-hidden="true" />}
                onClick={() => submit(selected)}
              >
                Pay {amount}
              </Button>
            </Group>
          )
        )}
        {problem && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            title={problem.status === 402 ? 'The payment did not go through' : 'Could not pay'}
          >
            {problem.detail}
            {problem.status === 402 ? ' Choose another card or add a new one.' : ''}
          </Alert>
        )}
        {cards.data && cards.data.items.length === 0 && selected !== NEW_CARD && (
          <Button variant="light" leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={() => setChosen(NEW_CARD)}>
            Add New Payment Method
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
