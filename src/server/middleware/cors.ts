import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET,POST,PUT,DELETE,OPTIONS';
const ALLOW_HEADERS = 'Authorization,Content-Type,Last-Event-ID';
const MAX_AGE_SECONDS = '600';

/**
 * CORS only for the configured origins (the instance's own base URL plus any extra ones).
 * Every header goes on before the handler runs: hono/cors appends `Vary` to the finished
 * response, which turned each one into a streamed copy (a fifth of a session-list request).
 */
export function corsAllowList(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return async function cors(c, next) {
    const origin = c.req.header('origin');
    if (origin && allowed.has(origin)) c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method !== 'OPTIONS') return next();
    c.header('Access-Control-Max-Age', MAX_AGE_SECONDS);
    c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
    c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
    c.header('Vary', 'Access-Control-Request-Headers', { append: true });
    return c.body(null, 204);
  };
}
