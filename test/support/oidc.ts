import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  preferred_username: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next login signs in as. */
  loginAs(account: TestAccount): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (oidc-provider) on 127.0.0.1. Its interaction step signs in the chosen
 * account and grants consent at once, so a test only follows redirects.
 */
export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const clientId = 'opensession-test';
  const clientSecret = 'test-client-secret-with-enough-entropy';
  let current: TestAccount | undefined;
  const accounts = new Map<string, TestAccount>();
  // biome-ignore lint/suspicious/noExplicitAny: oidc-provider ships no types
  let provider: any;
  const server: Server = createServer(async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      try {
        const details = await provider.interactionDetails(req, res);
        const account = current as TestAccount;
        accounts.set(account.sub, account);
        const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.sub }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e));
      }
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const a = accounts.get(sub);
      return a && { accountId: sub, claims: async () => ({ ...a }) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  provider.proxy = false;
  return {
    issuer,
    clientId,
    clientSecret,
    loginAs(a) {
      current = a;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Follows redirects (carrying cookies) until the browser would land outside `stopPrefix`'s host. */
export async function followRedirects(
  start: string,
  stopAt: (url: string) => boolean,
  headers: Record<string, string> = {},
) {
  const cookies = new Map<string, string>();
  let url = start;
  for (let i = 0; i < 20; i++) {
    if (stopAt(url)) return url;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { ...headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const loc = res.headers.get('location');
    if (!loc) throw new Error(`no redirect from ${url}: HTTP ${res.status} ${await res.text()}`);
    url = new URL(loc, url).toString();
  }
  throw new Error('too many redirects');
}
