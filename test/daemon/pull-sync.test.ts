import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api-client.js';
import { DaemonState } from '../../src/daemon/local-sessions.js';
import { pullCursorKey, pullOnce, remoteSessionCount } from '../../src/daemon/pull-sync.js';
import { type Db, openIndex } from '../../src/store/db.js';
import { sessionNamed } from '../support/sessions.js';
import { RestartableServer } from './harness.js';

describe('pull sync from /api/sync/pull', () => {
  const server = new RestartableServer();
  let dir: string;
  let db: Db;
  let client: ApiClient;

  beforeAll(async () => {
    await server.start();
    const key = await server.register('puller');
    client = new ApiClient({ baseUrl: server.url, apiKey: key });
    for (let i = 0; i < 5; i++) await client.uploadSession(sessionNamed(`team-${i}`));
    dir = mkdtempSync(join(tmpdir(), 'os-pull-'));
    db = openIndex(join(dir, 'local.db'));
  });
  afterAll(async () => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    await server.dispose();
  });

  it('pulls the feed into remote_sessions and persists the cursor', async () => {
    const r = await pullOnce(client, db);
    expect(r.pulled).toBe(5);
    expect(remoteSessionCount(db, server.url)).toBe(5);
    expect(new DaemonState(db).get(pullCursorKey(server.url, undefined))).toBe(r.cursor);
    const row = db
      .prepare('SELECT session_id, title, summary FROM remote_sessions WHERE session_id = ?')
      .get('team-3') as {
      title: string;
      summary: string;
    };
    expect(row.title).toBe('Session team-3');
    expect(JSON.parse(row.summary).event_count).toBeGreaterThan(0);
  });

  it('resumes after the cursor: only new and updated sessions come again', async () => {
    await client.uploadSession(sessionNamed('team-5'));
    await client.uploadSession(sessionNamed('team-1', 'Renamed'));
    const r = await pullOnce(client, db);
    expect(r.pulled).toBe(2);
    expect(remoteSessionCount(db, server.url)).toBe(6);
    const title = db.prepare("SELECT title FROM remote_sessions WHERE session_id = 'team-1'").pluck().get();
    expect(title).toBe('Renamed');
    expect((await pullOnce(client, db)).pulled).toBe(0);
  });
});
