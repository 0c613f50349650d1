import { jwtVerify } from 'jose';
import { z } from 'zod';
import type { OAuthProviderConfig } from '../auth/oauth-providers.js';
import { oidcMetadata } from './oidc-discovery.js';

/** Who the provider says the user is. Only a verified email may be used to find an existing account. */
export interface OAuthProfile {
  providerUserId: string;
  username: string | null;
  email: string | null;
  emailVerified: boolean;
  avatarUrl: string | null;
}

const UA = { 'User-Agent': 'opensession-server', Accept: 'application/json' };

async function getJson(url: string, accessToken: string): Promise<unknown> {
  const res = await fetch(url, { headers: { ...UA, Authorization: `Bearer ${accessToken}` } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

const GithubUser = z.object({
  id: z.number(),
  login: z.string(),
  email: z.string().nullish(),
  avatar_url: z.string().nullish(),
});
const GithubEmails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

async function githubProfile(p: OAuthProviderConfig, token: string): Promise<OAuthProfile> {
  const user = GithubUser.parse(await getJson(p.userUrl as string, token));
  const emails = GithubEmails.safeParse(
    await getJson(`${new URL(p.userUrl as string).origin}/user/emails`, token).catch(() => []),
  );
  const primary = emails.success ? emails.data.find((e) => e.primary && e.verified) : undefined;
  return {
    providerUserId: String(user.id),
    username: user.login,
    email: primary?.email ?? null,
    emailVerified: !!primary,
    avatarUrl: user.avatar_url ?? null,
  };
}

const GitlabUser = z.object({
  id: z.number(),
  username: z.string(),
  email: z.string().nullish(),
  confirmed_at: z.string().nullish(),
  avatar_url: z.string().nullish(),
});

async function gitlabProfile(p: OAuthProviderConfig, token: string): Promise<OAuthProfile> {
  const user = GitlabUser.parse(await getJson(p.userUrl as string, token));
  return {
    providerUserId: String(user.id),
    username: user.username,
    email: user.email ?? null,
    emailVerified: !!user.email && !!user.confirmed_at,
    avatarUrl: user.avatar_url ?? null,
  };
}

const OidcClaims = z.object({
  sub: z.string(),
  nonce: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  preferred_username: z.string().optional(),
  nickname: z.string().optional(),
  name: z.string().optional(),
  picture: z.string().optional(),
});

/** Verifies the ID token (signature, issuer, audience, nonce) and reads the claims, topping up from userinfo. */
async function oidcProfile(p: OAuthProviderConfig, tokens: TokenSet, nonce: string): Promise<OAuthProfile> {
  const meta = await oidcMetadata(p.issuer as string);
  if (!tokens.id_token) throw new Error('the provider returned no id_token');
  const { payload } = await jwtVerify(tokens.id_token, meta.jwks, { issuer: meta.issuer, audience: p.clientId });
  let claims = OidcClaims.parse(payload);
  if (claims.nonce !== nonce) throw new Error('id_token nonce mismatch');
  if (meta.userinfo_endpoint && !claims.email) {
    const info = OidcClaims.partial().parse(await getJson(meta.userinfo_endpoint, tokens.access_token));
    if (info.sub === claims.sub) claims = { ...claims, ...info, sub: claims.sub };
  }
  return {
    providerUserId: claims.sub,
    username: claims.preferred_username ?? claims.nickname ?? null,
    email: claims.email?.toLowerCase() ?? null,
    emailVerified: claims.email_verified === true,
    avatarUrl: claims.picture ?? null,
  };
}

export const TokenSetSchema = z.object({ access_token: z.string(), id_token: z.string().optional() });
export type TokenSet = z.infer<typeof TokenSetSchema>;

export function fetchProfile(p: OAuthProviderConfig, tokens: TokenSet, nonce: string): Promise<OAuthProfile> {
  if (p.kind === 'github') return githubProfile(p, tokens.access_token);
  if (p.kind === 'gitlab') return gitlabProfile(p, tokens.access_token);
  return oidcProfile(p, tokens, nonce);
}
