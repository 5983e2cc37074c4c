import { describe, expect, it } from 'vitest';
import { hasMembershipFilters, readMembershipFilters, writeMembershipFilters } from './membership-filters.ts';

describe('membership filters in the address', () => {
  it('reads back what it wrote', () => {
    const filters = { status: 'past_due', planId: '0b6a3a55-3e55-4d0e-9a4e-1f0d2c1b9e11' } as const;
    expect(readMembershipFilters(writeMembershipFilters(filters))).toEqual(filters);
  });

  it('ignores a status the API does not know instead of sending it', () => {
    expect(readMembershipFilters(new URLSearchParams('status=frozen'))).toEqual({ status: undefined, planId: undefined });
  });

  it('counts a list as filtered only when a status or plan is chosen', () => {
    expect(hasMembershipFilters({})).toBe(false);
    expect(hasMembershipFilters({ status: 'on_hold' })).toBe(true);
  });
});
