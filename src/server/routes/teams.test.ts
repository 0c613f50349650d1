import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  describeEachDialect,
  registerUser,
  type TestApp,
} from '../../../test/support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../../../test/support/sessions.js';

describeEachDialect('team routes', (dialect) => {
  let t: TestApp;
  let root: { token: string; id: string };
  let admin: { token: string; id: string };
  let member: { token: string; id: string };
  let outsider: { token: string; id: string };
  let teamId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    root = await registerUser(t.app, 'root');
    admin = await registerUser(t.app, 'tadmin');
    member = await registerUser(t.app, 'tmember');
    outsider = await registerUser(t.app, 'outsider');
    const team = await call(t.app, 'POST', '/api/teams', {
      token: admin.token,
      json: { name: 'Core', description: 'the core team' },
    });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ name: 'Core', is_public: false, created_by: admin.id });
    teamId = team.body.id;
    const add = await call(t.app, 'POST', `/api/teams/${teamId}/members`, {
      token: admin.token,
      json: { nickname: 'tmember' },
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ user_id: member.id, role: 'member' });
  });
  afterAll(async () => t?.close());

  describe('teams and members', () => {
    it('lists my teams with role and member count', async () => {
      const r = await call(t.app, 'GET', '/api/teams', { token: member.token });
      expect(r.body.teams).toEqual([expect.objectContaining({ id: teamId, role: 'member', member_count: 2 })]);
      expect((await call(t.app, 'GET', '/api/teams', { token: outsider.token })).body.teams).toEqual([]);
    });

    it('shows a private team only to members (404 to others)', async () => {
      expect((await call(t.app, 'GET', `/api/teams/${teamId}`, { token: member.token })).body).toMatchObject({
        member_count: 2,
        my_role: 'member',
      });
      expect((await call(t.app, 'GET', `/api/teams/${teamId}`, { token: outsider.token })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/teams/${teamId}`)).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/teams/${teamId}/members`, { token: outsider.token })).status).toBe(404);
    });

    it('lets only team admins update and add members', async () => {
      expect(
        (await call(t.app, 'PUT', `/api/teams/${teamId}`, { token: member.token, json: { name: 'X' } })).status,
      ).toBe(403);
      const ok = await call(t.app, 'PUT', `/api/teams/${teamId}`, {
        token: admin.token,
        json: { description: 'updated' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ name: 'Core', description: 'updated' });
      expect(
        (
          await call(t.app, 'POST', `/api/teams/${teamId}/members`, {
            token: member.token,
            json: { nickname: 'outsider' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(t.app, 'POST', `/api/teams/${teamId}/members`, {
            token: admin.token,
            json: { nickname: 'tmember' },
          })
        ).status,
      ).toBe(409);
      expect(
        (await call(t.app, 'POST', `/api/teams/${teamId}/members`, { token: admin.token, json: { nickname: 'ghost' } }))
          .status,
      ).toBe(404);
    });

    it('keeps at least one admin, lets members leave', async () => {
      expect(
        (await call(t.app, 'DELETE', `/api/teams/${teamId}/members/${admin.id}`, { token: admin.token })).status,
      ).toBe(409);
      const temp = await registerUser(t.app, 'leaver');
      await call(t.app, 'POST', `/api/teams/${teamId}/members`, { token: admin.token, json: { user_id: temp.id } });
      expect(
        (await call(t.app, 'DELETE', `/api/teams/${teamId}/members/${member.id}`, { token: temp.token })).status,
      ).toBe(403);
      expect(
        (await call(t.app, 'DELETE', `/api/teams/${teamId}/members/${temp.id}`, { token: temp.token })).status,
      ).toBe(204);
    });
  });

  describe('team sessions and stats', () => {
    beforeAll(async () => {
      await uploadJsonl(t.app, member.token, sessionNamed('team-1', 'Team session'), { team_id: teamId });
      await uploadJsonl(t.app, member.token, sessionNamed('priv-in-team', 'Private in team'), {
        team_id: teamId,
        visibility: 'private',
      });
      const other = {
        ...sessionNamed('team-2', 'Codex one'),
        agent: { provider: 'openai', model: 'gpt-5', tool: 'codex' },
      };
      await uploadJsonl(t.app, admin.token, other, { team_id: teamId });
    });

    it('shares team sessions with members only', async () => {
      const list = await call(t.app, 'GET', `/api/sessions?team_id=${teamId}`, { token: admin.token });
      expect(list.body.sessions.map((s: { title: string }) => s.title).sort()).toEqual(['Codex one', 'Team session']);
      expect((await call(t.app, 'GET', `/api/sessions?team_id=${teamId}`, { token: outsider.token })).body.total).toBe(
        0,
      );
      const detail = await call(t.app, 'GET', `/api/teams/${teamId}`, { token: member.token });
      expect(detail.body.sessions).toHaveLength(3);
    });

    it('counts in stats only what the caller may see', async () => {
      const r = await call(t.app, 'GET', `/api/teams/${teamId}/stats`, { token: admin.token });
      expect(r.status).toBe(200);
      expect(r.body.totals.session_count).toBe(2);
      expect(r.body.totals.message_count).toBe(4);
      expect(r.body.by_tool.map((x: { tool: string }) => x.tool).sort()).toEqual(['claude-code', 'codex']);
      expect(r.body.by_model.map((x: { model: string }) => x.model).sort()).toEqual(['claude-opus-4-6', 'gpt-5']);
      expect(r.body.by_user.find((u: { nickname: string }) => u.nickname === 'tmember').session_count).toBe(1);
      const mine = await call(t.app, 'GET', `/api/teams/${teamId}/stats`, { token: member.token });
      expect(mine.body.totals.session_count).toBe(3);
      expect((await call(t.app, 'GET', `/api/teams/${teamId}/stats`, { token: outsider.token })).status).toBe(404);
    });

    it('applies time windows to stats', async () => {
      // the sample sessions were created on 2026-01-01; the test clock is 2026-02-01
      const day = await call(t.app, 'GET', `/api/teams/${teamId}/stats?time_range=24h`, { token: admin.token });
      expect(day.body.totals.session_count).toBe(0);
      const all = await call(t.app, 'GET', `/api/teams/${teamId}/stats?time_range=all`, { token: admin.token });
      expect(all.body.totals.session_count).toBe(2);
    });

    it('lets a team admin delete a team session, not a member', async () => {
      const up = await uploadJsonl(t.app, member.token, sessionNamed('team-del'), { team_id: teamId });
      const other = await uploadJsonl(t.app, admin.token, sessionNamed('team-del-2'), { team_id: teamId });
      expect((await call(t.app, 'DELETE', `/api/sessions/${other.body.id}`, { token: member.token })).status).toBe(403);
      expect((await call(t.app, 'DELETE', `/api/sessions/${up.body.id}`, { token: admin.token })).status).toBe(200);
    });
  });

  describe('invitations', () => {
    it('invites by email; the invitee sees, accepts and joins', async () => {
      const u = await call(t.app, 'POST', '/api/auth/register', {
        json: { email: 'inv@example.com', password: 'password123', nickname: 'invitee' },
      });
      const inv = await call(t.app, 'POST', `/api/teams/${teamId}/invite`, {
        token: admin.token,
        json: { email: 'INV@example.com' },
      });
      expect(inv.status).toBe(201);
      expect(inv.body).toMatchObject({
        team_name: 'Core',
        email: 'inv@example.com',
        invited_by_nickname: 'tadmin',
        status: 'pending',
        role: 'member',
      });
      expect(
        (
          await call(t.app, 'POST', `/api/teams/${teamId}/invite`, {
            token: admin.token,
            json: { email: 'inv@example.com' },
          })
        ).status,
      ).toBe(409);
      const mine = await call(t.app, 'GET', '/api/invitations', { token: u.body.access_token });
      expect(mine.body.invitations.map((i: { id: string }) => i.id)).toEqual([inv.body.id]);
      expect(
        (await call(t.app, 'POST', `/api/invitations/${inv.body.id}/accept`, { token: outsider.token })).status,
      ).toBe(403);
      const acc = await call(t.app, 'POST', `/api/invitations/${inv.body.id}/accept`, { token: u.body.access_token });
      expect(acc.status).toBe(200);
      expect(acc.body).toEqual({ team_id: teamId, role: 'member' });
      expect(
        (await call(t.app, 'POST', `/api/invitations/${inv.body.id}/accept`, { token: u.body.access_token })).status,
      ).toBe(404);
    });

    it('lists, cancels and declines', async () => {
      const u = await call(t.app, 'POST', '/api/auth/register', {
        json: { email: 'dec@example.com', password: 'password123', nickname: 'decliner' },
      });
      const a = await call(t.app, 'POST', `/api/teams/${teamId}/invite`, {
        token: admin.token,
        json: { email: 'dec@example.com' },
      });
      const b = await call(t.app, 'POST', `/api/teams/${teamId}/invite`, {
        token: admin.token,
        json: { oauth_provider: 'github', oauth_provider_username: 'someone' },
      });
      expect(b.status).toBe(201);
      const list = await call(t.app, 'GET', `/api/teams/${teamId}/invitations`, { token: admin.token });
      expect(list.body.invitations.length).toBeGreaterThanOrEqual(2);
      expect((await call(t.app, 'GET', `/api/teams/${teamId}/invitations`, { token: member.token })).status).toBe(403);
      expect(
        (await call(t.app, 'DELETE', `/api/teams/${teamId}/invitations/${b.body.id}`, { token: admin.token })).status,
      ).toBe(204);
      const dec = await call(t.app, 'POST', `/api/invitations/${a.body.id}/decline`, { token: u.body.access_token });
      expect(dec.body).toEqual({ ok: true });
      expect((await call(t.app, 'GET', '/api/invitations', { token: u.body.access_token })).body.invitations).toEqual(
        [],
      );
    });

    it('expires invitations after 7 days', async () => {
      const u = await call(t.app, 'POST', '/api/auth/register', {
        json: { email: 'late@example.com', password: 'password123', nickname: 'late' },
      });
      const inv = await call(t.app, 'POST', `/api/teams/${teamId}/invite`, {
        token: admin.token,
        json: { email: 'late@example.com' },
      });
      t.clock.advance(8 * 24 * 3600e3);
      const refreshed = await call(t.app, 'POST', '/api/auth/login', {
        json: { email: 'late@example.com', password: 'password123' },
      });
      expect(
        (await call(t.app, 'GET', '/api/invitations', { token: refreshed.body.access_token })).body.invitations,
      ).toEqual([]);
      expect(
        (await call(t.app, 'POST', `/api/invitations/${inv.body.id}/accept`, { token: refreshed.body.access_token }))
          .status,
      ).toBe(404);
      expect(u.status).toBe(201);
    });
  });

  describe('invite keys', () => {
    it('creates an ostk_ key once, joins with it once, then it is spent', async () => {
      const k = await call(t.app, 'POST', `/api/teams/${teamId}/keys`, {
        token: admin.token,
        json: { role: 'member', expires_in_days: 2 },
      });
      expect(k.status).toBe(201);
      expect(k.body.invite_key).toMatch(/^ostk_[0-9a-f]{64}$/);
      const joiner = await registerUser(t.app, 'joiner');
      const j = await call(t.app, 'POST', '/api/teams/join-with-key', {
        token: joiner.token,
        json: { invite_key: k.body.invite_key },
      });
      expect(j.status).toBe(200);
      expect(j.body).toEqual({ team_id: teamId, team_name: 'Core', role: 'member' });
      const again = await registerUser(t.app, 'joiner2');
      expect(
        (
          await call(t.app, 'POST', '/api/teams/join-with-key', {
            token: again.token,
            json: { invite_key: k.body.invite_key },
          })
        ).status,
      ).toBe(404);
      const keys = await call(t.app, 'GET', `/api/teams/${teamId}/keys`, { token: admin.token });
      expect(keys.body.keys[0]).toMatchObject({
        id: k.body.key_id,
        created_by_nickname: 'tadmin',
        used_at: expect.any(String),
      });
      expect(JSON.stringify(keys.body)).not.toContain(k.body.invite_key);
    });

    it('refuses revoked and expired keys', async () => {
      const k = await call(t.app, 'POST', `/api/teams/${teamId}/keys`, { token: admin.token, json: {} });
      expect(
        (await call(t.app, 'DELETE', `/api/teams/${teamId}/keys/${k.body.key_id}`, { token: admin.token })).status,
      ).toBe(204);
      const u = await registerUser(t.app, 'revoked-joiner');
      expect(
        (
          await call(t.app, 'POST', '/api/teams/join-with-key', {
            token: u.token,
            json: { invite_key: k.body.invite_key },
          })
        ).status,
      ).toBe(404);
      const k2 = await call(t.app, 'POST', `/api/teams/${teamId}/keys`, {
        token: admin.token,
        json: { expires_in_days: 1 },
      });
      t.clock.advance(2 * 24 * 3600e3);
      expect(
        (
          await call(t.app, 'POST', '/api/teams/join-with-key', {
            token: u.token,
            json: { invite_key: k2.body.invite_key },
          })
        ).status,
      ).toBe(404);
      expect((await call(t.app, 'POST', `/api/teams/${teamId}/keys`, { token: member.token, json: {} })).status).toBe(
        403,
      );
      expect(
        (await call(t.app, 'POST', `/api/teams/${teamId}/keys`, { token: admin.token, json: { expires_in_days: 31 } }))
          .status,
      ).toBe(400);
    });
  });

  it('gives the instance admin team admin powers', async () => {
    expect(
      (await call(t.app, 'PUT', `/api/teams/${teamId}`, { token: root.token, json: { is_public: true } })).status,
    ).toBe(200);
    // now public: outsiders may look at the team, but still not at team-only sessions
    const d = await call(t.app, 'GET', `/api/teams/${teamId}`);
    expect(d.status).toBe(200);
    expect(d.body.sessions).toEqual([]);
  });
});
