import { isApiProblem } from '../../../shared/api/api-problem.ts';

/** What to say when a change to an account is refused. */
export function describeStaffChangeProblem(error: unknown): string {
  if (!isApiProblem(error)) return 'The change could not be saved. Try again.';
  if (error.status === 412)
    return 'This account was changed by someone else while you were looking at it. The list now shows the latest; check it and try again.';
  return error.detail;
}
