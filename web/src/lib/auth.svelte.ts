import {
  type AuthRegisterRequest,
  type LoginRequest,
  type MeResponse,
  MeResponseSchema,
  TokenResponseSchema,
} from '../../../src/api/auth.js';
import { ApiError, api, errorOf, setCredentials } from './api.js';

/**
 * Who is signed in. The access token is kept in this module's memory only; the refresh token
 * is an http-only cookie the server sets when asked with `X-OpenSession-Auth: cookie`, so no
 * script (and no injected one) can read either from storage.
 */
export const auth: {
  /** The first sign-in check is done: `signedIn` can be trusted. */
  ready: boolean;
  signedIn: boolean;
  /** The account, loaded just after signing in (pages must not wait for it). */
  user: MeResponse | undefined;
} = $state({ ready: false, signedIn: false, user: undefined });

const COOKIE_MODE = { 'x-opensession-auth': 'cookie' };
// Renew this long before expiry, so a request never leaves with a token about to lapse.
const EARLY_MS = 60_000;

let access: { token: string; expiresAt: number } | undefined;
let renewing: Promise<boolean> | undefined;

async function post(path: string, json?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      headers: { ...COOKIE_MODE, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(json ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
}

async function takeTokens(res: Response): Promise<void> {
  if (!res.ok) throw await errorOf(res);
  const t = TokenResponseSchema.parse(await res.json());
  access = { token: t.access_token, expiresAt: Date.now() + t.expires_in * 1000 };
  auth.signedIn = true;
}

export async function reloadUser(): Promise<void> {
  auth.user = await api('/api/auth/me', MeResponseSchema);
}

function signedOut(): void {
  access = undefined;
  auth.signedIn = false;
  auth.user = undefined;
}

/**
 * Trades the cookie for a new access token. Tabs take turns (Web Locks): the cookie rotates on
 * every refresh, and two tabs presenting the same one at once would look like token theft.
 */
async function renewOnce(): Promise<boolean> {
  const run = async () => {
    const res = await post('/api/auth/refresh');
    if (res.status === 401 || res.status === 400) {
      signedOut();
      return false;
    }
    await takeTokens(res);
    return true;
  };
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('opensession-refresh', run) : run();
}

function renew(): Promise<boolean> {
  renewing ??= renewOnce().finally(() => {
    renewing = undefined;
  });
  return renewing;
}

setCredentials({ token: currentToken, renew: () => renew().catch(() => false) });

/** On page load: signed in again from the cookie when there is one. Never throws. */
export async function restoreSession(): Promise<void> {
  let ok = false;
  try {
    ok = await renew();
  } catch {
    signedOut();
  } finally {
    auth.ready = true;
  }
  if (ok) await reloadUser().catch(() => undefined);
}

export async function login(req: LoginRequest): Promise<void> {
  await takeTokens(await post('/api/auth/login', req));
  await reloadUser();
}

export async function register(req: AuthRegisterRequest): Promise<void> {
  await takeTokens(await post('/api/auth/register', req));
  await reloadUser();
}

/** The OAuth callback hands a refresh token in the URL fragment: rotate it at once into the cookie. */
export async function adoptRefreshToken(refreshToken: string): Promise<void> {
  await takeTokens(await post('/api/auth/refresh', { refresh_token: refreshToken }));
  await reloadUser();
}

export async function logout(): Promise<void> {
  try {
    await post('/api/auth/logout');
  } finally {
    signedOut();
  }
}

/** The current access token, for requests the API module does not make (uploads with progress, streams). */
export async function currentToken(): Promise<string | undefined> {
  if (access && access.expiresAt - EARLY_MS < Date.now()) await renew().catch(() => false);
  return access?.token;
}
