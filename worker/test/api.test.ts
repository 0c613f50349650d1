import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { HailEvent } from '../../src/hail/session.js';
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords.js';
import { http } from '../../test/support/http-calls.js';
import { sessionNamed } from '../../test/support/sessions.js';
import { bodiesOf, d1Of, startWorker, type WorkerTarget } from './support/worker.js';

// The API's core contracts on the Worker (workerd + D1 + R2), beyond the authorization matrix:
// what comes back, and where it is kept.

let w: WorkerTarget;
beforeAll(async () => {
  w = await startWorker();
});
afterAll(async () => w?.close());

const req = (method: string, path: string, opts: Parameters<typeof http>[3] = {}) => http(w.url, method, path, opts);
const jsonl = { 'content-type': 'application/x-ndjson' };

async function signUp(nickname: string) {
  const r = await req('POST', '/api/auth/register', {
    json: { email: `${nickname}@example.com`, password: 'password-123', nickname },
  });
  expect(r.status).toBe(201);
  return { token: r.body.access_token as string, refresh: r.body.refresh_token as string, id: r.body.user_id };
}

async function upload(token: string, id: string, query = '') {
  const r = await req('POST', `/api/sessions${query}`, {
    token,
    body: toHailJsonl(sessionNamed(id, `worker ${id}`)),
    headers: jsonl,
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** Every session id the user can pull, page by page. */
async function pullAll(token: string, limit = 3): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '';
  for (;;) {
    const r = await req('GET', `/api/sync/pull?limit=${limit}${cursor && `&cursor=${encodeURIComponent(cursor)}`}`, {
      token,
    });
    expect(r.status).toBe(200);
    ids.push(...r.body.sessions.map((s: { id: string }) => s.id));
    if (!r.body.has_more) return ids;
    cursor = r.body.next_cursor;
  }
}

const d1 = () => d1Of(w);
const bodies = () => bodiesOf(w);

describe('auth on the Worker', () => {
  it('registers, logs in, reads me, and rotates refresh tokens (a reused one is refused)', async () => {
    const u = await signUp('ada');
    const login = await req('POST', '/api/auth/login', {
      json: { email: 'ada@example.com', password: 'password-123' },
    });
    expect(login.status).toBe(200);
    const me = await req('GET', '/api/auth/me', { token: login.body.access_token });
    expect(me.body).toMatchObject({ user_id: u.id, nickname: 'ada', email: 'ada@example.com' });
    const next = await req('POST', '/api/auth/refresh', { json: { refresh_token: u.refresh } });
    expect(next.status).toBe(200);
    expect(next.body.refresh_token).not.toBe(u.refresh);
    expect((await req('POST', '/api/auth/refresh', { json: { refresh_token: u.refresh } })).status).toBe(401);
    expect((await req('GET', '/api/auth/me', { token: 'not-a-token' })).status).toBe(401);
  });

  it('keeps password hashes in the Node server format, verifiable on either side', async () => {
    const u = await signUp('grace');
    const { results } = await (await d1())
      .prepare('SELECT password_hash FROM users WHERE id = ?')
      .bind(u.id)
      .all<{ password_hash: string }>();
    const row = results[0];
    expect(row?.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('password-123', row!.password_hash)).toBe(true);
    // A hash the Node server wrote (a database moved from self-hosted to D1) logs in on the Worker.
    const fromNode = await hashPassword('moved-over-456', 2048);
    await (await d1()).prepare('UPDATE users SET password_hash = ? WHERE id = ?').bind(fromNode, u.id).all();
    const login = await req('POST', '/api/auth/login', {
      json: { email: 'grace@example.com', password: 'moved-over-456' },
    });
    expect(login.status).toBe(200);
  });
});

describe('sessions on the Worker', () => {
  it('keeps the gzipped body in R2 and serves it back: upload, list, search, detail, raw, delete', async () => {
    const u = await signUp('linus');
    const session = sessionNamed('r2-body', 'quokka migration plan');
    const up = await req('POST', '/api/sessions?visibility=public', {
      token: u.token,
      body: toHailJsonl(session),
      headers: jsonl,
    });
    expect(up.status).toBe(201);
    const id = up.body.id as string;
    expect(up.body.url).toBe(`http://localhost:3000/session/${id}`);

    const list = await req('GET', '/api/sessions');
    expect(list.body.sessions.map((s: { id: string }) => s.id)).toContain(id);
    const found = await req('GET', '/api/sessions?search=quokka');
    expect(found.body.sessions.map((s: { id: string }) => s.id)).toEqual([id]);
    const detail = await req('GET', `/api/sessions/${id}`);
    expect(detail.body).toMatchObject({ id, title: 'quokka migration plan', event_count: session.events.length });

    const raw = await req('GET', `/api/sessions/${id}/raw`);
    expect(raw.status).toBe(200);
    const objects = (await (await bodies()).list({ prefix: 'bodies/' })).objects;
    expect(objects).toHaveLength(1);
    const stored = await (await bodies()).get(objects[0]!.key);
    expect(gunzipSync(Buffer.from(await stored!.arrayBuffer())).toString('utf8')).toBe(raw.body);
    expect(raw.body.split('\n')[0]).toContain('"session_id":"r2-body"');

    expect((await req('DELETE', `/api/sessions/${id}`, { token: u.token })).status).toBe(200);
    expect((await req('GET', `/api/sessions/${id}`)).status).toBe(404);
    expect((await (await bodies()).list({ prefix: 'bodies/' })).objects).toHaveLength(0);
  });

  it('shows team sessions to members only, and counts them in team stats', async () => {
    const owner = await signUp('tove');
    const member = await signUp('moomin');
    const outsider = await signUp('hattifnatt');
    const team = await req('POST', '/api/teams', { token: owner.token, json: { name: 'Valley' } });
    expect(team.status).toBe(201);
    const teamId = team.body.id as string;
    const add = await req('POST', `/api/teams/${teamId}/members`, {
      token: owner.token,
      json: { nickname: 'moomin' },
    });
    expect(add.status).toBe(201);
    const id = await upload(owner.token, 'team-one', `?team_id=${teamId}`);
    const seen = await req('GET', `/api/sessions?team_id=${teamId}`, { token: member.token });
    expect(seen.body.sessions.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await req('GET', `/api/sessions/${id}`, { token: outsider.token })).status).toBe(404);
    const stats = await req('GET', `/api/teams/${teamId}/stats`, { token: member.token });
    expect(stats.body.totals.session_count).toBe(1);
  });

  it('pulls every visible session once, in commit order, across pages', async () => {
    const u = await signUp('pull');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await upload(u.token, `pull-${i}`));
    expect(await pullAll(u.token)).toEqual(ids);
  });

  it('gives concurrent uploads distinct sync positions (transactions over D1 batches)', async () => {
    const users = await Promise.all(['c1', 'c2', 'c3'].map(signUp));
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => upload(users[i % 3]!.token, `conc-${i}`, '?visibility=public')),
    );
    const rows = await (await d1())
      .prepare(`SELECT sync_seq FROM sessions WHERE id IN (${ids.map(() => '?').join(',')})`)
      .bind(...ids)
      .all<{ sync_seq: number }>();
    expect(new Set(rows.results.map((r) => r.sync_seq)).size).toBe(12);
  });
});

