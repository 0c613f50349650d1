import { Hono, type MiddlewareHandler } from 'hono';
import {
  AuthRegisterRequestSchema,
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
} from '../../api/auth.js';
import { requireViewer } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../context.js';
import { clientAddress } from '../middleware/client-address.js';
import { rateLimit } from '../middleware/rate-limit.js';
import * as auth from '../services/auth-service.js';
import { parseJsonBody } from '../validate.js';

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
  return new Hono<AppEnv>()
    .post('/register', registerLimit, async (c) => {
      const { nickname } = await parseJsonBody(c, RegisterRequestSchema);
      return c.json(await auth.registerWithNickname(deps, nickname), 201);
    })
    .post('/auth/register', registerLimit, async (c) => {
      const req = await parseJsonBody(c, AuthRegisterRequestSchema);
      return c.json(await auth.registerWithEmail(deps, req), 201);
    })
    .post('/auth/login', loginLimit, async (c) => {
      const req = await parseJsonBody(c, LoginRequestSchema);
      return c.json(await auth.login(deps, req));
    })
    .post('/auth/refresh', loginLimit, async (c) => {
      const { refresh_token } = await parseJsonBody(c, RefreshRequestSchema);
      return c.json(await auth.refresh(deps, refresh_token));
    })
    .post('/auth/logout', async (c) => {
      const { refresh_token } = await parseJsonBody(c, RefreshRequestSchema);
      await auth.logout(deps, refresh_token);
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
