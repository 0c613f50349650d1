import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv, Viewer } from '../context.js';
import { findUserByApiKeyHash, findUserById, type UserRow } from '../db/users.js';
import { versionedCache } from '../db/versioned-cache.js';
import { unauthorized } from '../http-error.js';
import { API_KEY_PREFIX, sha256 } from './secrets.js';

const toViewer = (u: UserRow): Viewer => ({ id: u.id, nickname: u.nickname, isAdmin: u.is_admin === 1 });

/**
 * Users by API key hash until the next write (see Database.dataVersion; on PostgreSQL a key
 * replaced through another instance stops working here once its notification arrives): a key is
 * looked up on every request.
 */
const keyOwners = versionedCache<UserRow>(10_000, () => 1);

async function userForToken(deps: AppDeps, token: string): Promise<UserRow | undefined> {
  const { database } = deps;
  const { db } = database;
  if (token.startsWith(API_KEY_PREFIX)) {
    const hash = sha256(token);
    return keyOwners.get(database, hash, () => findUserByApiKeyHash(db, hash));
  }
  const userId = await deps.tokens.verify(token, deps.clock());
  return userId ? findUserById(db, userId) : undefined;
}

/**
 * Sets `viewer` from `Authorization: Bearer …` (an `osk_` API key or a JWT access token).
 * Bad credentials are a 401 even on routes that allow anonymous access: a client that sent a
 * token expects to be treated as that user, not silently as nobody.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    if (header) {
      const m = /^Bearer\s+(\S{1,4096})$/i.exec(header.trim());
      const user = m?.[1] ? await userForToken(deps, m[1]) : undefined;
      if (!user) unauthorized('invalid or expired credentials');
      c.set('viewer', toViewer(user as UserRow));
    }
    return next();
  };
}

export function requireViewer(c: Context<AppEnv>): Viewer {
  return c.get('viewer') ?? unauthorized();
}
