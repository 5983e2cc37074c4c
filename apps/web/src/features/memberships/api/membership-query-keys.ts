import type { MembershipStatus } from '@glowdesk/contracts';

/** Filters of the Memberships tab's list, as the API takes them. */
export interface MembershipListFilters {
  status?: MembershipStatus | undefined;
  planId?: string | undefined;
  patientId?: string | undefined;
}

const membershipsRoot = ['memberships'] as const;

/**
 * The memberships feature's query keys. Members (lists and details) sit under `memberships`, so
 * an action on one membership refetches every list that shows it; plans, coupons and the retry
 * schedule are practice setup and sit under keys of their own.
 */
export const membershipQueryKeys = {
  all: () => membershipsRoot,
  lists: () => [...membershipsRoot, 'list'] as const,
  list: (filters: MembershipListFilters) =>
    [...membershipsRoot, 'list', filters.status ?? 'any', filters.planId ?? 'any', filters.patientId ?? 'any'] as const,
  detail: (membershipId: string) => [...membershipsRoot, 'detail', membershipId] as const,
  plans: () => ['membership-plans'] as const,
  coupons: () => ['membership-coupons'] as const,
  settings: () => ['membership-settings'] as const,
};
