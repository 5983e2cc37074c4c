import { couponSchema, type CreateCouponInput } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export function createCoupon(coupon: CreateCouponInput) {
  return apiRequest('/api/v1/coupons', couponSchema, { method: 'POST', body: coupon });
}

export function useCreateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCoupon,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membershipQueryKeys.coupons() }),
  });
}
