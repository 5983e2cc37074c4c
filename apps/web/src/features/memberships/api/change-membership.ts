import { membershipDetailSchema, type MembershipDetail } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { invoiceKey, invoiceListsKey } from '../../sales/api/invoice-query-keys.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

/** What staff do to a membership; each is one POST that answers with the membership as it now is. */
export type MembershipChange =
  | { action: 'hold'; membershipId: string; until: string | null }
  | { action: 'resume'; membershipId: string }
  | { action: 'cancel'; membershipId: string; when: 'now' | 'period_end' }
  | { action: 'change-card'; membershipId: string; paymentMethodId: string }
  | { action: 'settle-payment'; membershipId: string };

function bodyOf(change: MembershipChange): Record<string, unknown> {
  switch (change.action) {
    case 'hold':
      return { until: change.until };
    case 'cancel':
      return { when: change.when };
    case 'change-card':
      return { paymentMethodId: change.paymentMethodId };
    case 'resume':
    case 'settle-payment':
      return {};
    default: {
      const unknownChange: never = change;
      throw new Error(`Unknown membership change ${JSON.stringify(unknownChange)}`);
    }
  }
}

export function changeMembership(change: MembershipChange): Promise<MembershipDetail> {
  return apiRequest(`/api/v1/memberships/${encodeURIComponent(change.membershipId)}/${change.action}`, membershipDetailSchema, {
    method: 'POST',
    body: bodyOf(change),
  });
}

/**
 * Hold, resume, cancel, change card or settle a payment. The detail shows the answer at once;
 * the lists (status, next draw, revenue) and the membership's invoices refetch, since a new card
 * or a settled payment may have paid one.
 */
export function useChangeMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeMembership,
    onSuccess: async (membership) => {
      queryClient.setQueryData(membershipQueryKeys.detail(membership.id), membership);
      const invoiceIds = membership.periods.flatMap((period) => (period.invoiceId ? [period.invoiceId] : []));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: membershipQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: membershipQueryKeys.plans() }),
        queryClient.invalidateQueries({ queryKey: invoiceListsKey }),
        ...invoiceIds.map((invoiceId) => queryClient.invalidateQueries({ queryKey: invoiceKey(invoiceId) })),
      ]);
    },
  });
}
