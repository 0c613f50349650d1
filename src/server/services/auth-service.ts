import { randomUUID } from 'node:crypto';
import type { AuthRegisterRequest, LoginRequest, MeResponse, RegisterResponse, TokenResponse } from '../../api/auth.js';
import { ACCESS_TOKEN_TTL_SECONDS } from '../auth/access-tokens.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { apiKeyPrefix, newApiKey, newRefreshToken, sha256 } from '../auth/secrets.js';
import { type AppDeps, nowIso, type Viewer } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { listIdentitiesOfUser } from '../db/oauth.js';
import {
  claimRefreshToken,
  findRefreshToken,
  insertRefreshToken,
  revokeAllForUser,
  revokeFamily,
} from '../db/refresh-tokens.js';
import {
  findUserByEmail,
  findUserById,
  findUserByNickname,
  insertUser,
  type NewUser,
  setApiKey,
  setPasswordHash,
  type UserRow,
} from '../db/users.js';
import { badRequest, conflict, notFound, unauthorized } from '../http-error.js';

const REFRESH_TTL_MS = 7 * 24 * 3600 * 1000;

/** Inserts a user, turning a lost race on nickname or email into a 409. */
export async function createUser(deps: AppDeps, u: Omit<NewUser, 'id' | 'created_at'>): Promise<UserRow> {
  const { db } = deps.database;
  if (await findUserByNickname(db, u.nickname)) conflict('nickname already taken');
  if (u.email && (await findUserByEmail(db, u.email))) conflict('email already registered');
  try {
    return await insertUser(deps.database, { ...u, id: randomUUID(), created_at: nowIso(deps.clock) });
  } catch (e) {
    if (isUniqueViolation(e)) conflict('nickname or email already taken');
    throw e;
  }
}

/** A new access token and a refresh token in `familyId` (a new family for a fresh login). */
export async function issueTokens(
  deps: AppDeps,
  user: UserRow,
  familyId: string = randomUUID(),
): Promise<TokenResponse> {
  const now = deps.clock();
  const refresh = newRefreshToken();
  await insertRefreshToken(deps.database.db, {
    id: randomUUID(),
    user_id: user.id,
    family_id: familyId,
    token_hash: sha256(refresh),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + REFRESH_TTL_MS).toISOString(),
    used_at: null,
    revoked_at: null,
  });
  return {
    access_token: await deps.tokens.sign(user.id, now),
    refresh_token: refresh,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    user_id: user.id,
    nickname: user.nickname,
  };
}

export async function registerWithNickname(deps: AppDeps, nickname: string): Promise<RegisterResponse> {
  const key = newApiKey();
  const user = await createUser(deps, { nickname, api_key_hash: sha256(key), api_key_prefix: apiKeyPrefix(key) });
  return { user_id: user.id, nickname: user.nickname, api_key: key };
}

export async function registerWithEmail(deps: AppDeps, req: AuthRegisterRequest): Promise<TokenResponse> {
  const password_hash = await hashPassword(req.password, deps.config.scryptN);
  const user = await createUser(deps, { nickname: req.nickname, email: req.email, password_hash });
  return issueTokens(deps, user);
}

export async function login(deps: AppDeps, req: LoginRequest): Promise<TokenResponse> {
  const user = await findUserByEmail(deps.database.db, req.email);
  // Same work whether or not the account exists, so timing does not reveal registered emails.
  const hash = user?.password_hash ?? (await dummyPasswordHash(deps.config.scryptN));
  const ok = await verifyPassword(req.password, hash);
  if (!user?.password_hash || !ok) unauthorized('invalid email or password');
  return issueTokens(deps, user as UserRow);
}

/**
 * Rotates a refresh token. Presenting one that was already rotated means it was copied:
 * the whole family is revoked, logging out the thief and the victim alike.
 */
export async function refresh(deps: AppDeps, token: string): Promise<TokenResponse> {
  const { db } = deps.database;
  const now = nowIso(deps.clock);
  const row = await findRefreshToken(db, sha256(token));
  if (!row || row.revoked_at) return unauthorized('invalid refresh token');
  if (row.used_at || !(await claimRefreshToken(db, row.id, now))) {
    await revokeFamily(db, row.family_id, now);
    return unauthorized('refresh token reuse detected; please log in again');
  }
  if (row.expires_at <= now) return unauthorized('refresh token expired');
  const user = await findUserById(db, row.user_id);
  if (!user) return unauthorized('invalid refresh token');
  return issueTokens(deps, user, row.family_id);
}

export async function logout(deps: AppDeps, token: string): Promise<void> {
  const row = await findRefreshToken(deps.database.db, sha256(token));
  if (row) await revokeFamily(deps.database.db, row.family_id, nowIso(deps.clock));
}

export async function me(deps: AppDeps, viewer: Viewer): Promise<MeResponse> {
  const { db } = deps.database;
  const user = (await findUserById(db, viewer.id)) ?? notFound('user');
  const identities = await listIdentitiesOfUser(db, viewer.id);
  const github = identities.find((i) => i.provider === 'github')?.provider_username;
  const displayName = (id: string) => deps.config.oauth.find((p) => p.id === id)?.displayName ?? id;
  return {
    user_id: user.id,
    nickname: user.nickname,
    created_at: user.created_at,
    email: user.email ?? undefined,
    avatar_url: user.avatar_url ?? undefined,
    is_admin: user.is_admin === 1,
    has_api_key: user.api_key_hash !== null,
    api_key_prefix: user.api_key_prefix ?? undefined,
    oauth_providers: identities.map((i) => ({
      provider: i.provider,
      provider_username: i.provider_username,
      display_name: displayName(i.provider),
    })),
    github_username: github ?? undefined,
  };
}

export async function regenerateKey(deps: AppDeps, viewer: Viewer): Promise<string> {
  const key = newApiKey();
  await setApiKey(deps.database.db, viewer.id, sha256(key), apiKeyPrefix(key));
  return key;
}

/** Changes the password and ends every other login (all refresh tokens are revoked). */
export async function changePassword(
  deps: AppDeps,
  viewer: Viewer,
  req: { current_password?: string | undefined; new_password: string },
): Promise<void> {
  const { db } = deps.database;
  const user = (await findUserById(db, viewer.id)) ?? notFound('user');
  if (!user.password_hash)
    badRequest('this account has no password (it signs in with an API key or OAuth)', 'no_password');
  if (!req.current_password || !(await verifyPassword(req.current_password, user.password_hash as string)))
    unauthorized('current password is wrong');
  await setPasswordHash(db, user.id, await hashPassword(req.new_password, deps.config.scryptN));
  await revokeAllForUser(db, user.id, nowIso(deps.clock));
}
