import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api-client.js';
import { defaultDaemonConfig } from '../../src/daemon/config.js';
import { type PrivacySettings, privacyOf } from '../../src/daemon/prepare-upload.js';
import { sessionSignature, UploadQueue } from '../../src/daemon/upload-queue.js';
import type { HailEvent } from '../../src/hail/session.js';
import { sessionRow } from '../../src/store/session-row.js';
import { httpSharing, type Sharing } from '../../src/tui/account/share-api.js';
import { startTestServer, type TestServer } from '../support/server-harness.js';
import { buildIndex, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

// The detail screen's upload key against a real server (Hono on 127.0.0.1, ephemeral port,
// temp SQLite): what arrives there, redacted, and what the local index records.

const AWS_KEY = 'AKIAZ7QK3MWT5XHN2VPL';
const secretEvent: HailEvent = {
  event_id: 'leak',
  timestamp: '2026-01-01T00:03:00Z',
  event_type: { type: 'UserMessage' },
  content: { blocks: [{ type: 'Text', text: `deploy with aws_access_key_id=${AWS_KEY} please` }] },
};
const leaky = (() => {
  const base = session('s1', 'Fix auth', { day: '2026-01-01' });
  return session('s1', 'Fix auth', { day: '2026-01-01', events: [...base.events, secretEvent] });
})();

let server: TestServer;
let idx: TestIndex;
let apiKey: string;
const privacy: PrivacySettings = privacyOf(defaultDaemonConfig());

async function post(path: string, token: string | undefined, json: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  const data: any = await res.json();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

async function rawOnServer(id: string): Promise<string> {
  const res = await fetch(`${server.url}/api/sessions/${id}/raw`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

const sharingFor = (o: { url?: string; key?: string; teamId?: string; privacy?: PrivacySettings } = {}): Sharing =>
  httpSharing({
    account: { url: o.url ?? server.url, apiKey: o.key ?? apiKey, teamId: o.teamId },
    privacy: o.privacy ?? privacy,
    home: idx.home,
    db: idx.db,
  });

/** The OSC 52 clipboard writes the services made, decoded. */
const clipboard = () =>
  idx.terminal.map((w) => Buffer.from(/\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/.exec(w)?.[1] ?? '', 'base64').toString());

beforeAll(async () => {
  server = await startTestServer('sqlite');
  idx = await buildIndex([leaky]);
  apiKey = (await post('/api/register', undefined, { nickname: 'sharer' })).api_key;
}, 60_000);
afterAll(async () => {
  idx?.dispose();
  await server?.close();
});

async function openDetail(sharing?: Sharing, onPrint?: (line: string) => void) {
  const s = renderApp(idx.services, { columns: 140, rows: 30, sharing, onPrint });
  await s.waitFor('1 sessions');
  await s.press(KEY.enter);
  await s.waitFor('event 1/');
  return s;
}

describe('upload from the session detail', () => {
  it('asks first, then uploads the session with its secret redacted, records it, and copies its link', async () => {
    const client = new ApiClient({ baseUrl: server.url, apiKey });
    const printed: string[] = [];
    const s = await openDetail(sharingFor(), (l) => printed.push(l));
    expect(s.frame()).toContain('u upload');
    await s.press('u');
    const asked = await s.waitFor('y send');
    expect(asked).toContain(`upload to ${server.url}? 1 secret redacted`);
    // Nothing has left yet.
    expect((await client.syncPull()).sessions).toEqual([]);

    idx.terminal.length = 0;
    await s.press('y');
    const done = await s.waitFor('link copied');
    const listed = (await client.syncPull()).sessions;
    expect(listed.map((x) => [x.session_id, x.title])).toEqual([['s1', 'Fix auth']]);
    const remoteId = listed[0]!.id;
    // The web UI's page of the session, on the server as the client reaches it.
    const page = `${server.url}/session/${remoteId}`;
    expect(done).toContain(`uploaded ${page} · link copied`);
    expect(clipboard()).toEqual([page]);
    // Printed again when the UI exits, for terminals without OSC 52.
    expect(printed).toEqual([page]);

    const body = await rawOnServer(remoteId);
    expect(body).not.toContain(AWS_KEY);
    expect(body).toMatch(/\[REDACTED:[^\]]+\]/);
    expect(body).toContain('please');

    // Recorded like `publish upload` does: the daemon will not send this version again.
    const queue = new UploadQueue(idx.db, server.url);
    expect(queue.sentSig('s1')).toBe(sessionSignature(sessionRow(leaky)));

    // A second upload of the same session updates it in place.
    await s.press('u');
    await s.waitFor('y send');
    await s.press('y');
    expect(await s.waitFor('link copied')).toContain(`updated ${page} · link copied`);
    expect((await client.syncPull()).sessions).toHaveLength(1);
    s.unmount();
  });

  it('sends nothing when the prompt gets any other key', async () => {
    const other = (await post('/api/register', undefined, { nickname: 'canceller' })).api_key;
    const s = await openDetail(sharingFor({ key: other }));
    await s.press('u');
    await s.waitFor('y send');
    await s.press('n');
    await s.waitFor('upload cancelled');
    // The key went to the prompt, not to next-match.
    expect(s.frame()).not.toContain('nothing to find');
    await s.press('u');
    await s.waitFor('y send');
    await s.press(KEY.esc);
    await s.waitFor('upload cancelled');
    expect((await new ApiClient({ baseUrl: server.url, apiKey: other }).syncPull()).sessions).toEqual([]);
    s.unmount();
  });

  it('names the team in the prompt and uploads into it', async () => {
    const teamId = (await post('/api/teams', apiKey, { name: 'Core' })).id as string;
    const s = await openDetail(sharingFor({ teamId }));
    await s.press('u');
    expect(await s.waitFor('y send')).toContain(`upload to ${server.url} (team ${teamId})?`);
    await s.press('y');
    await s.waitFor('link copied');
    const inTeam = await new ApiClient({ baseUrl: server.url, apiKey }).teamSessions(teamId);
    expect(inTeam.sessions.map((x) => x.session_id)).toEqual(['s1']);
    s.unmount();
  });

  it('refuses a session the privacy settings exclude, without asking', async () => {
    const s = await openDetail(sharingFor({ privacy: { ...privacy, excludeTools: ['claude-code'] } }));
    await s.press('u');
    const f = await s.waitFor('not uploaded');
    expect(f).toContain('not uploaded: tool claude-code is excluded (privacy.exclude_tools)');
    s.unmount();
  });

  it("shows the server's refusal of a bad key on one line, and the UI goes on", async () => {
    const s = await openDetail(sharingFor({ key: 'osk_nope' }));
    await s.press('u');
    await s.waitFor('y send');
    await s.press('y');
    const f = await s.waitFor('upload failed');
    expect(f).toMatch(/upload failed: the server refused the API key \(.+\)/);
    await s.press('j');
    await s.waitFor('line 2/');
    s.unmount();
  });

  it('says the session is larger than the server accepts', async () => {
    const small = await startTestServer('sqlite', { env: { OPENSESSION_MAX_UPLOAD_BYTES: '1024' } });
    try {
      const key = (await (
        await fetch(`${small.url}/api/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ nickname: 'small' }),
        })
      ).json()) as { api_key: string };
      const s = await openDetail(sharingFor({ url: small.url, key: key.api_key }));
      await s.press('u');
      await s.waitFor('y send');
      await s.press('y');
      const f = await s.waitFor('upload failed');
      expect(f).toContain(
        'upload failed: the session is larger than the server accepts (request body exceeds 1024 bytes)',
      );
      s.unmount();
    } finally {
      await small.close();
    }
  });

  it('says the server cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const s = await openDetail(sharingFor({ url }));
    await s.press('u');
    await s.waitFor('y send');
    await s.press('y');
    const f = await s.waitFor('upload failed');
    expect(f).toContain(`upload failed: cannot reach the server: ${url}: connection refused`);
    s.unmount();
  });

  it('says how to configure a server when there is none, and the help lists the key', async () => {
    const s = await openDetail();
    await s.press('u');
    const f = await s.waitFor('no server configured');
    expect(f).toContain('no server configured: run `opensession account config --server URL --api-key osk_…`');
    await s.press('?');
    const help = await s.waitFor('Everywhere');
    expect(help).toMatch(/^ {2}u +upload to the server, secrets redacted/m);
    s.unmount();
  });

  it('says a key is missing when the server has none', async () => {
    const sharing = httpSharing({ account: { url: server.url }, privacy, home: idx.home, db: idx.db });
    const s = await openDetail(sharing);
    await s.press('u');
    expect(await s.waitFor('no API key')).toContain('no API key configured: run `opensession account config --api-key');
    s.unmount();
  });
});
