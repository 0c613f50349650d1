import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api-client.js';
import { ApiError, ConnectionError } from '../../src/client/errors.js';
import type { HailEvent } from '../../src/hail/session.js';
import { http, startTestServer, type TestServer } from '../support/server-harness.js';
import { sessionNamed } from '../support/sessions.js';

const FAST = { retries: 2, baseMs: 10, maxMs: 20 };

/** A plain HTTP server answering from a script of responses, counting requests. */
async function scripted(responses: Array<{ status: number; body: string; headers?: Record<string, string> }>) {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    const r = responses[Math.min(requests++, responses.length - 1)]!;
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const HEALTH = JSON.stringify({ status: 'ok', version: '9.9.9', db: 'ok', dialect: 'sqlite' });

describe('ApiClient against a real server', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const r = await http(server.url, 'POST', '/api/register', { json: { nickname: 'client-user' } });
    key = r.body.api_key;
  });
  afterAll(async () => server?.close());

  it('reads the health, version and dialect', async () => {
    const { value, ms } = await new ApiClient({ baseUrl: `${server.url}/` }).health();
    expect(value).toMatchObject({ status: 'ok', db: 'ok', dialect: 'sqlite' });
    expect(value.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('verifies a key, and says why when there is none or it is wrong', async () => {
    expect(await new ApiClient({ baseUrl: server.url, apiKey: key }).verify()).toMatchObject({
      nickname: 'client-user',
    });
    await expect(new ApiClient({ baseUrl: server.url }).verify()).rejects.toMatchObject({ code: 'no_credentials' });
    await expect(
      new ApiClient({ baseUrl: server.url, apiKey: 'osk_wrong', retry: FAST }).verify(),
    ).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('uploads a session streamed as JSONL: created, then updated in place', async () => {
    const client = new ApiClient({ baseUrl: server.url, apiKey: key });
    const base = sessionNamed('client-big');
    // Enough events to take several body chunks.
    const events: HailEvent[] = Array.from({ length: 3000 }, (_, i) => ({
      event_id: `e${i}`,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
      event_type: { type: 'AgentMessage' },
      content: { blocks: [{ type: 'Text', text: `message ${i} ${'x'.repeat(100)}` }] },
    }));
    const session = { ...base, events, stats: { ...base.stats, event_count: events.length } };
    const first = await client.uploadSession(session, { git_branch: 'main' });
    expect(first.created).toBe(true);
    const again = await client.uploadSession(session);
    expect(again).toMatchObject({ created: false, id: first.id });
    const detail = await http(server.url, 'GET', `/api/sessions/${first.id}`, { token: key });
    expect(detail.body.event_count).toBe(3000);
  });

  it('appends events and pulls the feed page by page', async () => {
    const client = new ApiClient({ baseUrl: server.url, apiKey: key });
    await client.uploadSession(sessionNamed('client-feed'));
    const res = await client.appendEvents('client-feed', {
      events: [
        {
          event_id: 'late',
          timestamp: '2026-06-01T00:00:00.000Z',
          event_type: { type: 'AgentMessage' },
          content: { blocks: [{ type: 'Text', text: 'later' }] },
        },
      ],
    });
    expect(res.accepted).toBe(1);
    const page1 = await client.syncPull({ limit: 1 });
    expect(page1.sessions).toHaveLength(1);
    expect(page1.has_more).toBe(true);
    const page2 = await client.syncPull({ limit: 10, cursor: page1.next_cursor });
    expect(page2.sessions.map((s) => s.session_id)).not.toContain(page1.sessions[0]!.session_id);
  });
});

describe('ApiClient failures', () => {
  it('names a refused connection after retrying', async () => {
    const probe = await scripted([{ status: 200, body: HEALTH }]);
    await probe.close(); // the port is now closed
    const err = await new ApiClient({ baseUrl: probe.url, retry: FAST }).health().catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.reason).toBe('refused');
    expect(err.message).toContain('connection refused');
  });

  it('retries 503 and 429 (honouring Retry-After) until the server answers', async () => {
    const s = await scripted([
      { status: 503, body: '{"error":{"code":"unavailable","message":"starting"}}' },
      { status: 429, body: '{"error":{"code":"rate_limited","message":"slow"}}', headers: { 'retry-after': '0' } },
      { status: 200, body: HEALTH },
    ]);
    try {
      const { value } = await new ApiClient({ baseUrl: s.url, retry: FAST }).health();
      expect(value.version).toBe('9.9.9');
      expect(s.requests()).toBe(3);
    } finally {
      await s.close();
    }
  });

  it('carries the server error code and message of a 4xx, without retrying', async () => {
    const s = await scripted([{ status: 413, body: '{"error":{"code":"payload_too_large","message":"too big"}}' }]);
    try {
      const err = await new ApiClient({ baseUrl: s.url, apiKey: 'osk_x', retry: FAST })
        .uploadSession(sessionNamed('x'))
        .catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 413, code: 'payload_too_large', message: 'too big' });
      expect(s.requests()).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('says when the answer is not from an OpenSession server', async () => {
    const s = await scripted([{ status: 200, body: '<html>hello</html>' }]);
    try {
      const err = await new ApiClient({ baseUrl: s.url, retry: FAST }).health().catch((e) => e);
      expect(err).toMatchObject({ code: 'invalid_response' });
      expect(err.message).toContain('not an OpenSession server');
    } finally {
      await s.close();
    }
  });
});
