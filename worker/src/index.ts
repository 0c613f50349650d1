import type { ExecutionContext, Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { AppEnv } from '../../src/server/context.js';
import { errorBody } from '../../src/server/http-error.js';
import type { WorkerEnv } from './bindings.js';
import { workerDeps } from './deps.js';

// One app per isolate (bindings do not change between its requests).
const apps = new WeakMap<WorkerEnv, Hono<AppEnv>>();

function appFor(env: WorkerEnv): Hono<AppEnv> {
  let app = apps.get(env);
  if (!app) {
    app = createApp(workerDeps(env));
    apps.set(env, app);
  }
  return app;
}

/**
 * Cloudflare's edge sets CF-Connecting-IP itself (a client cannot forge it), so it becomes the
 * address rate limits count; whatever X-Forwarded-For the client sent is dropped.
 */
function withClientAddress(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete('x-forwarded-for');
  const ip = request.headers.get('cf-connecting-ip');
  if (ip) headers.set('x-forwarded-for', ip);
  return new Request(request, { headers });
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    let app: Hono<AppEnv>;
    try {
      app = appFor(env);
    } catch (e) {
      // A missing secret or bad var: say which, in the log and to the caller (no values are shown).
      const message = `worker misconfigured: ${(e as Error).message}`;
      console.error(message);
      return Response.json(errorBody('misconfigured', message), { status: 500 });
    }
    return app.fetch(withClientAddress(request), env, ctx);
  },
};
