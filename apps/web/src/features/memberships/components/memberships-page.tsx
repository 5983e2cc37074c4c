import { membershipStatusLabels, membershipStatusSchema, type MembershipPlan } from '@glowdesk/contracts';
import { Button, Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconIdBadge2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useMembershipPlans } from '../api/get-membership-plans.ts';
import { useMemberships } from '../api/get-memberships.ts';
import type { MembershipListFilters } from '../api/membership-query-keys.ts';
import { hasMembershipFilters, readMembershipFilters, writeMembershipFilters } from '../membership-filters.ts';
import { MembershipTable } from './membership-table.tsx';

const TITLE = 'Memberships';

const statusOptions = membershipStatusSchema.options.map((status) => ({ value: status, label: membershipStatusLabels[status] }));

function MembershipTableSkeleton() {
  return (
    <Paper withBorder radius="lg" bg="white">
      <Stack gap="sm" p="md" role="status" aria-label="Loading members">
        {[0, 1, 2, 3, 4].map((row) => (
          <Skeleton key={row} height={34} radius="sm" />
        ))}
      </Stack>
    </Paper>
  );
}

/** Monthly recurring revenue: active and past-due members' monthly price, one figure per currency. */
function RecurringRevenue({
  amounts,
  loading,
  filtered,
}: {
  amounts: { currency: string; amountCents: number }[] | undefined;
  loading: boolean;
  /** The server counts the members the filters leave. */
  filtered: boolean;
}) {
  const text =
    amounts === undefined
      ? undefined
      : amounts.length === 0
        ? formatMoney(0, 'USD')
        : amounts.map((amount) => formatMoney(amount.amountCents, amount.currency)).join(' + ');
  return (
    <Paper withBorder radius="lg" bg="white" px="md" py="xs" miw={260} component="section" aria-label="Monthly recurring revenue">
      <Text size="xs" c="dimmed" fw={600}>
        Monthly recurring revenue
      </Text>
      {loading || text === undefined ? (
        <Skeleton height={28} width={120} mt={4} />
      ) : (
        <Text fz={24} fw={700} lh={1.3}>
          {text}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {filtered ? 'Of the members shown that are active or past due' : 'Active and past-due members; a yearly price counts a twelfth'}
      </Text>
    </Paper>
  );
}

function MembershipFilterBar({
  filters,
  plans,
  onChange,
}: {
  filters: MembershipListFilters;
  plans: MembershipPlan[];
  onChange: (filters: MembershipListFilters) => void;
}) {
  const planOptions = plans.map((plan) => ({ value: plan.id, label: plan.name }));
  return (
    <Paper withBorder radius="lg" p="md" mb="md" bg="white" component="section" aria-label="Filter members">
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label="Status"
          placeholder="Any status"
          data={statusOptions}
          value={filters.status ?? null}
          onChange={(status) => onChange({ ...filters, status: membershipStatusSchema.safeParse(status).data })}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label="Plan"
          placeholder="Any plan"
          data={planOptions}
          value={filters.planId ?? null}
          onChange={(planId) => onChange({ ...filters, planId: planId ?? undefined })}
          clearable
          searchable
          nothingFoundMessage="No plan by that name"
          w={{ base: '100%', xs: 240 }}
        />
        {hasMembershipFilters(filters) && (
          <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => onChange({})}>
            Clear filters
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** The Memberships tab: every member with plan, status and next draw, and the monthly recurring revenue. */
export function MembershipsPage({ emptyActions }: { emptyActions?: ReactNode }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readMembershipFilters(searchParams);
  const memberships = useMemberships(filters);
  const plans = useMembershipPlans();
  const applyFilters = (next: MembershipListFilters) => setSearchParams(writeMembershipFilters(next), { replace: true });

  if (isApiProblem(memberships.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} />
        <RestrictedNotice title="Your role cannot open Memberships">
          Members, their payments and their cards are handled by the front desk, admins and owners. Ask one of them if a membership needs a
          change.
        </RestrictedNotice>
      </>
    );
  }

  const items = memberships.data?.items ?? [];
  const filtered = hasMembershipFilters(filters);

  function renderResults() {
    if (memberships.isError) return <LoadError what="the members" error={memberships.error} onRetry={() => void memberships.refetch()} />;
    if (memberships.isPending) return <MembershipTableSkeleton />;
    if (items.length === 0) {
      return filtered ? (
        <EmptyStateCard
          icon={<IconFilterOff size={26} stroke={1.6} />}
          title="No members match these filters"
          description="Try another status or plan, or clear the filters to see every member."
          actions={
            <Button variant="light" onClick={() => applyFilters({})}>
              Clear filters
            </Button>
          }
        />
      ) : (
        <EmptyStateCard
          icon={<IconIdBadge2 size={26} stroke={1.6} />}
          title="No members yet"
          description="Clients enrolled in a membership plan are listed here with their plan, status and next draw date. Enrol a client from their profile's Membership Plan, or let patients become members in the portal."
          actions={emptyActions}
        />
      );
    }
    return (
      <>
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden', opacity: memberships.isPlaceholderData ? 0.6 : 1 }}>
          <MembershipTable memberships={items} />
        </Paper>
        <Text size="sm" c="dimmed" ta="center" mt="md">
          {items.length === 1 ? 'One membership.' : `${items.length} memberships.`}
        </Text>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        description="Members with their plan, status and next draw date. Open a membership to hold, resume or cancel it, or change its card."
        actions={
          <RecurringRevenue amounts={memberships.data?.monthlyRecurringRevenue} loading={memberships.isPending} filtered={filtered} />
        }
      />
      <MembershipFilterBar filters={filters} plans={plans.data ?? []} onChange={applyFilters} />
      {renderResults()}
    </>
  );
}
