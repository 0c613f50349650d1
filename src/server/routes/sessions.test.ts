import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import {
  call,
  createTestApp,
  describeEachDialect,
  registerUser,
  type TestApp,
} from '../../../test/support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../../../test/support/sessions.js';
import { toHailJsonl } from '../../hail/jsonl-write.js';

describeEachDialect('session routes', (dialect) => {
  let t: TestApp;
  let alice: { token: string; id: string };
  let bob: { token: string; id: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    alice = await registerUser(t.app, 'alice');
    bob = await registerUser(t.app, 'bob');
  });
  afterAll(async () => t?.close());

  const countRows = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  describe('upload', () => {
    it('stores a JSONL upload (201) and updates it in place on re-upload (200, same id)', async () => {
      const first = await uploadJsonl(t.app, alice.token, sessionNamed('up-1', 'First title'));
      expect(first.status).toBe(201);
      expect(first.body.url).toBe(`http://localhost:3000/session/${first.body.id}`);
      const again = await uploadJsonl(t.app, alice.token, sessionNamed('up-1', 'Second title'));
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const detail = await call(t.app, 'GET', `/api/sessions/${first.body.id}`, { token: alice.token });
      expect(detail.body.title).toBe('Second title');
      expect(detail.body.visibility).toBe('private');
      expect(detail.body).toMatchObject({
        session_id: 'up-1',
        tool: 'claude-code',
        event_count: 7,
        nickname: 'alice',
        has_errors: true,
      });
      expect(JSON.parse(detail.body.files_modified)).toEqual(['src/auth.ts']);
    });

    it('keeps the same session_id of two owners apart', async () => {
      const a = await uploadJsonl(t.app, alice.token, sessionNamed('shared-id'));
      const b = await uploadJsonl(t.app, bob.token, sessionNamed('shared-id'));
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('accepts the reference UploadRequest JSON and treats team_id "personal" as no team', async () => {
      const r = await call(t.app, 'POST', '/api/sessions', {
        token: alice.token,
        json: { session: sessionNamed('json-1'), team_id: 'personal', git_branch: 'main', pr_number: 7 },
      });
      expect(r.status).toBe(201);
      const d = await call(t.app, 'GET', `/api/sessions/${r.body.id}`, { token: alice.token });
      expect(d.body).toMatchObject({ team_id: null, git_branch: 'main', pr_number: 7, visibility: 'private' });
    });

    it('gzips the body at rest and serves it back as JSONL', async () => {
      const s = sessionNamed('raw-1');
      const up = await uploadJsonl(t.app, alice.token, s);
      const row = await t.deps.database.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', up.body.id)
        .executeTakeFirstOrThrow();
      const stored = await t.deps.blobs.get(row.body_storage_key!);
      expect(stored?.[0]).toBe(0x1f);
      expect(gunzipSync(stored!).toString()).toBe(toHailJsonl(s));
      const raw = await call(t.app, 'GET', `/api/sessions/${up.body.id}/raw`, { token: alice.token });
      expect(raw.status).toBe(200);
      expect(raw.res.headers.get('content-type')).toContain('application/jsonl');
      expect(raw.res.headers.get('content-disposition')).toContain('session.hail.jsonl');
      expect(raw.body).toBe(toHailJsonl(s));
    });

    it('requires authentication and team membership', async () => {
      expect((await uploadJsonl(t.app, undefined, sessionNamed('anon'))).status).toBe(401);
      const r = await uploadJsonl(t.app, alice.token, sessionNamed('noteam'), { team_id: 'no-such-team' });
      expect(r.status).toBe(403);
    });
  });

  describe('list and search', () => {
    beforeAll(async () => {
      await uploadJsonl(t.app, bob.token, sessionNamed('pub-1', 'Public pelican notes'), { visibility: 'public' });
      await uploadJsonl(t.app, bob.token, sessionNamed('priv-1', 'Secret walrus plans'));
    });

    it('shows anonymous callers only public sessions', async () => {
      const r = await call(t.app, 'GET', '/api/sessions');
      expect(r.status).toBe(200);
      expect(r.body.sessions.map((s: { title: string }) => s.title)).toEqual(['Public pelican notes']);
      expect(r.body.total).toBe(1);
    });

    it('finds by full text, only among visible sessions', async () => {
      expect((await call(t.app, 'GET', '/api/sessions?search=pelican')).body.total).toBe(1);
      expect((await call(t.app, 'GET', '/api/sessions?search=walrus', { token: alice.token })).body.total).toBe(0);
      expect((await call(t.app, 'GET', '/api/sessions?search=walrus', { token: bob.token })).body.total).toBe(1);
      // message text is indexed too
      expect(
        (await call(t.app, 'GET', '/api/sessions?search=expiry', { token: bob.token })).body.total,
      ).toBeGreaterThan(0);
    });

    it('survives FTS and SQL metacharacters', async () => {
      for (const q of [
        '"',
        "'",
        'a OR b',
        'NEAR(a b)',
        '*',
        '-pelican',
        'pel*',
        "'; DROP TABLE sessions; --",
        '\\',
        '(',
        'title:x',
        '^',
        '%',
        '_',
      ]) {
        const r = await call(t.app, 'GET', `/api/sessions?search=${encodeURIComponent(q)}`, { token: bob.token });
        expect(r.status, q).toBe(200);
      }
      expect(await countRows()).toBeGreaterThan(0);
    });

    it('filters by tool and model, paginates with page and with next_cursor', async () => {
      for (let i = 0; i < 5; i++) await uploadJsonl(t.app, alice.token, sessionNamed(`page-${i}`));
      const byTool = await call(t.app, 'GET', '/api/sessions?tool=claude-code&model=claude-opus-4-6', {
        token: alice.token,
      });
      expect(byTool.body.total).toBeGreaterThanOrEqual(5);
      expect((await call(t.app, 'GET', '/api/sessions?tool=nope', { token: alice.token })).body.total).toBe(0);
      const seen = new Set<string>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const r = await call(t.app, 'GET', `/api/sessions?per_page=2${cursor ? `&cursor=${cursor}` : ''}`, {
          token: alice.token,
        });
        expect(r.status).toBe(200);
        for (const s of r.body.sessions) {
          expect(seen.has(s.id)).toBe(false);
          seen.add(s.id);
        }
        cursor = r.body.next_cursor;
        pages++;
      } while (cursor && pages < 50);
      expect(seen.size).toBe(byTool.body.total + 0);
      const p2 = await call(t.app, 'GET', '/api/sessions?per_page=1&page=2', { token: alice.token });
      expect(p2.body).toMatchObject({ page: 2, per_page: 1 });
      expect(p2.body.sessions).toHaveLength(1);
    });

    it('rejects bad query values with 400', async () => {
      for (const q of ['per_page=0', 'per_page=101', 'sort=weird', 'cursor=%%%', 'since=yesterday', 'time_range=1y'])
        expect((await call(t.app, 'GET', `/api/sessions?${q}`)).status, q).toBe(400);
    });
  });

  describe('detail, raw and delete', () => {
    it("hides other users' private sessions as 404 everywhere", async () => {
      // alice registered first: she is the instance admin, and still cannot read bob's private session.
      const up = await uploadJsonl(t.app, bob.token, sessionNamed('hidden'));
      for (const path of [`/api/sessions/${up.body.id}`, `/api/sessions/${up.body.id}/raw`]) {
        expect((await call(t.app, 'GET', path)).status).toBe(404);
        expect((await call(t.app, 'GET', path, { token: alice.token })).status).toBe(404);
        expect((await call(t.app, 'GET', path, { token: bob.token })).status).toBe(200);
      }
      const mine = await uploadJsonl(t.app, alice.token, sessionNamed('hidden-a'));
      expect((await call(t.app, 'DELETE', `/api/sessions/${mine.body.id}`, { token: bob.token })).status).toBe(404);
    });

    it('lets the owner delete, removing row and body', async () => {
      const up = await uploadJsonl(t.app, alice.token, sessionNamed('del-1'));
      const row = await t.deps.database.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', up.body.id)
        .executeTakeFirstOrThrow();
      const pub = await uploadJsonl(t.app, alice.token, sessionNamed('del-pub'), { visibility: 'public' });
      expect((await call(t.app, 'DELETE', `/api/sessions/${pub.body.id}`, { token: bob.token })).status).toBe(403);
      const del = await call(t.app, 'DELETE', `/api/sessions/${up.body.id}`, { token: alice.token });
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ ok: true });
      expect((await call(t.app, 'GET', `/api/sessions/${up.body.id}`, { token: alice.token })).status).toBe(404);
      expect(await t.deps.blobs.get(row.body_storage_key!)).toBeUndefined();
      expect((await call(t.app, 'GET', '/api/sessions?search=del-1', { token: alice.token })).body.total).toBe(0);
    });
  });
});

