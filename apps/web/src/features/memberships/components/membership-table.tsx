import type { Membership } from '@glowdesk/contracts';
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { membershipPath } from '../membership-paths.ts';
import { intervalLabels, perIntervalLabels } from '../membership-status.ts';
import { MembershipStatusBadge } from './membership-status-badge.tsx';

/** Why there is no next draw, in words, for a membership that will not be charged again. */
function noDrawReason(membership: Membership): string {
  switch (membership.status) {
    case 'cancelled':
      return 'Cancelled';
    case 'suspended':
      return 'Suspended: change the card';
    case 'on_hold':
      return 'On hold until resumed';
    case 'active':
    case 'past_due':
      return membership.cancelsOn ? `Ends ${formatCalendarDate(membership.cancelsOn)}` : '—';
    default: {
      const unknownStatus: never = membership.status;
      return unknownStatus;
    }
  }
}

function NextDraw({ membership }: { membership: Membership }) {
  if (membership.nextDrawDate === null) {
    return (
      <Text size="sm" c="dimmed">
        {noDrawReason(membership)}
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">{formatCalendarDate(membership.nextDrawDate)}</Text>
      {membership.cancelsOn && (
        <Text size="xs" c="orange.8">
          Ends {formatCalendarDate(membership.cancelsOn)}
        </Text>
      )}
      {membership.status === 'on_hold' && membership.heldUntil && (
        <Text size="xs" c="dimmed">
          Held until {formatCalendarDate(membership.heldUntil)}
        </Text>
      )}
    </>
  );
}

/** The Memberships tab's list: one row per membership (a client may hold several). */
export function MembershipTable({ memberships }: { memberships: Membership[] }) {
  return (
    <StackedTableContainer minWidth={860}>
      <Table className={stackedTableClass} highlightOnHover horizontalSpacing="sm" verticalSpacing="xs" aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Interval</Table.Th>
            <Table.Th ta="right">Price</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Next draw</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {memberships.map((membership) => (
            <Table.Tr key={membership.id}>
              <Table.Td data-label="Patient">
                <Anchor component={Link} to={`/clients/${membership.patientId}`} size="sm" fw={600}>
                  {membership.patientName}
                </Anchor>
              </Table.Td>
              <Table.Td data-label="Plan">
                <Anchor component={Link} to={membershipPath(membership.id)} size="sm" fw={700}>
                  {membership.planName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  Member since {formatCalendarDate(membership.enrolledOn)}
                </Text>
              </Table.Td>
              <Table.Td data-label="Interval">
                <Text size="sm">{intervalLabels[membership.interval]}</Text>
              </Table.Td>
              <Table.Td data-label="Price" ta="right">
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(membership.priceCents, membership.currency)}{' '}
                  <Text span size="xs" c="dimmed" fw={400}>
                    {perIntervalLabels[membership.interval]}
                  </Text>
                </Text>
              </Table.Td>
              <Table.Td data-label="Status">
                {/* Inline badges, so a phone's stacked row aligns them right like the other values. */}
                <MembershipStatusBadge status={membership.status} />
                {membership.needsAttention && (
                  <>
                    {' '}
                    <Badge color="yellow" variant="outline" size="sm" tt="none" fw={600}>
                      Needs attention
                    </Badge>
                  </>
                )}
              </Table.Td>
              <Table.Td data-label="Next draw">
                <NextDraw membership={membership} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </StackedTableContainer>
  );
}
