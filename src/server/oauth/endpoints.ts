import type { OAuthProviderConfig } from '../auth/oauth-providers.js';
import { oidcMetadata } from './oidc-discovery.js';
import { type TokenSet, TokenSetSchema } from './profiles.js';

async function endpointsOf(p: OAuthProviderConfig): Promise<{ authorize: string; token: string }> {
  if (p.kind !== 'oidc') return { authorize: p.authorizeUrl as string, token: p.tokenUrl as string };
  const meta = await oidcMetadata(p.issuer as string);
  return { authorize: meta.authorization_endpoint, token: meta.token_endpoint };
}

export interface AuthorizeParams {
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

export async function authorizeUrl(p: OAuthProviderConfig, a: AuthorizeParams): Promise<string> {
  const url = new URL((await endpointsOf(p)).authorize);
  const params: Record<string, string> = {
    client_id: p.clientId,
    redirect_uri: a.redirectUri,
    response_type: 'code',
    scope: p.scopes.join(' '),
    state: a.state,
    code_challenge: a.codeChallenge,
    code_challenge_method: 'S256',
  };
  if (p.kind === 'oidc') params.nonce = a.nonce;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Exchanges the code (with the PKCE verifier). OIDC clients authenticate with HTTP Basic, GitHub/GitLab in the form. */
export async function exchangeCode(
  p: OAuthProviderConfig,
  code: string,
  redirectUri: string,
  verifier: string,
): Promise<TokenSet> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
    'User-Agent': 'opensession-server',
  };
  if (p.kind === 'oidc') {
    const basic = `${encodeURIComponent(p.clientId)}:${encodeURIComponent(p.clientSecret)}`;
    headers.Authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  } else {
    form.set('client_id', p.clientId);
    form.set('client_secret', p.clientSecret);
  }
  const res = await fetch((await endpointsOf(p)).token, { method: 'POST', headers, body: form });
  if (!res.ok) throw new Error(`token exchange failed: HTTP ${res.status}`);
  return TokenSetSchema.parse(await res.json());
}
