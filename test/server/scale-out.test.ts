import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import { createTempDatabase, pgAdminUrl, type TempDatabase } from '../support/postgres.js';
import { http, postgresAvailable, TEST_SECRET } from '../support/server-harness.js';
import { sessionNamed } from '../support/sessions.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Proc {
  url: string;
  child: ChildProcess;
}

/** Starts `src/server/main.ts` in its own Node process and waits for its "server listening" log line. */
function startProcess(env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buf}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"msg":"server listening","url":"([^"]+)"/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buf}`)));
  });
}

const stop = (p: Proc | undefined) =>
  new Promise<void>((resolve) => {
    if (!p || p.child.exitCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill('SIGTERM');
  });

const pgReady = await postgresAvailable();

(pgReady ? describe : describe.skip)('two server processes on one PostgreSQL', () => {
  let db: TempDatabase;
  let a: Proc;
  let b: Proc;
  let token: string;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    db = await createTempDatabase((await pgAdminUrl()) as string);
    const env = (name: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), `opensession-${name}-`));
      dataDirs.push(dir);
      return {
        DATABASE_URL: db.url,
        JWT_SECRET: TEST_SECRET,
        OPENSESSION_DATA_DIR: dir,
        OPENSESSION_HOST: '127.0.0.1',
        PORT: '0',
        OPENSESSION_LOG_LEVEL: 'info',
        OPENSESSION_RATE_LIMIT_MAX: '4',
        // Windows are fixed: a day-long one keeps the five attempts below from straddling two.
        OPENSESSION_RATE_LIMIT_WINDOW_SECONDS: '86400',
      };
    };
    a = await startProcess(env('a'));
    b = await startProcess(env('b'));
    const reg = await http(a.url, 'POST', '/api/register', { json: { nickname: 'scale' } });
    expect(reg.status).toBe(201);
    token = reg.body.api_key;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await db?.drop();
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  });

  const upload = (url: string, id: string) =>
    http(url, 'POST', '/api/sessions', {
      token,
      body: toHailJsonl(sessionNamed(id)),
      headers: { 'content-type': 'application/x-ndjson' },
    });

  it('sees uploads through both instances exactly once in a sync pull through either', async () => {
    const seen: string[] = [];
    let cursor = '';
    let uploading = true;
    const uploads = Promise.all(
      Array.from({ length: 40 }, (_, i) => upload(i % 2 ? a.url : b.url, `scale-${i}`)),
    ).finally(() => {
      uploading = false;
    });
    let turn = 0;
    const drain = async () => {
      for (;;) {
        const via = turn++ % 2 ? a.url : b.url;
        const r = await http(
          via,
          'GET',
          `/api/sync/pull?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { token },
        );
        expect(r.status).toBe(200);
        seen.push(...r.body.sessions.map((s: { id: string }) => s.id));
        cursor = r.body.next_cursor ?? cursor;
        if (!r.body.has_more) return;
      }
    };
    while (uploading) await drain();
    const results = await uploads;
    await drain();
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(seen).toHaveLength(40);
    expect(new Set(seen)).toEqual(new Set(results.map((r) => r.body.id)));
    // re-uploading through the other instance updates the same row
    const again = await upload(b.url, 'scale-1');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(results[1]!.body.id);
  });

  it('shares the login rate limit across instances', async () => {
    const attempt = (url: string) =>
      http(url, 'POST', '/api/auth/login', { json: { email: 'x@example.com', password: 'whatever1' } });
    const statuses = [];
    for (const url of [a.url, b.url, a.url, b.url, a.url]) statuses.push((await attempt(url)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('streams to a viewer on one instance the events appended through the other', async () => {
    const up = await http(a.url, 'POST', '/api/sessions?visibility=public', {
      token,
      body: toHailJsonl(sessionNamed('live-x')),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    const res = await fetch(`${b.url}/api/sessions/${up.body.id}/stream`);
    const reader = res.body!.getReader();
    const append = http(a.url, 'POST', `/api/sessions/${up.body.id}/events`, {
      token,
      json: {
        events: [
          {
            event_id: 'x1',
            timestamp: '2026-01-01T00:00:30Z',
            event_type: { type: 'AgentMessage' },
            content: { blocks: [] },
          },
        ],
      },
    });
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('"event_id":"x1"') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect((await append).status).toBe(200);
    expect(text).toContain('"event_id":"x1"');
  });
});

if (!pgReady) it.skip('scale-out needs PostgreSQL binaries', () => {});
