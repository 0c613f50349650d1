import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** CORS only for the configured origins (the instance's own base URL plus any extra ones). */
export function corsAllowList(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    maxAge: 600,
    credentials: false,
  });
}