describe('live streaming on the Worker', () => {
  const ev = (id: string, text: string): HailEvent => ({
    event_id: id,
    timestamp: '2026-01-01T00:01:30.000Z',
    event_type: { type: 'AgentMessage' },
    content: { blocks: [{ type: 'Text', text }] },
  });

  /** `event:` frames of an SSE response until `count` arrived (or the stream ended). */
  async function frames(res: Response, count: number) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    const out: Array<Record<string, string>> = [];
    while (out.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      for (let i = buf.indexOf('\n\n'); i !== -1; i = buf.indexOf('\n\n')) {
        const frame = Object.fromEntries(
          buf
            .slice(0, i)
            .split('\n')
            .map((l) => /^(event|id|data): ?(.*)$/.exec(l))
            .filter((m) => m !== null)
            .map((m) => [m[1], m[2]]),
        );
        buf = buf.slice(i + 2);
        if (frame.event) out.push(frame);
      }
    }
    await reader.cancel();
    return out;
  }

  it('streams the stored events, then appended ones', async () => {
    const u = await signUp('streamer');
    const id = await upload(u.token, 'live', '?visibility=public');
    const res = await fetch(`${w.url}/api/sessions/${id}/stream`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stored = sessionNamed('live').events.length;
    const got = frames(res, stored + 1);
    const append = await req('POST', `/api/sessions/${id}/events`, {
      token: u.token,
      json: { events: [ev('appended', 'hello live')] },
    });
    expect(append.status).toBe(200);
    const all = await got;
    expect(all.map((f) => f.id)).toEqual(Array.from({ length: stored + 1 }, (_, i) => String(i + 1)));
    expect(JSON.parse(all[stored]!.data!).event_id).toBe('appended');
  });
});

describe('Worker platform bindings', () => {
  it('rate-limits per CF-Connecting-IP, ignoring a client-sent X-Forwarded-For', async () => {
    const strict = await startWorker({ OPENSESSION_RATE_LIMIT_MAX: '2' });
    try {
      const login = (ip: string, spoof?: string) =>
        http(strict.url, 'POST', '/api/auth/login', {
          json: { email: 'nobody@example.com', password: 'wrong-password' },
          headers: { 'cf-connecting-ip': ip, ...(spoof ? { 'x-forwarded-for': spoof } : {}) },
        });
      expect((await login('203.0.113.1')).status).toBe(401);
      expect((await login('203.0.113.1', '198.51.100.7')).status).toBe(401);
      expect((await login('203.0.113.1', '198.51.100.8')).status).toBe(429);
      expect((await login('203.0.113.2')).status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('answers 500 naming the setting when the Worker is misconfigured', async () => {
    const broken = await startWorker({ JWT_SECRET: 'too-short' });
    try {
      const r = await http(broken.url, 'GET', '/api/health');
      expect(r.status).toBe(500);
      expect(r.body.error).toEqual({
        code: 'misconfigured',
        message: 'worker misconfigured: JWT_SECRET must be at least 32 bytes (got 9)',
      });
    } finally {
      await broken.close();
    }
  });
});
