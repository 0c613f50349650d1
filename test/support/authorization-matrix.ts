import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/api/routes.js';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import { http } from './http-calls.js';
import { sessionNamed } from './sessions.js';

const ROLES = ['anonymous', 'other', 'member', 'teamAdmin', 'owner', 'instanceAdmin'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, number>;
const e = (...s: [number, number, number, number, number, number]): Expect =>
  Object.fromEntries(ROLES.map((r, i) => [r, s[i]])) as Expect;
const all = (s: number) => e(s, s, s, s, s, s);
const authed = (s: number) => e(401, s, s, s, s, s);

interface User {
  token: string;
  id: string;
  nickname: string;
}
interface World {
  users: Record<Exclude<Role, 'anonymous'>, User>;
  teamId: string;
  /** Same membership as teamId; joining it (the join-with-key case) leaves teamId's membership alone. */
  joinTeamId: string;
  priv: string;
  team: string;
  pub: string;
}
interface Prepared {
  path: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}
interface Case {
  method: string;
  /** The RouteSpec path this case covers. */
  route: string;
  name: string;
  prepare: (w: World) => Promise<Prepared> | Prepared;
  expect: Expect;
}

// Team-admin routes: outsiders of a private team get 404 (its existence is hidden), members 403.
const teamAdminOnly = (ok: number) => e(401, 404, 403, ok, 403, ok);
// Sessions visible only to the owner.
const ownerOnly = (ok: number) => e(404, 404, 404, 404, ok, 404);

/** A running API to test: a base URL, and how to stop it. */
export interface MatrixTarget {
  url: string;
  close(): Promise<void>;
}

/**
 * Every route against every role over HTTP, plus the private-session leak checks. Declared inside
 * the caller's describe; used for the server on each dialect and for the Cloudflare Worker.
 */
export function defineAuthorizationMatrix(start: () => Promise<MatrixTarget>): void {
  let srv: MatrixTarget;
  let w: World;
  const req = (method: string, path: string, token?: string, extra: Omit<Prepared, 'path'> = {}) =>
    http(srv.url, method, path, { token, ...extra });

  async function registerUser(nickname: string): Promise<User> {
    const r = await req('POST', '/api/auth/register', undefined, {
      json: { email: `${nickname}@example.com`, password: 'password-123', nickname },
    });
    expect(r.status).toBe(201);
    return { token: r.body.access_token, id: r.body.user_id, nickname };
  }
  const upload = async (u: User, id: string, query: string) => {
    const r = await req('POST', `/api/sessions?${query}`, u.token, {
      body: toHailJsonl(sessionNamed(id, `matrix ${id}`)),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const freshUser = () => registerUser(`u${randomUUID().slice(0, 8)}`);

  beforeAll(async () => {
    srv = await start();
    const instanceAdmin = await registerUser('root');
    const owner = await registerUser('owner');
    const member = await registerUser('member');
    const teamAdmin = await registerUser('tadmin');
    const other = await registerUser('other');
    const makeTeam = async (name: string) => {
      const team = await req('POST', '/api/teams', teamAdmin.token, { json: { name } });
      for (const u of [owner, member])
        expect(
          (await req('POST', `/api/teams/${team.body.id}/members`, teamAdmin.token, { json: { nickname: u.nickname } }))
            .status,
        ).toBe(201);
      return team.body.id as string;
    };
    const team = { body: { id: await makeTeam('Matrix') } };
    w = {
      users: { instanceAdmin, owner, member, teamAdmin, other },
      teamId: team.body.id,
      joinTeamId: await makeTeam('Join'),
      priv: await upload(owner, 'priv', `team_id=${team.body.id}&visibility=private`),
      team: await upload(owner, 'team', `team_id=${team.body.id}`),
      pub: await upload(owner, 'pub', 'visibility=public'),
    };
  });
  afterAll(async () => srv?.close());

  const fresh = {
    teamSession: async () => upload(w.users.owner, `t-${randomUUID()}`, `team_id=${w.teamId}`),
    privSession: async () => upload(w.users.owner, `p-${randomUUID()}`, `team_id=${w.teamId}&visibility=private`),
    invitation: async () =>
      (
        await req('POST', `/api/teams/${w.teamId}/invite`, w.users.teamAdmin.token, {
          json: { email: `${randomUUID()}@example.com` },
        })
      ).body.id as string,
    key: async (teamId = w.teamId) =>
      (await req('POST', `/api/teams/${teamId}/keys`, w.users.teamAdmin.token, { json: {} })).body as {
        key_id: string;
        invite_key: string;
      },
    member: async () => {
      const u = await freshUser();
      await req('POST', `/api/teams/${w.teamId}/members`, w.users.teamAdmin.token, { json: { user_id: u.id } });
      return u;
    },
  };
  const events = {
    events: [
      {
        event_id: `x-${randomUUID()}`,
        timestamp: '2026-01-01T00:00:30Z',
        event_type: { type: 'AgentMessage' },
        content: { blocks: [] },
      },
    ],
  };
  const teamPath = () => `/api/teams/${w.teamId}`;

  const cases: Case[] = [
    { method: 'GET', route: '/api/health', name: 'health', prepare: () => ({ path: '/api/health' }), expect: all(200) },
    {
      method: 'POST',
      route: '/api/register',
      name: 'nickname register',
      prepare: () => ({ path: '/api/register', json: { nickname: `n${randomUUID().slice(0, 8)}` } }),
      expect: all(201),
    },
    {
      method: 'POST',
      route: '/api/auth/register',
      name: 'email register',
      prepare: () => ({
        path: '/api/auth/register',
        json: {
          email: `${randomUUID()}@example.com`,
          password: 'password-123',
          nickname: `e${randomUUID().slice(0, 8)}`,
        },
      }),
      expect: all(201),
    },
    {
      method: 'POST',
      route: '/api/auth/login',
      name: 'login, wrong password',
      prepare: () => ({ path: '/api/auth/login', json: { email: 'owner@example.com', password: 'wrong-password' } }),
      expect: all(401),
    },
    {
      method: 'POST',
      route: '/api/auth/refresh',
      name: 'refresh, bogus token',
      prepare: () => ({ path: '/api/auth/refresh', json: { refresh_token: 'bogus' } }),
      expect: all(401),
    },
    {
      method: 'POST',
      route: '/api/auth/logout',
      name: 'logout, bogus token',
      prepare: () => ({ path: '/api/auth/logout', json: { refresh_token: 'bogus' } }),
      expect: all(200),
    },
    {
      method: 'POST',
      route: '/api/auth/verify',
      name: 'verify',
      prepare: () => ({ path: '/api/auth/verify' }),
      expect: authed(200),
    },
    {
      method: 'GET',
      route: '/api/auth/me',
      name: 'me',
      prepare: () => ({ path: '/api/auth/me' }),
      expect: authed(200),
    },
    {
      method: 'POST',
      route: '/api/auth/regenerate-key',
      name: 'regenerate key',
      prepare: () => ({ path: '/api/auth/regenerate-key' }),
      expect: authed(200),
    },
    {
      method: 'PUT',
      route: '/api/auth/password',
      name: 'password, wrong current',
      prepare: () => ({
        path: '/api/auth/password',
        json: { current_password: 'nope-nope', new_password: 'another-123' },
      }),
      expect: authed(401),
    },
    {
      method: 'GET',
      route: '/api/auth/providers',
      name: 'providers',
      prepare: () => ({ path: '/api/auth/providers' }),
      expect: all(200),
    },
    {
      method: 'GET',
      route: '/api/auth/oauth/{provider}',
      name: 'oauth start, unknown provider',
      prepare: () => ({ path: '/api/auth/oauth/nope' }),
      expect: all(404),
    },
    {
      method: 'GET',
      route: '/api/auth/oauth/{provider}/callback',
      name: 'oauth callback, unknown provider',
      prepare: () => ({ path: '/api/auth/oauth/nope/callback?state=x&code=y' }),
      expect: all(404),
    },
    {
      method: 'POST',
      route: '/api/auth/oauth/{provider}/link',
      name: 'oauth link, unknown provider',
      prepare: () => ({ path: '/api/auth/oauth/nope/link' }),
      expect: authed(404),
    },
    {
      method: 'POST',
      route: '/api/sessions',
      name: 'upload',
      prepare: () => ({
        path: '/api/sessions',
        body: toHailJsonl(sessionNamed(`up-${randomUUID()}`)),
        headers: { 'content-type': 'application/x-ndjson' },
      }),
      expect: authed(201),
    },
    {
      method: 'GET',
      route: '/api/sessions',
      name: 'list',
      prepare: () => ({ path: '/api/sessions' }),
      expect: all(200),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}',
      name: 'detail private',
      prepare: () => ({ path: `/api/sessions/${w.priv}` }),
      expect: ownerOnly(200),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}',
      name: 'detail team',
      prepare: () => ({ path: `/api/sessions/${w.team}` }),
      expect: e(404, 404, 200, 200, 200, 404),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}',
      name: 'detail public',
      prepare: () => ({ path: `/api/sessions/${w.pub}` }),
      expect: all(200),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}/raw',
      name: 'raw private',
      prepare: () => ({ path: `/api/sessions/${w.priv}/raw` }),
      expect: ownerOnly(200),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}/raw',
      name: 'raw team',
      prepare: () => ({ path: `/api/sessions/${w.team}/raw` }),
      expect: e(404, 404, 200, 200, 200, 404),
    },
    {
      method: 'DELETE',
      route: '/api/sessions/{id}',
      name: 'delete team session',
      prepare: async () => ({ path: `/api/sessions/${await fresh.teamSession()}` }),
      expect: e(401, 404, 403, 200, 200, 200),
    },
    {
      method: 'DELETE',
      route: '/api/sessions/{id}',
      name: 'delete private session',
      prepare: async () => ({ path: `/api/sessions/${await fresh.privSession()}` }),
      expect: e(401, 404, 404, 404, 200, 200),
    },
    {
      method: 'POST',
      route: '/api/sessions/{id}/events',
      name: 'append to team session',
      prepare: () => ({ path: `/api/sessions/${w.team}/events`, json: events }),
      expect: e(401, 404, 404, 404, 200, 404),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}/stream',
      name: 'stream private',
      prepare: () => ({ path: `/api/sessions/${w.priv}/stream` }),
      expect: ownerOnly(200),
    },
    {
      method: 'GET',
      route: '/api/sessions/{id}/stream',
      name: 'stream team',
      prepare: () => ({ path: `/api/sessions/${w.team}/stream` }),
      expect: e(404, 404, 200, 200, 200, 404),
    },
    {
      method: 'POST',
      route: '/api/teams',
      name: 'create team',
      prepare: () => ({ path: '/api/teams', json: { name: 'x' } }),
      expect: authed(201),
    },
    {
      method: 'GET',
      route: '/api/teams',
      name: 'my teams',
      prepare: () => ({ path: '/api/teams' }),
      expect: authed(200),
    },
    {
      method: 'POST',
      route: '/api/teams/join-with-key',
      name: 'join with key',
      prepare: async () => ({
        path: '/api/teams/join-with-key',
        json: { invite_key: (await fresh.key(w.joinTeamId)).invite_key },
      }),
      expect: e(401, 200, 409, 409, 409, 200),
    },
    {
      method: 'GET',
      route: '/api/teams/{id}',
      name: 'team detail',
      prepare: () => ({ path: teamPath() }),
      expect: e(404, 404, 200, 200, 200, 200),
    },
    {
      method: 'PUT',
      route: '/api/teams/{id}',
      name: 'update team',
      prepare: () => ({ path: teamPath(), json: { description: 'd' } }),
      expect: teamAdminOnly(200),
    },
    {
      method: 'GET',
      route: '/api/teams/{id}/stats',
      name: 'team stats',
      prepare: () => ({ path: `${teamPath()}/stats` }),
      expect: e(404, 404, 200, 200, 200, 200),
    },
    {
      method: 'GET',
      route: '/api/teams/{id}/members',
      name: 'members',
      prepare: () => ({ path: `${teamPath()}/members` }),
      expect: e(404, 404, 200, 200, 200, 200),
    },
    {
      method: 'POST',
      route: '/api/teams/{id}/members',
      name: 'add member',
      prepare: async () => ({ path: `${teamPath()}/members`, json: { user_id: (await freshUser()).id } }),
      expect: teamAdminOnly(201),
    },
    {
      method: 'DELETE',
      route: '/api/teams/{id}/members/{user_id}',
      name: 'remove member',
      prepare: async () => ({ path: `${teamPath()}/members/${(await fresh.member()).id}` }),
      expect: teamAdminOnly(204),
    },
    {
      method: 'POST',
      route: '/api/teams/{id}/invite',
      name: 'invite',
      prepare: () => ({ path: `${teamPath()}/invite`, json: { email: `${randomUUID()}@example.com` } }),
      expect: teamAdminOnly(201),
    },
    {
      method: 'GET',
      route: '/api/teams/{id}/invitations',
      name: 'team invitations',
      prepare: () => ({ path: `${teamPath()}/invitations` }),
      expect: teamAdminOnly(200),
    },
    {
      method: 'DELETE',
      route: '/api/teams/{id}/invitations/{invitation_id}',
      name: 'cancel invitation',
      prepare: async () => ({ path: `${teamPath()}/invitations/${await fresh.invitation()}` }),
      expect: teamAdminOnly(204),
    },
    {
      method: 'POST',
      route: '/api/teams/{id}/keys',
      name: 'create key',
      prepare: () => ({ path: `${teamPath()}/keys`, json: {} }),
      expect: teamAdminOnly(201),
    },
    {
      method: 'GET',
      route: '/api/teams/{id}/keys',
      name: 'list keys',
      prepare: () => ({ path: `${teamPath()}/keys` }),
      expect: teamAdminOnly(200),
    },
    {
      method: 'DELETE',
      route: '/api/teams/{id}/keys/{key_id}',
      name: 'revoke key',
      prepare: async () => ({ path: `${teamPath()}/keys/${(await fresh.key()).key_id}` }),
      expect: teamAdminOnly(204),
    },
    {
      method: 'GET',
      route: '/api/invitations',
      name: 'my invitations',
      prepare: () => ({ path: '/api/invitations' }),
      expect: authed(200),
    },
    {
      method: 'POST',
      route: '/api/invitations/{id}/accept',
      name: "accept someone else's invitation",
      prepare: async () => ({ path: `/api/invitations/${await fresh.invitation()}/accept` }),
      expect: authed(403),
    },
    {
      method: 'POST',
      route: '/api/invitations/{id}/decline',
      name: "decline someone else's invitation",
      prepare: async () => ({ path: `/api/invitations/${await fresh.invitation()}/decline` }),
      expect: authed(403),
    },
    {
      method: 'GET',
      route: '/api/sync/pull',
      name: 'sync all',
      prepare: () => ({ path: '/api/sync/pull' }),
      expect: authed(200),
    },
    {
      method: 'GET',
      route: '/api/sync/pull',
      name: 'sync team',
      prepare: () => ({ path: `/api/sync/pull?team_id=${w.teamId}` }),
      expect: e(401, 403, 200, 200, 200, 403),
    },
    { method: 'GET', route: '/docs', name: 'docs', prepare: () => ({ path: '/docs' }), expect: all(200) },
    {
      method: 'GET',
      route: '/docs/openapi.json',
      name: 'openapi',
      prepare: () => ({ path: '/docs/openapi.json' }),
      expect: all(200),
    },
    { method: 'GET', route: '/llms.txt', name: 'llms.txt', prepare: () => ({ path: '/llms.txt' }), expect: all(200) },
  ];

  it('covers every route of the API', () => {
    const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
    const missing = ROUTES.map((r) => `${r.method} ${r.path}`).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.method} ${c.name}`, async () => {
      const got: Partial<Expect> = {};
      for (const role of ROLES) {
        const p = await c.prepare(w);
        const token = role === 'anonymous' ? undefined : w.users[role].token;
        got[role] = (await req(c.method, p.path, token, p)).status;
      }
      expect(got).toEqual(c.expect);
    });
  }

  describe('a private session never leaks', () => {
    const secret = 'zebracorn';
    let id: string;
    beforeAll(async () => {
      const s = sessionNamed('leak', `the ${secret} plan`);
      const r = await req('POST', `/api/sessions?team_id=${w.teamId}&visibility=private`, w.users.owner.token, {
        body: toHailJsonl(s),
        headers: { 'content-type': 'application/x-ndjson' },
      });
      id = r.body.id;
    });

    const paths = () => [
      '/api/sessions?per_page=100',
      `/api/sessions?search=${secret}`,
      `/api/sessions?team_id=${w.teamId}&per_page=100`,
      `/api/sessions/${id}`,
      `/api/sessions/${id}/raw`,
      `/api/sessions/${id}/stream`,
      `/api/teams/${w.teamId}`,
      '/api/sync/pull?limit=500',
      `/api/sync/pull?team_id=${w.teamId}&limit=500`,
    ];

    for (const role of ROLES.filter((r) => r !== 'owner')) {
      it(`to ${role} through list, search, detail, raw, stream, team detail, sync or stats`, async () => {
        const token = role === 'anonymous' ? undefined : w.users[role].token;
        for (const path of paths()) {
          const r = await req('GET', path, token);
          const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '');
          expect(text, path).not.toContain(id);
          expect(text, path).not.toContain(secret);
        }
        const stats = await req('GET', `/api/teams/${w.teamId}/stats`, token);
        if (stats.status === 200) {
          const ownerStats = await req('GET', `/api/teams/${w.teamId}/stats`, w.users.owner.token);
          expect(stats.body.totals.session_count).toBeLessThan(ownerStats.body.totals.session_count);
        }
      });
    }

    it('while the owner sees it everywhere', async () => {
      const list = await req('GET', `/api/sessions?search=${secret}`, w.users.owner.token);
      expect(list.body.sessions.map((s: { id: string }) => s.id)).toEqual([id]);
      const sync = await req('GET', '/api/sync/pull?limit=500', w.users.owner.token);
      expect(JSON.stringify(sync.body)).toContain(id);
    });
  });
}
