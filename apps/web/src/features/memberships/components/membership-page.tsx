import type { MembershipDetail } from '@glowdesk/contracts';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCreditCard, IconPlayerPause, IconPlayerPlay, IconRefresh, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { cardLabel } from '../../../shared/format/card-label.ts';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { formatClinicDate } from '../../appointments/clinic-time.ts';
import { useAllClinics } from '../../sales/api/get-all-clinics.ts';
import { useMembership } from '../api/get-membership.ts';
import { MEMBERSHIPS_PATH } from '../membership-paths.ts';
import { availableActions, perIntervalLabels } from '../membership-status.ts';
import { describeDrawDay, describeMembershipCoupon, describeMinimumTerm } from '../membership-text.ts';
import { MembershipActionModal, type MembershipAction } from './membership-action-modal.tsx';
import { MembershipPeriodsCard } from './membership-periods-card.tsx';
import { MembershipStatusBadge } from './membership-status-badge.tsx';

function BackToMemberships() {
  return (
    <Anchor component={Link} to={MEMBERSHIPS_PATH} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={14} aria-hidden="true" />
      Memberships
    </Anchor>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** When the membership ends or is held, in a sentence; undefined when it simply goes on. */
function statusNote(membership: MembershipDetail, timeZone: string): string | undefined {
  if (membership.status === 'cancelled') {
    return membership.cancelledAt ? `Cancelled on ${formatClinicDate(membership.cancelledAt, timeZone)}.` : 'Cancelled.';
  }
  if (membership.status === 'on_hold') {
    return membership.heldUntil ? `On hold until ${formatCalendarDate(membership.heldUntil)}.` : 'On hold until resumed.';
  }
  if (membership.status === 'suspended')
    return 'Suspended after the last retry of a declined payment: change the card to charge it and go on.';
  if (membership.status === 'past_due') return 'A payment was declined and is being retried.';
  if (membership.cancelsOn) return `Ends on ${formatCalendarDate(membership.cancelsOn)}; that draw is not charged.`;
  return undefined;
}

function MembershipSummary({ membership, timeZone }: { membership: MembershipDetail; timeZone: string }) {
  const note = statusNote(membership, timeZone);
  const money = (cents: number) => formatMoney(cents, membership.currency);
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-labelledby="membership-summary-title">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} fz={16} id="membership-summary-title">
          Membership
        </Title>
        <Group gap={6}>
          <MembershipStatusBadge status={membership.status} size="md" />
          {membership.needsAttention && (
            <Badge color="yellow" variant="outline" size="md" tt="none" fw={600}>
              Needs attention
            </Badge>
          )}
        </Group>
      </Group>
      {note && (
        <Text size="sm" mb="sm">
          {note}
        </Text>
      )}
      <SimpleGrid component="dl" cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
        <Fact label="Plan">{membership.planName}</Fact>
        <Fact label="Price">
          {money(membership.priceCents)} {perIntervalLabels[membership.interval]}
        </Fact>
        <Fact label="Card">{cardLabel(membership.paymentMethod)}</Fact>
        <Fact label="Draw day">{describeDrawDay(membership)}</Fact>
        <Fact label="Next draw">{membership.nextDrawDate ? formatCalendarDate(membership.nextDrawDate) : 'None scheduled'}</Fact>
        <Fact label="Member since">{formatCalendarDate(membership.enrolledOn)}</Fact>
        <Fact label="Minimum term">{describeMinimumTerm(membership.minimumTerm)}</Fact>
        <Fact label="Coupon">{membership.coupon ? describeMembershipCoupon(membership.coupon, money) : 'None'}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

function MembershipActions({ membership, onChoose }: { membership: MembershipDetail; onChoose: (action: MembershipAction) => void }) {
  const allowed = availableActions(membership);
  return (
    <>
      {allowed.hold && (
        <Button variant="default" leftSection={<IconPlayerPause size={16} />} onClick={() => onChoose('hold')}>
          Hold
        </Button>
      )}
      {allowed.resume && (
        <Button variant="default" leftSection={<IconPlayerPlay size={16} />} onClick={() => onChoose('resume')}>
          Resume
        </Button>
      )}
      {allowed.changeCard && (
        <Button variant="default" leftSection={<IconCreditCard size={16} />} onClick={() => onChoose('change-card')}>
          Change card
        </Button>
      )}
      {allowed.cancel && (
        <Button variant="light" color="red" leftSection={<IconX size={16} />} onClick={() => onChoose('cancel')}>
          Cancel
        </Button>
      )}
    </>
  );
}

function MembershipPageSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading the membership">
      <Skeleton height={32} width="40%" />
      <Skeleton height={180} radius="lg" />
      <Skeleton height={160} radius="lg" />
    </Stack>
  );
}

