import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCrown } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useClientMemberships, useEnrolPlans } from '../api/enrol-membership.ts';
import { membershipPath } from '../membership-paths.ts';
import { EnrolMembershipModal } from './enrol-membership-modal.tsx';
import { MembershipStatusBadge } from './membership-status-badge.tsx';

function formatDate(localDate: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${localDate}T00:00:00Z`));
}

/**
 * The client profile's Memberships card: each membership (plan, tier, status, next draw date,
 * linked to its page) and the Membership Plan button that enrols the client in another plan.
 */
export function EnrolClientMemberships({ patientId, patientName, timeZone }: { patientId: string; patientName: string; timeZone: string }) {
  const memberships = useClientMemberships(patientId);
  const plans = useEnrolPlans();
  const [enrolling, setEnrolling] = useState(false);
  const tierOf = (planId: string) => plans.data?.find((plan) => plan.id === planId)?.perks;

  if (memberships.isError && isApiProblem(memberships.error, 403)) return null;
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-label="Memberships">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz={17}>
          Memberships
        </Title>
        <Button size="xs" leftSection={<IconCrown size={14} />} onClick={() => setEnrolling(true)}>
          Membership Plan
        </Button>
      </Group>
      {memberships.isError ? (
        <LoadError what="the memberships" error={memberships.error} onRetry={() => void memberships.refetch()} />
      ) : memberships.isPending ? (
        <Skeleton height={40} />
      ) : memberships.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not a member. Membership Plan enrols {patientName} in a plan.
        </Text>
      ) : (
        <Stack gap="xs">
          {memberships.data.map((membership) => {
            const perks = tierOf(membership.planId);
            return (
              <Group key={membership.id} justify="space-between" wrap="wrap" gap="xs" data-testid="client-membership">
                <Stack gap={0}>
                  <Group gap={6}>
                    <Anchor component={Link} to={membershipPath(membership.id)} size="sm" fw={600}>
                      {membership.planName}
                    </Anchor>
                    {perks?.tierName && (
                      <Badge
                        size="xs"
                        variant="outline"
                        tt="none"
                        style={perks.tierColor ? { borderColor: perks.tierColor, color: '#1f2937' } : undefined}
                      >
                        {perks.tierName}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatMoney(membership.priceCents, membership.currency)} / {membership.interval} ·{' '}
                    {membership.nextDrawDate ? `next draw ${formatDate(membership.nextDrawDate)}` : 'no draw scheduled'}
                  </Text>
                </Stack>
                <MembershipStatusBadge status={membership.status} />
              </Group>
            );
          })}
        </Stack>
      )}
      <EnrolMembershipModal
        opened={enrolling}
        patientId={patientId}
        patientName={patientName}
        timeZone={timeZone}
        onClose={() => setEnrolling(false)}
      />
    </Paper>
  );
}
