import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { practiceRecordsKey } from '../../../shared/api/practice-query-keys.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

/** After a setup change: Settings' own lists and every other feature's copy of the practice's records (the book's providers, services, hours). */
export function refetchPracticeRecords(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: practiceSetupQueryKey }),
    queryClient.invalidateQueries({ queryKey: practiceRecordsKey }),
  ]);
}

/**
 * A write to practice setup. After success, and after a 409 or 412 (someone else changed or
 * used the record meanwhile), every setup list refetches; the mutation stays pending until
 * they have, so a closing form never shows the list as it was before.
 */
export function useSetupMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async (_result, error) => {
      if (error === null || isApiProblem(error, 409) || isApiProblem(error, 412)) await refetchPracticeRecords(queryClient);
    },
  });
}

/** If-Match for an edit made against `version`: the server answers 412 if the record moved on. */
export function ifMatch(version: number): Record<string, string> {
  return { 'if-match': `"${version}"` };
}
