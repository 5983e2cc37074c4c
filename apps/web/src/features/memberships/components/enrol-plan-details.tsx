import type { BillingInterval, MembershipPerks } from '@glowdesk/contracts';
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { formatMoney } from '../../../shared/format/money.ts';

/** What enrolment shows of a plan (the staff's and the portal's plan shapes both carry these). */
export interface EnrolPlanTerms {
  name: string;
  description: string | null;
  currency: string;
  monthlyPriceCents: number | null;
  yearlyPriceCents: number | null;
  signUpFeeCents: number;
  minimumTermMonths: number;
  perks: MembershipPerks;
}

export const intervalLabels: Record<BillingInterval, string> = { month: 'Monthly', year: 'Yearly' };

export function priceOf(plan: EnrolPlanTerms, interval: BillingInterval): number | null {
  return interval === 'month' ? plan.monthlyPriceCents : plan.yearlyPriceCents;
}

/** The interval a plan offers first: monthly when it has a monthly price. */
export function firstIntervalOf(plan: EnrolPlanTerms): BillingInterval {
  return plan.monthlyPriceCents !== null ? 'month' : 'year';
}

/** The perks as sentences ("10% off listed services", "$25.00 credit each month"). */
export function perkLines(plan: EnrolPlanTerms, interval: BillingInterval): string[] {
  const { perks } = plan;
  const lines: string[] = [];
  if (perks.discountPercent) lines.push(`${perks.discountPercent}% off the plan's services and products`);
  if (perks.creditCentsPerPeriod) {
    const rollover =
      perks.unusedCredit === 'roll_over'
        ? ' (unused credit rolls over)'
        : perks.unusedCredit === 'expire'
          ? ' (unused credit expires)'
          : '';
    lines.push(`${formatMoney(perks.creditCentsPerPeriod, plan.currency)} wallet credit each ${interval}${rollover}`);
  }
  return lines;
}

/** The plan's terms for the chosen interval: price, sign-up fee, minimum term, tier and perks. */
export function EnrolPlanDetails({ plan, interval }: { plan: EnrolPlanTerms; interval: BillingInterval }) {
  const price = priceOf(plan, interval);
  const perks = perkLines(plan, interval);
  return (
    <Stack gap={6} data-testid="plan-details">
      <Group gap="xs" wrap="wrap">
        <Text fw={700} size="lg">
          {price === null ? 'Not offered' : `${formatMoney(price, plan.currency)} / ${interval}`}
        </Text>
        {plan.perks.tierName && (
          <Badge
            variant="light"
            tt="none"
            color={plan.perks.tierColor ? undefined : 'grape'}
            style={plan.perks.tierColor ? { backgroundColor: `${plan.perks.tierColor}22`, color: '#1f2937' } : undefined}
            leftSection={
              plan.perks.tierColor ? (
                <span
                  aria-hidden="true"
                  style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: plan.perks.tierColor }}
                />
              ) : undefined
            }
          >
            {plan.perks.tierName} tier
          </Badge>
        )}
      </Group>
      {plan.description && (
        <Text size="sm" c="dimmed">
          {plan.description}
        </Text>
      )}
      <Text size="sm">
        Sign-up fee: {plan.signUpFeeCents > 0 ? formatMoney(plan.signUpFeeCents, plan.currency) : 'none'} · Minimum term:{' '}
        {plan.minimumTermMonths > 0 ? `${plan.minimumTermMonths} month${plan.minimumTermMonths === 1 ? '' : 's'}` : 'none'}
      </Text>
      {perks.length > 0 && (
        <List size="sm" spacing={2}>
          {perks.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
