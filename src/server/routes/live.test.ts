import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  describeEachDialect,
  registerUser,
  type TestApp,
} from '../../../test/support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../../../test/support/sessions.js';
import type { HailEvent } from '../../hail/session.js';

const ev = (id: string, second: number, text: string): HailEvent => ({
  event_id: id,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 1, second)).toISOString(),
  event_type: { type: 'AgentMessage' },
  content: { blocks: [{ type: 'Text', text }] },
});

/** Reads SSE frames from a response until `count` `event:` frames arrived. */
async function readFrames(res: Response, count: number, timeoutMs = 5000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const frames: Array<{ event?: string; id?: string; data?: string }> = [];
  const deadline = Date.now() + timeoutMs;
  while (frames.length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let idx = buf.indexOf('\n\n');
    while (idx !== -1) {
      const raw = buf.slice(0, idx);
      buf = buf.slice(idx + 2);
      const f: Record<string, string> = {};
      for (const line of raw.split('\n')) {
        const m = /^(event|id|data): ?(.*)$/.exec(line);
        if (m) f[m[1]!] = m[2]!;
      }
      if (f.event) frames.push(f);
      idx = buf.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return frames;
}

describeEachDialect('live events and stream', (dialect) => {
  let t: TestApp;
  let owner: { token: string; id: string };
  let other: { token: string; id: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await registerUser(t.app, 'owner');
    other = await registerUser(t.app, 'other');
  });
  afterAll(async () => t?.close());

  it('starts a session from events, appends, and ignores repeated event ids', async () => {
    const base = sessionNamed('live-1');
    const start = await call(t.app, 'POST', '/api/sessions/live-1/events', {
      token: owner.token,
      json: { agent: base.agent, context: base.context, events: [ev('a', 0, 'hello')] },
    });
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ accepted: 1, event_count: 1 });
    const more = await call(t.app, 'POST', `/api/sessions/${start.body.id}/events`, {
      token: owner.token,
      json: { events: [ev('a', 0, 'hello'), ev('b', 1, 'world')] },
    });
    expect(more.status).toBe(200);
    expect(more.body).toEqual({ accepted: 1, id: start.body.id, event_count: 2 });
    const d = await call(t.app, 'GET', `/api/sessions/${start.body.id}`, { token: owner.token });
    expect(d.body).toMatchObject({ event_count: 2, message_count: 2, visibility: 'private' });
  });

  it('refuses appends by others and out-of-order events', async () => {
    const up = await uploadJsonl(t.app, owner.token, sessionNamed('live-2'), { visibility: 'public' });
    const byOther = await call(t.app, 'POST', `/api/sessions/${up.body.id}/events`, {
      token: other.token,
      json: { events: [ev('z', 59, 'x')] },
    });
    expect(byOther.status).toBe(404);
    const early = { ...ev('early', 0, 'x'), timestamp: '2025-01-01T00:00:00Z' };
    const bad = await call(t.app, 'POST', `/api/sessions/${up.body.id}/events`, {
      token: owner.token,
      json: { events: [early] },
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await call(t.app, 'POST', '/api/sessions/nope/events', {
          token: owner.token,
          json: { events: [ev('q', 1, 'x')] },
        })
      ).status,
    ).toBe(404);
  });

  it('streams existing events, then appended ones, to a viewer', async () => {
    const up = await uploadJsonl(t.app, owner.token, sessionNamed('live-3'), { visibility: 'public' });
    const res = await t.app.request(`/api/sessions/${up.body.id}/stream`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const framesP = readFrames(res, 8);
    await new Promise((r) => setTimeout(r, 100));
    await call(t.app, 'POST', `/api/sessions/${up.body.id}/events`, {
      token: owner.token,
      json: { events: [ev('new', 30, 'appended live')] },
    });
    const frames = await framesP;
    expect(frames).toHaveLength(8);
    expect(frames.map((f) => f.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(JSON.parse(frames[7]!.data!).event_id).toBe('new');
  });

  it('resumes after Last-Event-ID and never streams a private session to others', async () => {
    const up = await uploadJsonl(t.app, owner.token, sessionNamed('live-4'));
    expect((await t.app.request(`/api/sessions/${up.body.id}/stream`)).status).toBe(404);
    expect(
      (
        await t.app.request(`/api/sessions/${up.body.id}/stream`, {
          headers: { authorization: `Bearer ${other.token}` },
        })
      ).status,
    ).toBe(404);
    const res = await t.app.request(`/api/sessions/${up.body.id}/stream`, {
      headers: { authorization: `Bearer ${owner.token}`, 'last-event-id': '5' },
    });
    const frames = await readFrames(res, 2);
    expect(frames.map((f) => f.id)).toEqual(['6', '7']);
  });

  it('ends the stream when the session is made private', async () => {
    const up = await uploadJsonl(t.app, owner.token, sessionNamed('live-5'), { visibility: 'public' });
    const res = await t.app.request(`/api/sessions/${up.body.id}/stream`);
    const framesP = readFrames(res, 8);
    await new Promise((r) => setTimeout(r, 100));
    await uploadJsonl(t.app, owner.token, sessionNamed('live-5'), { visibility: 'private' });
    const frames = await framesP;
    expect(frames.at(-1)?.event).toBe('end');
    expect(frames.filter((f) => f.event === 'event')).toHaveLength(7);
  });
});
