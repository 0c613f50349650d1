/** The pages of the app and the paths that lead to them. Pure: the router and tests share it. */
export type RouteName =
  | 'home'
  | 'sessions'
  | 'session'
  | 'upload'
  | 'login'
  | 'register'
  | 'oauth-callback'
  | 'teams'
  | 'team'
  | 'invitations'
  | 'settings'
  | 'help'
  | 'not-found';

export interface RouteMatch {
  name: RouteName;
  params: Record<string, string>;
}

const TABLE: readonly [RouteName, string][] = [
  ['home', '/'],
  ['sessions', '/sessions'],
  ['session', '/session/:id'],
  ['upload', '/upload'],
  ['login', '/login'],
  ['register', '/register'],
  ['oauth-callback', '/auth/callback'],
  ['teams', '/teams'],
  ['team', '/teams/:id'],
  ['invitations', '/invitations'],
  ['settings', '/settings'],
  ['help', '/help'],
];

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

/** The page for a pathname; a trailing slash is ignored. */
export function matchRoute(pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [name, pattern] of TABLE) {
    const params = matchPattern(pattern, path);
    if (params) return { name, params };
  }
  return { name: 'not-found', params: {} };
}

/** Pages a guest is sent to /login from (the page to come back to rides along). */
export const NEEDS_LOGIN: ReadonlySet<RouteName> = new Set(['upload', 'teams', 'team', 'invitations', 'settings']);

export const sessionPath = (id: string, eventId?: string): string =>
  `/session/${encodeURIComponent(id)}${eventId ? `#${encodeURIComponent(eventId)}` : ''}`;
export const teamPath = (id: string): string => `/teams/${encodeURIComponent(id)}`;

/** A `next=` target is followed only when it is a path on this site (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Paths the server answers itself (API, its docs): links to them load for real. */
export const isServerPath = (path: string): boolean =>
  path === '/api' || path.startsWith('/api/') || path === '/docs' || path.startsWith('/docs/') || path === '/llms.txt';
