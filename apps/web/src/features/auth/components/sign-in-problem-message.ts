import type { ApiProblem } from '../../../shared/api/api-problem.ts';

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** What to tell someone whose sign-in was refused. */
export function signInProblemMessage(problem: ApiProblem): { title: string; message: string } {
  if (problem.code === 'invalid_credentials') {
    return { title: 'Email or password is incorrect', message: 'Check both and try again. Passwords are case-sensitive.' };
  }
  if (problem.status === 429) {
    const wait = problem.retryAfterSeconds === undefined ? 'a few minutes' : describeWait(problem.retryAfterSeconds);
    return { title: 'Too many sign-in attempts', message: `For your account's safety, sign-in is paused. Try again in ${wait}.` };
  }
  if (problem.code === 'network_error') return { title: 'Glowdesk is unreachable', message: problem.detail };
  return { title: 'Sign-in failed', message: problem.detail };
}
