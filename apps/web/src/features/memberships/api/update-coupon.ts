import { couponSchema, type Coupon, type UpdateCouponInput } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export interface CouponUpdate {
  couponId: string;
  changes: UpdateCouponInput;
  /** The version the user saw; the server refuses the change (412) when someone else saved first. */
  expectedVersion: number;
}

export function updateCoupon({ couponId, changes, expectedVersion }: CouponUpdate): Promise<Coupon> {
  return apiRequest(`/api/v1/coupons/${encodeURIComponent(couponId)}`, couponSchema, {
    method: 'PATCH',
    body: changes,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

/** Edits a coupon's dates, limit or plans, or deactivates/reactivates it; the code, discount and duration never change. */
export function useUpdateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCoupon,
    // After a conflict the list shows what is stored now (someone else's edit, or more redemptions).
    onSettled: (_coupon, error) =>
      error === null || isApiProblem(error, 409) || isApiProblem(error, 412)
        ? queryClient.invalidateQueries({ queryKey: membershipQueryKeys.coupons() })
        : undefined,
  });
}