describeEachDialect('session upload bad input', (dialect) => {
  let t: TestApp;
  let user: { token: string; id: string };
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      configure: (c) => ({ ...c, maxUploadBytes: 256 * 1024, maxLineBytes: 64 * 1024 }),
    });
    user = await registerUser(t.app, 'carol');
  });
  afterAll(async () => t?.close());

  const rows = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );
  const good = toHailJsonl(sampleSession());
  const lines = good.trimEnd().split('\n');

  const cases: Array<[string, string, number, string]> = [
    ['empty body', '', 400, 'invalid_jsonl'],
    ['not JSON', 'hello\n', 400, 'invalid_jsonl'],
    ['event first', `${lines[1]}\n`, 400, 'invalid_jsonl'],
    ['a broken middle line', `${lines[0]}\n${lines[1]}\n{"type":"event",\n${lines[2]}\n`, 400, 'invalid_jsonl'],
    ['wrong version', good.replace('hail-1.0.0', 'hail-2.0.0'), 400, 'unsupported_version'],
    ['not a hail version', good.replace('hail-1.0.0', 'v1'), 400, 'unsupported_version'],
    ['no events', `${lines[0]}\n`, 400, 'invalid_session'],
    ['unknown event type', good.replace('"UserMessage"', '"Nope"'), 400, 'invalid_jsonl'],
    ['duplicate event ids', good.replace('"event_id":"e2"', '"event_id":"e1"'), 400, 'invalid_session'],
    ['a huge line', `${lines[0]}\n${'{"x":"'.padEnd(70 * 1024, 'a')}"}\n`, 413, 'line_too_long'],
    ['deep JSON', `${lines[0]}\n${'['.repeat(5000)}${']'.repeat(5000)}\n`, 400, 'too_deep'],
    ['a body over the limit', `${good}${'\n'.repeat(300 * 1024)}`, 413, 'payload_too_large'],
  ];

  for (const [name, body, status, code] of cases) {
    it(`answers ${status} ${code} to ${name}, storing nothing`, async () => {
      const before = await rows();
      const r = await uploadJsonl(t.app, user.token, body);
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(await rows()).toBe(before);
    });
  }

  it('names the line of a JSONL error', async () => {
    const r = await uploadJsonl(t.app, user.token, `${lines[0]}\n${lines[1]}\n{oops\n`);
    expect(r.body.error.message).toContain('line 3');
  });

  it('refuses deep JSON and unknown media types on the JSON form', async () => {
    const deep = `{"session":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    const r = await call(t.app, 'POST', '/api/sessions', {
      token: user.token,
      body: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    const x = await call(t.app, 'POST', '/api/sessions', {
      token: user.token,
      body: good,
      headers: { 'content-type': 'text/plain' },
    });
    expect(x.status).toBe(415);
  });

  it('refuses a chunked body over the limit while streaming', async () => {
    const chunk = new TextEncoder().encode(`${lines[0]}\n`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 400 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await t.app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/x-ndjson' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('stores unicode edge cases faithfully (NUL, emoji, RTL, lone surrogates)', async () => {
    const weird = 'nul\u0000 emoji 🧪 rtl \u202Eevil\u202C combining e\u0301 \uD800';
    const s = sessionNamed('unicode', weird);
    s.events[0]!.content.blocks = [{ type: 'Text', text: weird }];
    const up = await uploadJsonl(t.app, user.token, s);
    expect(up.status).toBe(201);
    const d = await call(t.app, 'GET', `/api/sessions/${up.body.id}`, { token: user.token });
    expect(d.body.title).not.toContain('\u0000');
    expect(d.body.title).toContain('🧪');
    const raw = await call(t.app, 'GET', `/api/sessions/${up.body.id}/raw`, { token: user.token });
    expect(raw.body).toContain('nul\\u0000');
    const found = await call(t.app, 'GET', `/api/sessions?search=${encodeURIComponent('🧪 emoji')}`, {
      token: user.token,
    });
    expect(found.status).toBe(200);
  });
});
