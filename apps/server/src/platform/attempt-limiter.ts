import type { Clock } from './clock.ts';
import { TooManyRequestsError } from './errors.ts';

export interface AttemptLimit {
  maxAttempts: number;
  windowSeconds: number;
}

/**
 * Fixed-window attempt counters by key (a client address), in this process's memory: a
 * brake on expensive public requests, not an exact quota (each server process counts its
 * own). Over the limit it throws a 429 with Retry-After, naming `what`.
 */
export function createAttemptLimiter(limit: AttemptLimit, clock: Clock, what: string): (key: string) => void {
  const windows = new Map<string, { startsAt: number; attempts: number }>();
  return function countAttempt(key: string): void {
    const now = clock.now().getTime();
    const windowMs = limit.windowSeconds * 1000;
    if (windows.size > 10_000) {
      for (const [candidate, window] of windows) if (now - window.startsAt >= windowMs) windows.delete(candidate);
    }
    let window = windows.get(key);
    if (!window || now - window.startsAt >= windowMs) {
      window = { startsAt: now, attempts: 0 };
      windows.set(key, window);
    }
    window.attempts += 1;
    if (window.attempts > limit.maxAttempts) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.startsAt + windowMs - now) / 1000));
      throw new TooManyRequestsError(`Too many ${what} from this address. Wait and try again.`, retryAfterSeconds);
    }
  };
}
