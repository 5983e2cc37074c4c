import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { paperworkKey } from './paperwork-query-keys.ts';

/**
 * A write to templates. After success, and after a 412 (someone else saved a version
 * meanwhile), every paperwork list refetches; the mutation stays pending until they have, so a
 * closing form never shows the list as it was before.
 */
export function useTemplateMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async (_result, error) => {
      if (error === null || isApiProblem(error, 409) || isApiProblem(error, 412)) {
        await queryClient.invalidateQueries({ queryKey: paperworkKey });
      }
    },
  });
}
