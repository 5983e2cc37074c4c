import { cosignResponseSchema, mdReviewListSchema } from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

const mdReviewKey = ['emr-md-review'] as const;

/** Signed charts waiting for the medical director's co-signature, oldest first. */
export function useMdReview() {
  return useQuery({ queryKey: mdReviewKey, queryFn: ({ signal }) => apiRequest('/api/v1/emr/md-review', mdReviewListSchema, { signal }) });
}

/** Co-signs the charts all together or none; the queue and the charts refetch either way. */
export function useCosignCharts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (procedureIds: string[]) =>
      apiRequest('/api/v1/emr/md-review/cosign', cosignResponseSchema, { method: 'POST', body: { procedureIds } }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: mdReviewKey }),
        queryClient.invalidateQueries({ queryKey: ['procedure'] }),
      ]);
    },
  });
}
