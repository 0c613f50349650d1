import { type Context, Hono, type MiddlewareHandler } from 'hono';
import {
  AuthRegisterRequestSchema,
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
} from '../../api/auth.js';
import { requireViewer } from '../auth/authenticate.js';
import { clearRefreshCookie, deliverTokens, readRefreshCookie, wantsCookie } from '../auth/refresh-cookie.js';
import type { AppDeps, AppEnv } from '../context.js';
import { badRequest, unauthorized } from '../http-error.js';
import { clientAddress } from '../middleware/client-address.js';
import { rateLimit } from '../middleware/rate-limit.js';
import * as auth from '../services/auth-service.js';
import { parseJsonBody } from '../validate.js';

// A browser in cookie mode sends no token in the body: the cookie carries it.
const OptionalRefreshSchema = RefreshRequestSchema.partial();

async function refreshTokenOf(c: Context<AppEnv>): Promise<string | undefined> {
  const { refresh_token } = await parseJsonBody(c, OptionalRefreshSchema);
  const token = refresh_token ?? readRefreshCookie(c);
  // Logging out a browser whose cookie is already gone is not an error.
  return token ?? (wantsCookie(c) ? undefined : badRequest('refresh_token: required'));
}

function limiter(deps: AppDeps, name: string): MiddlewareHandler {
  const { max, windowSeconds } = deps.config.rateLimit;
  return rateLimit({
    database: deps.database,
    clock: deps.clock,
    max,
    windowSeconds,
    bucket: (c) => `${name}:${clientAddress(c, deps.config.trustProxy)}`,
  });
}

/** Mounted at /api: the nickname register lives at /api/register, the rest under /api/auth. */
export function authRoutes(deps: AppDeps) {
  const registerLimit = limiter(deps, 'register');
  const loginLimit = limiter(deps, 'login');
  // Its own bucket: every page load of the web app refreshes, and must not use up login attempts.
  const refreshLimit = limiter(deps, 'refresh');
  return new Hono<AppEnv>()
    .post('/register', registerLimit, async (c) => {
      const { nickname } = await parseJsonBody(c, RegisterRequestSchema);
      return c.json(await auth.registerWithNickname(deps, nickname), 201);
    })
    .post('/auth/register', registerLimit, async (c) => {
      const req = await parseJsonBody(c, AuthRegisterRequestSchema);
      return c.json(deliverTokens(c, deps.config, await auth.registerWithEmail(deps, req)), 201);
    })
    .post('/auth/login', loginLimit, async (c) => {
      const req = await parseJsonBody(c, LoginRequestSchema);
      return c.json(deliverTokens(c, deps.config, await auth.login(deps, req)));
    })
    .post('/auth/refresh', refreshLimit, async (c) => {
      const token = (await refreshTokenOf(c)) ?? unauthorized('not signed in');
      return c.json(deliverTokens(c, deps.config, await auth.refresh(deps, token)));
    })
    .post('/auth/logout', async (c) => {
      const token = await refreshTokenOf(c);
      clearRefreshCookie(c, deps.config);
      if (token) await auth.logout(deps, token);
      return c.json({ ok: true as const });
    })
    .post('/auth/verify', (c) => {
      const v = requireViewer(c);
      return c.json({ user_id: v.id, nickname: v.nickname });
    })
    .get('/auth/me', async (c) => c.json(await auth.me(deps, requireViewer(c))))
    .post('/auth/regenerate-key', async (c) => c.json({ api_key: await auth.regenerateKey(deps, requireViewer(c)) }))
    .put('/auth/password', async (c) => {
      const viewer = requireViewer(c);
      await auth.changePassword(deps, viewer, await parseJsonBody(c, ChangePasswordRequestSchema));
      return c.json({ ok: true as const });
    });
}
