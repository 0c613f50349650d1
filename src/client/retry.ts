import { ApiError, isTransient } from './errors.js';

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Delay before the first retry; it doubles each time. */
  baseMs: number;
  /** No delay is longer than this (before jitter). */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseMs: 500, maxMs: 8_000 };
export const NO_RETRY: RetryPolicy = { retries: 0, baseMs: 0, maxMs: 0 };

/**
 * The wait before retry number `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so clients that failed together do not come back together.
 */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random = Math.random) {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** A Retry-After the server sent wins over our own delay, within reason (at most 5 minutes). */
function delayFor(err: unknown, attempt: number, policy: RetryPolicy, random: () => number): number {
  const own = backoffDelay(attempt, policy, random);
  if (err instanceof ApiError && err.retryAfterSeconds !== undefined)
    return Math.max(own, Math.min(err.retryAfterSeconds * 1000, 300_000));
  return own;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying transient failures (network, 5xx, 408, 429) per the policy; others throw at once. */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? realSleep;
  const random = hooks.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= policy.retries || !isTransient(err)) throw err;
      const delay = delayFor(err, attempt, policy, random);
      hooks.onRetry?.(err, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
