import type { MembershipDetail, MembershipPeriod, MembershipStatus } from '@glowdesk/contracts';

/** One colour per member status, always beside its label: the badge's words carry the meaning. */
export const membershipStatusColors: Record<MembershipStatus, string> = {
  active: 'lagoon',
  past_due: 'orange',
  suspended: 'red',
  on_hold: 'blue',
  cancelled: 'gray',
};

export const periodStatusLabels: Record<MembershipPeriod['status'], { label: string; color: string }> = {
  charging: { label: 'Charging', color: 'yellow' },
  paid: { label: 'Paid', color: 'lagoon' },
  retrying: { label: 'Declined, retrying', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  attention: { label: 'Needs attention', color: 'yellow' },
  held: { label: 'Skipped (on hold)', color: 'blue' },
};

export const intervalLabels = { month: 'Monthly', year: 'Yearly' } as const;
export const perIntervalLabels = { month: '/ month', year: '/ year' } as const;

/** Which actions a membership's status allows; the server refuses the others with a 409. */
export function availableActions(membership: Pick<MembershipDetail, 'status' | 'needsAttention'>) {
  const open = membership.status !== 'cancelled';
  return {
    hold: membership.status === 'active',
    resume: membership.status === 'on_hold',
    cancel: open,
    changeCard: open,
    settlePayment: open && membership.needsAttention,
  };
}
