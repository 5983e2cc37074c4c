import { couponListSchema, type Coupon } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export async function getCoupons(signal?: AbortSignal): Promise<Coupon[]> {
  const { items } = await apiRequest('/api/v1/coupons', couponListSchema, { signal });
  return items;
}

/** Membership coupon codes, newest first, with how often each was redeemed. */
export function useCoupons() {
  return useQuery({ queryKey: membershipQueryKeys.coupons(), queryFn: ({ signal }) => getCoupons(signal) });
}
