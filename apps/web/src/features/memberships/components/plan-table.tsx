import type { Clinic, MembershipPlan, PaperworkTemplateSummary } from '@glowdesk/contracts';
import { Badge, ColorSwatch, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatMoney } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { CatalogRowActions, InactiveBadge } from './catalog-row-parts.tsx';

interface PlanTableProps {
  plans: readonly MembershipPlan[];
  clinics: readonly Clinic[];
  templates: readonly PaperworkTemplateSummary[];
  canManage: boolean;
  onEdit: (plan: MembershipPlan) => void;
  /** Deactivate (active false) or Reactivate (true), after confirmation. */
  onSetActive: (plan: MembershipPlan, active: boolean) => void;
  /** Names the table: "Membership plans" or "Inactive membership plans". */
  label: string;
}

function Prices({ plan }: { plan: MembershipPlan }) {
  return (
    <>
      {plan.monthlyPriceCents !== null && (
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(plan.monthlyPriceCents, plan.currency)}{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            / month
          </Text>
        </Text>
      )}
      {plan.yearlyPriceCents !== null && (
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(plan.yearlyPriceCents, plan.currency)}{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            / year
          </Text>
        </Text>
      )}
      {plan.signUpFeeCents > 0 && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          + {formatMoney(plan.signUpFeeCents, plan.currency)} sign-up fee
        </Text>
      )}
    </>
  );
}

/** The perks in words, short: "10% off 3 services · $25.00 credit each period (rolls over)". */
function perksSummary(plan: MembershipPlan): string {
  const parts: string[] = [];
  const { perks } = plan;
  if (perks.discountPercent !== undefined) {
    const count = perks.discountServiceIds?.length ?? 0;
    parts.push(`${perks.discountPercent}% off ${count === 1 ? '1 service' : `${count} services`}`);
  }
  if (perks.creditCentsPerPeriod !== undefined) {
    parts.push(
      `${formatMoney(perks.creditCentsPerPeriod, plan.currency)} credit each period${perks.unusedCredit === 'roll_over' ? ' (rolls over)' : ''}`,
    );
  }
  return parts.join(' · ');
}

/** Settings → Memberships: the plans, with where they are sold and how many members each has. */
export function PlanTable({ plans, clinics, templates, canManage, onEdit, onSetActive, label }: PlanTableProps) {
  const clinicNames = new Map(clinics.map((clinic) => [clinic.id, clinic.name]));
  const templateNames = new Map(templates.map((template) => [template.id, template.name]));
  return (
    <StackedTableContainer minWidth={640}>
      <Table className={stackedTableClass} highlightOnHover horizontalSpacing="sm" verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Plan</Table.Th>
            <Table.Th ta="right">Price</Table.Th>
            <Table.Th>Terms</Table.Th>
            <Table.Th>Sold at</Table.Th>
            <Table.Th ta="right">Members</Table.Th>
            {canManage && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => {
            const perks = perksSummary(plan);
            return (
              <Table.Tr key={plan.id}>
                <Table.Td data-label="Plan">
                  <Group gap={6}>
                    <Text size="sm" fw={700}>
                      {plan.name}
                    </Text>
                    {!plan.active && <InactiveBadge />}
                  </Group>
                  {plan.perks.tierName && (
                    <Group gap={6} wrap="nowrap" display="inline-flex">
                      {plan.perks.tierColor && <ColorSwatch color={plan.perks.tierColor} size={12} aria-hidden="true" />}
                      <Text size="xs" c="dimmed">
                        {plan.perks.tierName} tier
                      </Text>
                    </Group>
                  )}
                  {perks && (
                    <Text size="xs" c="dimmed">
                      {perks}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-label="Price" ta="right">
                  <Prices plan={plan} />
                </Table.Td>
                <Table.Td data-label="Terms">
                  <Text size="sm">{plan.minimumTermMonths === 0 ? 'No minimum term' : `${plan.minimumTermMonths} months minimum`}</Text>
                  <Text size="xs" c="dimmed">
                    {plan.agreementTemplateId
                      ? `Agreement: ${templateNames.get(plan.agreementTemplateId) ?? 'a consent form'}`
                      : 'No agreement'}
                  </Text>
                </Table.Td>
                <Table.Td data-label="Sold at">
                  <Text size="sm">{plan.clinicIds.map((clinicId) => clinicNames.get(clinicId) ?? 'A closed clinic').join(', ')}</Text>
                  <Badge color={plan.soldOnline ? 'lagoon' : 'gray'} variant="light" size="sm" tt="none" fw={600}>
                    {plan.soldOnline ? 'Sold online' : 'In clinic only'}
                  </Badge>
                </Table.Td>
                <Table.Td data-label="Members" ta="right">
                  <Text size="sm">{plan.activeMembers}</Text>
                </Table.Td>
                {canManage && (
                  <Table.Td ta="right">
                    <CatalogRowActions
                      name={plan.name}
                      active={plan.active}
                      onEdit={() => onEdit(plan)}
                      onSetActive={(active) => onSetActive(plan, active)}
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
