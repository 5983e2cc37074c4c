import { membershipStatusSchema } from '@glowdesk/contracts';
import type { MembershipListFilters } from './api/membership-query-keys.ts';

/** The Memberships tab's filters live in the address, so a filtered list can be shared and survives a reload. */
export function readMembershipFilters(params: URLSearchParams): MembershipListFilters {
  const status = membershipStatusSchema.safeParse(params.get('status'));
  const planId = params.get('plan');
  return { status: status.success ? status.data : undefined, planId: planId || undefined };
}

export function writeMembershipFilters(filters: MembershipListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.planId) params.set('plan', filters.planId);
  return params;
}

export function hasMembershipFilters(filters: MembershipListFilters): boolean {
  return filters.status !== undefined || filters.planId !== undefined;
}
