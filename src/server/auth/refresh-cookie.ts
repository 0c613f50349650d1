import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenResponse } from '../../api/auth.js';
import type { ServerConfig } from '../config.js';

/**
 * Browser sessions keep the refresh token in an http-only cookie, so page scripts (and any
 * injected one) never see it; the access token lives only in the page's memory.
 *
 * A request opts in with `X-OpenSession-Auth: cookie`. A custom header cannot be sent
 * cross-site without a CORS preflight, which this server only grants to its own origins, and
 * the cookie is SameSite=Strict besides: a forged cross-site request can neither carry the
 * cookie nor read the answer.
 */
export const COOKIE_MODE_HEADER = 'x-opensession-auth';
export const REFRESH_COOKIE = 'opensession_refresh';
const COOKIE_PATH = '/api/auth';
const REFRESH_MAX_AGE_SECONDS = 7 * 24 * 3600;

export const wantsCookie = (c: Context): boolean => c.req.header(COOKIE_MODE_HEADER)?.toLowerCase() === 'cookie';

const isSecure = (c: Context, config: ServerConfig): boolean =>
  config.baseUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:';

export function readRefreshCookie(c: Context): string | undefined {
  return wantsCookie(c) ? getCookie(c, REFRESH_COOKIE) || undefined : undefined;
}

/** In cookie mode: moves the refresh token into the cookie and blanks it in the body. */
export function deliverTokens(c: Context, config: ServerConfig, tokens: TokenResponse): TokenResponse {
  if (!wantsCookie(c)) return tokens;
  setCookie(c, REFRESH_COOKIE, tokens.refresh_token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecure(c, config),
    path: COOKIE_PATH,
    maxAge: REFRESH_MAX_AGE_SECONDS,
  });
  c.header('Cache-Control', 'no-store');
  return { ...tokens, refresh_token: '' };
}

export function clearRefreshCookie(c: Context, config: ServerConfig): void {
  deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, secure: isSecure(c, config), sameSite: 'Strict' });
}
