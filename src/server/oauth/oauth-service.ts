import { createHash, randomUUID } from 'node:crypto';
import type { OAuthProviderConfig } from '../auth/oauth-providers.js';
import { newOpaqueToken } from '../auth/secrets.js';
import type { AppDeps, Viewer } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import {
  findIdentity,
  insertIdentity,
  insertOAuthState,
  listIdentitiesOfUser,
  pruneOAuthStates,
  takeOAuthState,
} from '../db/oauth.js';
import { findUserByEmail, findUserById, findUserByNickname, type UserRow } from '../db/users.js';
import { notFound } from '../http-error.js';
import { createUser, issueTokens } from '../services/auth-service.js';
import { authorizeUrl, exchangeCode } from './endpoints.js';
import { fetchProfile, type OAuthProfile } from './profiles.js';

const STATE_TTL_MS = 10 * 60 * 1000;

export function provider(deps: AppDeps, id: string): OAuthProviderConfig {
  return deps.config.oauth.find((p) => p.id === id) ?? notFound('OAuth provider');
}

export const redirectUriOf = (deps: AppDeps, p: OAuthProviderConfig) =>
  `${deps.config.baseUrl}/api/auth/oauth/${p.id}/callback`;

/** Stores state + PKCE verifier + nonce and returns the provider's authorize URL. `linkTo` marks a link request. */
export async function startOAuth(deps: AppDeps, p: OAuthProviderConfig, linkTo?: Viewer): Promise<string> {
  const now = deps.clock();
  const state = newOpaqueToken();
  const verifier = newOpaqueToken();
  const nonce = newOpaqueToken();
  await pruneOAuthStates(deps.database.db, now.toISOString());
  await insertOAuthState(deps.database.db, {
    state,
    provider: p.id,
    code_verifier: verifier,
    nonce,
    user_id: linkTo?.id ?? null,
    expires_at: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
  });
  const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
  return authorizeUrl(p, { redirectUri: redirectUriOf(deps, p), state, nonce, codeChallenge });
}

/** A nickname from the provider username: allowed characters only, unique with a numeric suffix. */
async function freeNickname(deps: AppDeps, username: string | null): Promise<string> {
  const base =
    (username ?? '')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'user';
  for (let i = 1; i <= 20; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!(await findUserByNickname(deps.database.db, candidate))) return candidate;
  }
  return `${base}-${randomUUID().slice(0, 6)}`;
}

async function linkIdentity(
  deps: AppDeps,
  p: OAuthProviderConfig,
  userId: string,
  profile: OAuthProfile,
): Promise<void> {
  await insertIdentity(deps.database.db, {
    provider: p.id,
    provider_user_id: profile.providerUserId,
    user_id: userId,
    provider_username: profile.username,
    email: profile.email,
    avatar_url: profile.avatarUrl,
    created_at: deps.clock().toISOString(),
  });
}

/** The account for a login: the linked one, else the one with the same verified email, else a new one. */
async function userForLogin(deps: AppDeps, p: OAuthProviderConfig, profile: OAuthProfile): Promise<UserRow> {
  const { db } = deps.database;
  const identity = await findIdentity(db, p.id, profile.providerUserId);
  if (identity) return (await findUserById(db, identity.user_id)) ?? notFound('user');
  const byEmail = profile.email && profile.emailVerified ? await findUserByEmail(db, profile.email) : undefined;
  const user =
    byEmail ??
    (await createUser(deps, {
      nickname: await freeNickname(deps, profile.username),
      email: profile.email && profile.emailVerified ? profile.email : undefined,
      avatar_url: profile.avatarUrl ?? undefined,
    }));
  await linkIdentity(deps, p, user.id, profile);
  return user;
}

async function linkRedirect(
  deps: AppDeps,
  p: OAuthProviderConfig,
  userId: string,
  profile: OAuthProfile,
): Promise<string> {
  const { db } = deps.database;
  const base = `${deps.config.baseUrl}/settings`;
  const existing = await findIdentity(db, p.id, profile.providerUserId);
  if (existing) return existing.user_id === userId ? `${base}?oauth_linked=true` : `${base}?error=oauth_already_linked`;
  if ((await listIdentitiesOfUser(db, userId)).some((i) => i.provider === p.id))
    return `${base}?error=oauth_already_linked`;
  try {
    await linkIdentity(deps, p, userId, profile);
  } catch (e) {
    if (isUniqueViolation(e)) return `${base}?error=oauth_already_linked`;
    throw e;
  }
  return `${base}?oauth_linked=true`;
}

/**
 * Handles the provider's redirect back and returns where to send the browser: the web app's
 * callback with tokens in the fragment (never in a query string that lands in logs), or an error page.
 */
export async function finishOAuth(
  deps: AppDeps,
  p: OAuthProviderConfig,
  query: Record<string, string>,
): Promise<string> {
  const failUrl = (code: string) => `${deps.config.baseUrl}/login?error=${code}`;
  if (!query.state) return failUrl('oauth_invalid_state');
  const state = await takeOAuthState(deps.database.db, query.state);
  if (!state || state.provider !== p.id || state.expires_at <= deps.clock().toISOString())
    return failUrl('oauth_invalid_state');
  if (query.error || !query.code) return failUrl('oauth_denied');
  let profile: OAuthProfile;
  try {
    const tokens = await exchangeCode(p, query.code, redirectUriOf(deps, p), state.code_verifier);
    profile = await fetchProfile(p, tokens, state.nonce);
  } catch (e) {
    deps.log.warn('oauth callback failed', { provider: p.id, error: (e as Error).message });
    return failUrl('oauth_failed');
  }
  if (state.user_id) return linkRedirect(deps, p, state.user_id, profile);
  const user = await userForLogin(deps, p, profile);
  const t = await issueTokens(deps, user);
  const fragment = new URLSearchParams({
    access_token: t.access_token,
    refresh_token: t.refresh_token,
    expires_in: String(t.expires_in),
  });
  return `${deps.config.baseUrl}/auth/callback#${fragment}`;
}
