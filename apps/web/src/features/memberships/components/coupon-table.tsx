import type { Coupon, MembershipPlan } from '@glowdesk/contracts';
import { Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { CatalogRowActions, InactiveBadge } from './catalog-row-parts.tsx';
import { describeCouponOffer } from '../coupon-form-values.ts';

const DEFAULT_CURRENCY = 'USD';

function validity(coupon: Coupon): string {
  if (coupon.validFrom && coupon.validUntil) return `${formatCalendarDate(coupon.validFrom)} – ${formatCalendarDate(coupon.validUntil)}`;
  if (coupon.validFrom) return `From ${formatCalendarDate(coupon.validFrom)}`;
  if (coupon.validUntil) return `Until ${formatCalendarDate(coupon.validUntil)}`;
  return 'Always';
}

interface CouponTableProps {
  coupons: readonly Coupon[];
  plans: readonly MembershipPlan[];
  canManage: boolean;
  onEdit: (coupon: Coupon) => void;
  /** Deactivate (active false) or Reactivate (true), after confirmation. */
  onSetActive: (coupon: Coupon, active: boolean) => void;
}

/** Settings → Memberships: coupon codes, newest first, with how often each was used. */
export function CouponTable({ coupons, plans, canManage, onEdit, onSetActive }: CouponTableProps) {
  const planNames = new Map(plans.map((plan) => [plan.id, plan.active ? plan.name : `${plan.name} (inactive)`]));
  return (
    <StackedTableContainer minWidth={760}>
      <Table className={stackedTableClass} highlightOnHover horizontalSpacing="sm" verticalSpacing="xs" aria-label="Coupons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Discount</Table.Th>
            <Table.Th>Valid</Table.Th>
            <Table.Th>Plans</Table.Th>
            <Table.Th ta="right">Used</Table.Th>
            {canManage && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {coupons.map((coupon) => {
            const offer = describeCouponOffer(coupon, (cents) => formatMoney(cents, DEFAULT_CURRENCY));
            const exhausted = coupon.maxRedemptions !== null && coupon.redemptions >= coupon.maxRedemptions;
            return (
              <Table.Tr key={coupon.id}>
                <Table.Td data-label="Code">
                  <Group gap={6}>
                    <Text size="sm" fw={700} ff="monospace">
                      {coupon.code}
                    </Text>
                    {!coupon.active && <InactiveBadge />}
                  </Group>
                </Table.Td>
                <Table.Td data-label="Discount">
                  <Text size="sm">{offer.off}</Text>
                  <Text size="xs" c="dimmed">
                    {offer.duration}
                  </Text>
                </Table.Td>
                <Table.Td data-label="Valid">
                  <Text size="sm">{validity(coupon)}</Text>
                </Table.Td>
                <Table.Td data-label="Plans">
                  <Text size="sm">
                    {coupon.planIds.length === 0
                      ? 'Every plan'
                      : coupon.planIds.map((planId) => planNames.get(planId) ?? 'A plan').join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td data-label="Used" ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {coupon.maxRedemptions !== null
                      ? `${coupon.redemptions} of ${coupon.maxRedemptions}`
                      : coupon.redemptions === 0
                        ? 'Not yet'
                        : coupon.redemptions === 1
                          ? 'Once'
                          : `${coupon.redemptions} times`}
                  </Text>
                  {exhausted && (
                    <Text size="xs" c="orange.8">
                      All used
                    </Text>
                  )}
                </Table.Td>
                {canManage && (
                  <Table.Td ta="right">
                    <CatalogRowActions
                      name={coupon.code}
                      active={coupon.active}
                      onEdit={() => onEdit(coupon)}
                      onSetActive={(active) => onSetActive(coupon, active)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </StackedTableContainer>
  );
}
