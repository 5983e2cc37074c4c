import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

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
      if (error === null || isApiProblem(error, 409) || isApiProblem(error, 412)) {
        await queryClient.invalidateQueries({ queryKey: practiceSetupQueryKey });
      }
    },
  });
}

/** If-Match for an edit made against `version`: the server answers 412 if the record moved on. */
export function ifMatch(version: number): Record<string, string> {
  return { 'if-match': `"${version}"` };
}
