import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionListResponse } from '../../src/api/sessions.js';
import { openDatabase } from '../../src/server/db/connect.js';
import { listSessionRows } from '../../src/server/db/session-list.js';
import { nicknamesOf } from '../../src/server/db/sessions.js';
import { toSummary } from '../../src/server/services/session-view.js';
import { call, createTestApp, describeEachDialect, registerUser, type TestApp } from '../support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../support/sessions.js';
import { seenWrite } from './seen-write.js';

// The session list is built as JSON text by the database and, on SQLite, kept until the next
// write. These tests hold it to the bytes the rows -> toSummary -> JSON.stringify path gave,
// and make sure no write and no other caller ever sees a stale or foreign page.
describeEachDialect('session list pages', (dialect) => {
  let t: TestApp;
  let alice: { token: string; id: string };
  let bob: { token: string; id: string };
  let teamId: string;

  const listText = async (token: string | undefined, query = '', sort = 'recent') => {
    const res = await t.app.request(`/api/sessions?sort=${sort}${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    return res.text();
  };
  const titles = async (token: string | undefined, query = '') =>
    (JSON.parse(await listText(token, query)) as SessionListResponse).sessions.map((s) => s.title).sort();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    alice = await registerUser(t.app, 'alice');
    bob = await registerUser(t.app, 'bob');
    teamId = (await call(t.app, 'POST', '/api/teams', { token: alice.token, json: { name: 'Core' } })).body.id;
    await uploadJsonl(t.app, alice.token, sessionNamed('a-private', 'Alice private'));
    await uploadJsonl(t.app, alice.token, sessionNamed('a-team', 'Alice team'), { team_id: teamId });
    await uploadJsonl(t.app, alice.token, sessionNamed('a-public', 'Alice public'), {
      visibility: 'public',
      git_branch: 'main',
      pr_number: '12',
    });
    const odd = 'quote " backslash \\ tab \t newline \n nul-ish \u0001 \u001f del \u007f é 😀 \u2028 ,"title":null';
    await uploadJsonl(t.app, bob.token, sessionNamed('b-odd', odd), { visibility: 'public' });
  });
  afterAll(async () => t?.close());

  it('sends the same bytes as serialising the rows one by one', async () => {
    for (const [viewer, sort] of [
      [alice, 'recent'],
      [alice, 'popular'],
      [bob, 'recent'],
      [undefined, 'recent'],
    ] as const) {
      const text = await listText(viewer?.token, '&per_page=2', sort);
      const v = viewer && { id: viewer.id, nickname: '', isAdmin: false };
      const rows = await listSessionRows(t.deps.database, { viewer: v }, { sort, limit: 3, offset: 0 });
      const names = await nicknamesOf(
        t.deps.database.db,
        rows.map((r) => r.user_id),
      );
      const parsed = JSON.parse(text) as SessionListResponse;
      const expected = {
        sessions: rows.slice(0, 2).map((r) => toSummary(r, names.get(r.user_id))),
        total: parsed.total,
        page: 1,
        per_page: 2,
        next_cursor: parsed.next_cursor,
      };
      expect(text).toBe(JSON.stringify(expected));
    }
    const { sessions } = JSON.parse(await listText(bob.token)) as SessionListResponse;
    const odd = sessions.find((s) => s.session_id === 'b-odd');
    expect(odd?.title).toContain(',"title":null');
    expect(odd).toMatchObject({ nickname: 'bob', team_id: null, visibility: 'public' });
  });

  it('never serves one caller the page another caller saw', async () => {
    expect(await titles(alice.token)).toEqual(['Alice private', 'Alice public', 'Alice team', expect.any(String)]);
    expect(await titles(bob.token)).toEqual(['Alice public', expect.stringContaining('quote')]);
    expect(await titles(undefined)).toEqual(['Alice public', expect.stringContaining('quote')]);
    // and the other way round, after the others' pages were kept
    expect(await titles(alice.token)).toHaveLength(4);
    expect(await titles(bob.token, `&team_id=${teamId}`)).toEqual([]);
  });

  it('shows every write at once: uploads, re-uploads, deletes, team membership', async () => {
    expect(await titles(bob.token, `&team_id=${teamId}`)).toEqual([]);
    const added = await call(t.app, 'POST', `/api/teams/${teamId}/members`, {
      token: alice.token,
      json: { nickname: 'bob' },
    });
    expect(added.status).toBe(201);
    expect(await titles(bob.token, `&team_id=${teamId}`)).toEqual(['Alice team']);

    const up = await uploadJsonl(t.app, alice.token, sessionNamed('a-new', 'Alice new'), { team_id: teamId });
    expect(await titles(bob.token, `&team_id=${teamId}`)).toEqual(['Alice new', 'Alice team']);
    await uploadJsonl(t.app, alice.token, sessionNamed('a-new', 'Alice new'), { visibility: 'private' });
    expect(await titles(bob.token, `&team_id=${teamId}`)).toEqual(['Alice team']);

    expect((await call(t.app, 'DELETE', `/api/sessions/${up.body.id}`, { token: alice.token })).status).toBe(200);
    expect(await titles(alice.token)).not.toContain('Alice new');

    const removed = await call(t.app, 'DELETE', `/api/teams/${teamId}/members/${bob.id}`, { token: alice.token });
    expect(removed.status).toBe(204);
    expect(await titles(bob.token, `&team_id=${teamId}`)).toEqual([]);
  });

  it('shows writes made through another connection to the database once it has seen them', async () => {
    const before = await titles(bob.token);
    expect(before).toContain('Alice public');
    const other = openDatabase({ dialect, url: t.config.databaseUrl });
    const setVisibility = async (visibility: 'private' | 'public') => {
      const version = t.deps.database.dataVersion?.();
      await other.db.updateTable('sessions').set({ visibility }).where('session_id', '=', 'a-public').execute();
      // at once on SQLite; on PostgreSQL when the commit's notification arrives
      await seenWrite(t.deps.database, version);
    };
    try {
      await setVisibility('private');
      expect(await titles(bob.token)).not.toContain('Alice public');
      await setVisibility('public');
      expect(await titles(bob.token)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('refuses an API key as soon as it is replaced', async () => {
    const carol = await registerUser(t.app, 'carol');
    expect((await call(t.app, 'GET', '/api/sessions', { token: carol.token })).status).toBe(200);
    const regen = await call(t.app, 'POST', '/api/auth/regenerate-key', { token: carol.token });
    expect(regen.status).toBe(200);
    expect((await call(t.app, 'GET', '/api/sessions', { token: carol.token })).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/sessions', { token: regen.body.api_key })).status).toBe(200);
  });
});

describeEachDialect('session list pages are kept until a write', (dialect) => {
  let t: TestApp;
  let alice: { token: string; id: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    alice = await registerUser(t.app, 'alice');
    await uploadJsonl(t.app, alice.token, sessionNamed('kept', 'Kept'));
  });
  afterAll(async () => t?.close());

  it('serves a repeated page without querying, and queries again after a write', async () => {
    const list = () => call(t.app, 'GET', '/api/sessions', { token: alice.token });
    const first = await list();
    expect(first.body.total).toBe(1);
    // With the version held still (a late notification of the setup's writes cannot move it),
    // a change made behind the cache's back proves the page was kept…
    const { database } = t.deps;
    const realVersion = database.dataVersion;
    const before = realVersion?.();
    expect(before).toBeDefined();
    database.dataVersion = () => 'held';
    try {
      expect((await list()).body.sessions[0].title).toBe('Kept');
      await database.db.updateTable('sessions').set({ title: 'Changed' }).execute();
      expect((await list()).body.sessions[0].title).toBe('Kept');
    } finally {
      database.dataVersion = realVersion;
    }
    // …and the real version, which the update moved, drops it.
    expect(database.dataVersion?.()).not.toBe(before);
    expect((await list()).body.sessions[0].title).toBe('Changed');
  });
});
