import { afterAll, beforeAll, expect, it } from 'vitest';
import { followRedirects, startOidcProvider, type TestAccount, type TestOidcProvider } from '../support/oidc.js';
import { describeEachDialect, http, startTestServer, type TestServer } from '../support/server-harness.js';

const BASE = 'http://localhost:3000';
const CALLBACK = `${BASE}/api/auth/oauth/oidc/callback`;

const account = (name: string, email_verified = true): TestAccount => ({
  sub: `sub-${name}`,
  email: `${name}@example.com`,
  email_verified,
  preferred_username: name,
});

describeEachDialect('OAuth/OIDC against a real provider', (dialect) => {
  let idp: TestOidcProvider;
  let srv: TestServer;

  beforeAll(async () => {
    idp = await startOidcProvider(CALLBACK);
    srv = await startTestServer(dialect, {
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_DISPLAY_NAME: 'Test SSO',
      },
    });
  });
  afterAll(async () => {
    await srv?.close();
    await idp?.close();
  });

  /** Runs the browser's part: our redirect -> provider -> back to our callback (on the real port) -> final URL. */
  async function browserFlow(startUrl: string): Promise<{ final: string; callback: string }> {
    const callback = await followRedirects(startUrl, (u) => u.startsWith(CALLBACK));
    const local = callback.replace(BASE, srv.url);
    const res = await fetch(local, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return { final: res.headers.get('location') as string, callback: local };
  }

  async function login(a: TestAccount) {
    idp.loginAs(a);
    const { final } = await browserFlow(`${srv.url}/api/auth/oauth/oidc`);
    expect(final.startsWith(`${BASE}/auth/callback#`)).toBe(true);
    const params = new URLSearchParams(final.split('#')[1]);
    const me = await http(srv.url, 'GET', '/api/auth/me', { token: params.get('access_token')! });
    expect(me.status).toBe(200);
    return { me: me.body, params };
  }

  it('lists the provider', async () => {
    const r = await http(srv.url, 'GET', '/api/auth/providers');
    expect(r.body).toEqual({ email_password: true, oauth: [{ id: 'oidc', display_name: 'Test SSO' }] });
  });

  it('redirects to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const r = await fetch(`${srv.url}/api/auth/oauth/oidc`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    const url = new URL(r.headers.get('location')!);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
  });

  it('creates an account on first login and finds it again on the next', async () => {
    const first = await login(account('alice'));
    expect(first.me).toMatchObject({ nickname: 'alice', email: 'alice@example.com' });
    expect(first.me.oauth_providers).toEqual([
      { provider: 'oidc', provider_username: 'alice', display_name: 'Test SSO' },
    ]);
    expect(first.params.get('expires_in')).toBe('3600');
    const again = await login(account('alice'));
    expect(again.me.user_id).toBe(first.me.user_id);
    const refreshed = await http(srv.url, 'POST', '/api/auth/refresh', {
      json: { refresh_token: again.params.get('refresh_token') },
    });
    expect(refreshed.status).toBe(200);
  });

  it('links to an existing account by verified email only', async () => {
    const bob = await http(srv.url, 'POST', '/api/auth/register', {
      json: { email: 'bob@example.com', password: 'password-123', nickname: 'bob' },
    });
    expect((await login(account('bob'))).me.user_id).toBe(bob.body.user_id);
    await http(srv.url, 'POST', '/api/auth/register', {
      json: { email: 'carol@example.com', password: 'password-123', nickname: 'carol' },
    });
    const carol = await login(account('carol', false));
    expect(carol.me.nickname).toBe('carol-2');
    expect(carol.me.email).toBeUndefined();
  });

  it('links a provider to the signed-in account, and refuses an identity linked elsewhere', async () => {
    const dave = await http(srv.url, 'POST', '/api/register', { json: { nickname: 'dave' } });
    idp.loginAs(account('dave'));
    const link = await http(srv.url, 'POST', '/api/auth/oauth/oidc/link', { token: dave.body.api_key });
    expect(link.status).toBe(200);
    expect((await browserFlow(link.body.url)).final).toBe(`${BASE}/settings?oauth_linked=true`);
    const me = await http(srv.url, 'GET', '/api/auth/me', { token: dave.body.api_key });
    expect(me.body.oauth_providers.map((p: { provider: string }) => p.provider)).toEqual(['oidc']);
    const erin = await http(srv.url, 'POST', '/api/register', { json: { nickname: 'erin' } });
    idp.loginAs(account('alice'));
    const link2 = await http(srv.url, 'POST', '/api/auth/oauth/oidc/link', { token: erin.body.api_key });
    expect((await browserFlow(link2.body.url)).final).toBe(`${BASE}/settings?error=oauth_already_linked`);
  });

  it('accepts each state once and refuses unknown ones', async () => {
    idp.loginAs(account('frank'));
    const { callback } = await browserFlow(`${srv.url}/api/auth/oauth/oidc`);
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(replay.headers.get('location')).toBe(`${BASE}/login?error=oauth_invalid_state`);
    const forged = await fetch(`${srv.url}/api/auth/oauth/oidc/callback?state=forged&code=x`, { redirect: 'manual' });
    expect(forged.headers.get('location')).toBe(`${BASE}/login?error=oauth_invalid_state`);
  });
});
