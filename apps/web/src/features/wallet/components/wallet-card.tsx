import type { Wallet, WalletEntry } from '@glowdesk/contracts';
import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconMinus, IconPlus, IconWallet } from '@tabler/icons-react';
import { useState } from 'react';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useWallet } from '../api/get-wallet.ts';
import { WalletCreditModal } from './wallet-credit-modal.tsx';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text fw={700} fz={20}>
        {value}
      </Text>
    </div>
  );
}

function EntryRows({
  entries,
  currency,
  timeZone,
}: {
  entries: (WalletEntry & { balanceLabel: string })[];
  currency: string;
  timeZone: string;
}) {
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium' });
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Entry</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{when.format(new Date(entry.createdAt))}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {entry.kindLabel} · {entry.balanceLabel}
                </Text>
                <Text size="sm">{entry.reason}</Text>
                <Text size="xs" c="dimmed">
                  {entry.createdByName ?? (entry.invoiceId ? 'At checkout' : '')}
                  {entry.expiresOn && ` · ${entry.expired ? 'expired' : 'expires'} ${formatCalendarDate(entry.expiresOn)}`}
                </Text>
              </Table.Td>
              <Table.Td ta="right" c={entry.amountCents < 0 ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(entry.amountCents, currency)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function WalletContents({ wallet, patientName, timeZone }: { wallet: Wallet; patientName: string; timeZone: string }) {
  const [changing, setChanging] = useState<'add' | 'remove' | null>(null);
  const entries = [
    ...wallet.credits.entries.map((entry) => ({ ...entry, balanceLabel: 'Credit' })),
    ...wallet.rewards.entries.map((entry) => ({ ...entry, balanceLabel: 'Reward' })),
  ].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const empty = entries.length === 0 && wallet.prepaid.length === 0;
  const currency = wallet.currency;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="xs">
        <Figure label="Total" value={formatMoney(wallet.totalCents, currency)} />
        <Figure label="Credits" value={formatMoney(wallet.credits.balanceCents, currency)} />
        <Figure label="Rewards" value={formatMoney(wallet.rewards.balanceCents, currency)} />
      </SimpleGrid>
      {(wallet.actions.addCredit || wallet.actions.removeCredit) && (
        <Group gap="xs">
          {wallet.actions.addCredit && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setChanging('add')}>
              Add credit
            </Button>
          )}
          {wallet.actions.removeCredit && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconMinus size={14} />}
              disabled={wallet.totalCents === 0}
              onClick={() => setChanging('remove')}
            >
              Remove credit
            </Button>
          )}
        </Group>
      )}
      {empty ? (
        <Text size="sm" c="dimmed">
          No credit, rewards or prepaid services yet. Credit added here, gift cards and packages sold at checkout appear in this wallet.
        </Text>
      ) : (
        <>
          <div>
            <Title order={3} fz={14} mb={4}>
              Products &amp; services
            </Title>
            {wallet.prepaid.length === 0 ? (
              <Text size="sm" c="dimmed">
                No prepaid services or products.
              </Text>
            ) : (
              <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {wallet.prepaid.map((item) => (
                  <Group key={item.lotId} component="li" justify="space-between" gap={4}>
                    <Text size="sm">{item.name}</Text>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" color="teal" style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
                        {item.remaining} of {item.purchased} left
                      </Badge>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {item.expiresOn ? `until ${formatCalendarDate(item.expiresOn)}` : 'no expiry'}
                      </Text>
                    </Group>
                  </Group>
                ))}
              </Stack>
            )}
          </div>
          {entries.length > 0 && (
            <div>
              <Title order={3} fz={14} mb={4}>
                Dollar credits &amp; rewards
              </Title>
              <EntryRows entries={entries} currency={currency} timeZone={timeZone} />
            </div>
          )}
        </>
      )}
      {changing && <WalletCreditModal wallet={wallet} patientName={patientName} direction={changing} onClose={() => setChanging(null)} />}
    </Stack>
  );
}

/** The client profile's Wallet: balances, prepaid services and the ledger; credit added and removed by the front desk and managers. */
export function WalletCard({ patientId, patientName, timeZone }: { patientId: string; patientName: string; timeZone: string }) {
  const wallet = useWallet(patientId);
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-label="Wallet">
      <Group gap={6} mb="sm">
        <IconWallet size={18} />
        <Title order={2} fz={17}>
          Wallet
        </Title>
      </Group>
      {wallet.isError ? (
        <LoadError what="the wallet" error={wallet.error} onRetry={() => void wallet.refetch()} />
      ) : wallet.isPending ? (
        <Skeleton height={80} />
      ) : (
        <WalletContents wallet={wallet.data} patientName={patientName} timeZone={timeZone} />
      )}
    </Paper>
  );
}
