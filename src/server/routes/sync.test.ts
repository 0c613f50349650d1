import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  describeEachDialect,
  registerUser,
  type TestApp,
} from '../../../test/support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../../../test/support/sessions.js';

describeEachDialect('sync pull', (dialect) => {
  let t: TestApp;
  let alice: { token: string; id: string };
  let bob: { token: string; id: string };
  let teamId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    alice = await registerUser(t.app, 'alice');
    bob = await registerUser(t.app, 'bob');
    teamId = (await call(t.app, 'POST', '/api/teams', { token: alice.token, json: { name: 'T' } })).body.id;
  });
  afterAll(async () => t?.close());

  async function pullAll(token: string, query = '', limit = 3) {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const r = await call(
        t.app,
        'GET',
        `/api/sync/pull?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(r.status).toBe(200);
      ids.push(...r.body.sessions.map((s: { id: string }) => s.id));
      cursor = r.body.next_cursor;
      if (!r.body.has_more) break;
    }
    return { ids, cursor };
  }

  it('requires auth, team membership and a sane limit', async () => {
    expect((await call(t.app, 'GET', '/api/sync/pull')).status).toBe(401);
    expect((await call(t.app, 'GET', `/api/sync/pull?team_id=${teamId}`, { token: bob.token })).status).toBe(403);
    expect((await call(t.app, 'GET', '/api/sync/pull?limit=501', { token: bob.token })).status).toBe(400);
    expect((await call(t.app, 'GET', '/api/sync/pull?cursor=bogus', { token: bob.token })).status).toBe(400);
    const r = await call(t.app, 'GET', '/api/sync/pull', { token: bob.token });
    expect(r.body).toEqual({ sessions: [], has_more: false });
  });

  it('pages through visible sessions in commit order, resuming from the cursor', async () => {
    for (let i = 0; i < 7; i++) await uploadJsonl(t.app, alice.token, sessionNamed(`s-${i}`), { team_id: teamId });
    await uploadJsonl(t.app, bob.token, sessionNamed('bob-private'));
    const first = await pullAll(alice.token);
    expect(first.ids).toHaveLength(7);
    expect(new Set(first.ids).size).toBe(7);
    expect((await pullAll(bob.token)).ids).toHaveLength(1);
    await uploadJsonl(t.app, alice.token, sessionNamed('later'), { team_id: teamId });
    const next = await call(t.app, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(first.cursor!)}`, {
      token: alice.token,
    });
    expect(next.body.sessions.map((s: { session_id: string }) => s.session_id)).toEqual(['later']);
    const team = await pullAll(alice.token, `&team_id=${teamId}`);
    expect(team.ids).toHaveLength(8);
  });

  it('sees every session exactly once while uploads run concurrently', async () => {
    const before = new Set((await pullAll(alice.token, '', 500)).ids);
    let cursor = (await call(t.app, 'GET', '/api/sync/pull?limit=500', { token: alice.token })).body
      .next_cursor as string;
    const seen: string[] = [];
    let uploading = true;
    const uploads = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        uploadJsonl(t.app, alice.token, sessionNamed(`c-${i}`), { team_id: teamId }),
      ),
    ).finally(() => {
      uploading = false;
    });
    const drain = async () => {
      for (;;) {
        // With SQLite a pull is all microtasks: yield so the uploads' I/O (gzip, disk) can progress.
        await new Promise((r) => setImmediate(r));
        const r = await call(t.app, 'GET', `/api/sync/pull?limit=4&cursor=${encodeURIComponent(cursor)}`, {
          token: alice.token,
        });
        seen.push(...r.body.sessions.map((s: { id: string }) => s.id));
        cursor = r.body.next_cursor;
        if (!r.body.has_more) return;
      }
    };
    while (uploading) await drain();
    const results = await uploads;
    await drain();
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(seen.filter((id) => before.has(id))).toEqual([]);
    expect(seen).toHaveLength(40);
    expect(new Set(seen)).toEqual(new Set(results.map((r) => r.body.id)));
  });
});
