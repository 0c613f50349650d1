import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../context.js';
import { hitRateLimit, pruneRateLimits } from '../db/rate-limits.js';
import type { Database } from '../db/schema.js';
import { fail } from '../http-error.js';

export interface RateLimitOptions {
  database: Database;
  clock: Clock;
  max: number;
  windowSeconds: number;
  /** Name of the limit plus what it counts per (usually the client address). */
  bucket: (c: Context) => string;
}

/**
 * Fixed-window limit kept in the database, so every instance behind a load balancer counts the
 * same hits. Old windows are pruned opportunistically.
 */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const windowMs = opts.windowSeconds * 1000;
  return async function rateLimit(c, next) {
    const now = opts.clock().getTime();
    const start = now - (now % windowMs);
    const hits = await hitRateLimit(opts.database.db, opts.bucket(c), new Date(start).toISOString());
    if (hits === 1 && Math.random() < 0.05)
      await pruneRateLimits(opts.database.db, new Date(start - windowMs).toISOString());
    if (hits > opts.max) {
      c.header('Retry-After', String(Math.ceil((start + windowMs - now) / 1000)));
      fail(429, 'rate_limited', 'too many attempts; try again later');
    }
    return next();
  };
}
