import type { Wallet, WalletEntry, WalletPrepaidItem } from '@glowdesk/contracts';
import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconGift, IconPackage, IconWallet } from '@tabler/icons-react';
import { formatMoney } from '../../shared/format/money.ts';
import { formatCalendarDate } from '../../shared/format/person-dates.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalWallet } from '../api/portal-wallet.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';

/**
 * Client Wallet: what the patient holds at the practice, in three sections — My Wallet (the
 * total value), Dollar Credits & Rewards (each credit with what is left and until when), and
 * Products & Services (prepaid units left, with their expiry). The clinic applies them at
 * checkout; the patient only reads them here.
 */
export function WalletPage() {
  usePageTitle('Client Wallet');
  const practice = useCurrentPractice();
  const wallet = usePortalWallet(practice.slug);

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Client Wallet
      </Title>
      {wallet.isPending && <Skeleton h={220} radius="md" />}
      {wallet.isError && <LoadError what="your wallet" error={wallet.error} onRetry={() => void wallet.refetch()} />}
      {wallet.data && (
        <>
          <MyWallet wallet={wallet.data} practiceName={practice.name} />
          <CreditsAndRewards wallet={wallet.data} />
          <ProductsAndServices items={wallet.data.prepaid} />
        </>
      )}
    </Stack>
  );
}

function MyWallet({ wallet, practiceName }: { wallet: Wallet; practiceName: string }) {
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="my-wallet">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconWallet size={28} stroke={1.6} aria-hidden="true" />
        <div>
          <Title order={2} size="h4" id="my-wallet">
            My Wallet
          </Title>
          <Text fz={32} fw={700} lh={1.2} mt={4}>
            {formatMoney(wallet.totalCents, wallet.currency)}
          </Text>
          <Text size="sm" c="dimmed">
            {wallet.totalCents > 0
              ? `Credits and rewards ${practiceName} applies when you pay at your next visit.`
              : `No credit to spend yet. Credits, gift cards and rewards from ${practiceName} show here.`}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** Grants still worth something today, soonest expiry first (those without an expiry last). */
function liveGrants(entries: WalletEntry[]): WalletEntry[] {
  return entries
    .filter((entry) => (entry.remainingCents ?? 0) > 0 && !entry.expired)
    .sort((a, b) => (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31'));
}

function CreditsAndRewards({ wallet }: { wallet: Wallet }) {
  const grants = [
    ...liveGrants(wallet.credits.entries).map((entry) => ({ entry, balance: 'Credit' })),
    ...liveGrants(wallet.rewards.entries).map((entry) => ({ entry, balance: 'Reward' })),
  ];
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="credits-and-rewards">
      <Title order={2} size="h4" id="credits-and-rewards" mb="sm">
        Dollar Credits &amp; Rewards
      </Title>
      <SimpleGrid cols={2} spacing="sm" mb="sm">
        <Balance label="Dollar credits" cents={wallet.credits.balanceCents} currency={wallet.credits.currency} />
        <Balance label="Rewards" cents={wallet.rewards.balanceCents} currency={wallet.rewards.currency} />
      </SimpleGrid>
      {grants.length === 0 ? (
        <Text size="sm" c="dimmed">
          You have no dollar credits or rewards right now.
        </Text>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Credits and rewards you can spend">
          {grants.map(({ entry, balance }) => (
            <Group
              key={entry.id}
              component="li"
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>
                  {balance} · {entry.reason}
                </Text>
                <Text size="sm" c="dimmed">
                  {entry.expiresOn ? `Use by ${formatCalendarDate(entry.expiresOn)}` : 'No expiry'}
                </Text>
              </div>
              <Text fw={700} style={{ flexShrink: 0 }}>
                {formatMoney(entry.remainingCents ?? 0, entry.currency)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function Balance({ label, cents, currency }: { label: string; cents: number; currency: string }) {
  return (
    <div>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg">
        {formatMoney(cents, currency)}
      </Text>
    </div>
  );
}

function ProductsAndServices({ items }: { items: WalletPrepaidItem[] }) {
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="products-and-services">
      <Title order={2} size="h4" id="products-and-services" mb="sm">
        Products &amp; Services
      </Title>
      {items.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <IconPackage size={18} stroke={1.6} aria-hidden="true" />
          <Text size="sm" c="dimmed">
            No prepaid products or services. Packages you buy at the clinic show here with what is left of them.
          </Text>
        </Group>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Prepaid products and services">
          {items.map((item) => (
            <Group
              key={item.lotId}
              component="li"
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <IconGift size={20} stroke={1.6} aria-hidden="true" style={{ flexShrink: 0 }} />
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>{item.name}</Text>
                  <Text size="sm" c="dimmed">
                    {item.expiresOn ? `Use by ${formatCalendarDate(item.expiresOn)}` : 'No expiry'}
                  </Text>
                </div>
              </Group>
              <Badge variant="light" color="lagoon" size="lg" style={{ flexShrink: 0 }}>
                {item.remaining} of {item.purchased} left
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