/** One membership: plan, status, card, draw day, its payments, and what staff can do with it. */
export function MembershipPage({ membershipId, practiceTimeZone }: { membershipId: string; practiceTimeZone: string }) {
  const membership = useMembership(membershipId);
  const clinics = useAllClinics();
  const [action, setAction] = useState<MembershipAction | null>(null);

  if (isApiProblem(membership.error, 403)) {
    return (
      <>
        <BackToMemberships />
        <PageHeader title="Membership" />
        <RestrictedNotice title="Your role cannot open memberships">
          Members, their payments and their cards are handled by the front desk, admins and owners.
        </RestrictedNotice>
      </>
    );
  }
  if (isApiProblem(membership.error, 404) || isApiProblem(membership.error, 400)) {
    return (
      <>
        <BackToMemberships />
        <PageHeader title="Membership not found" />
        <EmptyStateCard
          icon={<IconAlertTriangle size={26} stroke={1.6} />}
          title="There is no such membership"
          description="The link may be mistyped, or the membership may belong to another practice. Find the member in the Memberships tab."
          actions={
            <Button component={Link} to={MEMBERSHIPS_PATH} variant="light">
              Go to Memberships
            </Button>
          }
        />
      </>
    );
  }
  if (membership.isError) {
    return (
      <>
        <BackToMemberships />
        <PageHeader title="Membership" />
        <LoadError what="the membership" error={membership.error} onRetry={() => void membership.refetch()} />
      </>
    );
  }
  if (membership.isPending) {
    return (
      <>
        <BackToMemberships />
        <MembershipPageSkeleton />
      </>
    );
  }

  const detail = membership.data;
  const timeZone = clinics.data?.find((clinic) => clinic.id === detail.clinicId)?.timezone ?? practiceTimeZone;
  const attention = detail.periods.find((period) => period.status === 'attention');
  return (
    <>
      <BackToMemberships />
      <PageHeader
        title={`${detail.patientName} · ${detail.planName}`}
        description={
          <>
            Membership of{' '}
            <Anchor component={Link} to={`/clients/${detail.patientId}`} size="sm" underline="always">
              {detail.patientName}
            </Anchor>
            , charged {formatMoney(detail.priceCents, detail.currency)} {perIntervalLabels[detail.interval]} to{' '}
            {cardLabel(detail.paymentMethod)}.
          </>
        }
        actions={<MembershipActions membership={detail} onChoose={setAction} />}
      />
      <Stack gap="md">
        {detail.needsAttention && detail.status !== 'cancelled' && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="A payment needs attention">
            <Text size="sm">
              The payment gateway did not confirm{' '}
              {attention
                ? `the ${formatMoney(attention.amountCents, detail.currency)} payment drawn on ${formatCalendarDate(attention.drawDate)}`
                : 'a payment'}
              , so it is not charged again automatically. Settle it to ask the gateway for the outcome.
            </Text>
            <Button mt="sm" size="xs" color="orange" leftSection={<IconRefresh size={14} />} onClick={() => setAction('settle-payment')}>
              Settle payment
            </Button>
          </Alert>
        )}
        <MembershipSummary membership={detail} timeZone={timeZone} />
        <MembershipPeriodsCard membership={detail} timeZone={timeZone} />
      </Stack>
      <MembershipActionModal membership={detail} action={action} onClose={() => setAction(null)} />
    </>
  );
}
