import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api-client.js';
import { DaemonState } from '../../src/daemon/local-sessions.js';
import { importPulled } from '../../src/daemon/pull-import.js';
import { pullCursorKey, pullOnce, remoteSessionCount } from '../../src/daemon/pull-sync.js';
import { readArchive } from '../../src/store/archive.js';
import { type Db, openIndex } from '../../src/store/db.js';
import { listSessions } from '../../src/store/queries/log.js';
import { searchEvents } from '../../src/store/queries/search.js';
import { SourceStore } from '../../src/store/source-state.js';
import { IndexWriter } from '../../src/store/writer.js';
import { sessionNamed } from '../support/sessions.js';
import { RestartableServer } from './harness.js';

describe('pull sync from /api/sync/pull', () => {
  const server = new RestartableServer();
  let dir: string;
  let db: Db;
  let client: ApiClient;
  let key: string;

  beforeAll(async () => {
    await server.start();
    key = await server.register('puller');
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

  const titleOf = (id: string) => db.prepare('SELECT title FROM sessions WHERE id = ?').pluck().get(id);

  it('imports the pulled bodies: listed, searched and readable from the archive copy', async () => {
    expect(await importPulled(client, db, dir)).toEqual({ imported: 6, failed: 0 });
    const ids = listSessions(db, {}, 50).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['team-0', 'team-3', 'team-5']));
    expect(titleOf('team-1')).toBe('Renamed');
    expect(searchEvents(db, 'auth', {}, 50).some((h) => h.session_id === 'team-3')).toBe(true);
    const archive = db.prepare("SELECT archive_path FROM sessions WHERE id = 'team-3'").pluck().get() as string;
    const { session } = await readArchive(archive);
    expect(session.events.length).toBe(sessionNamed('team-3').events.length);
    expect(await importPulled(client, db, dir)).toEqual({ imported: 0, failed: 0 });
  });

  it('fetches a session again when it is re-uploaded, but never replaces a local one', async () => {
    const source = new SourceStore(db).save({
      path: join(dir, 'local.jsonl'),
      tool: 'claude-code',
      size: 1,
      mtime_ms: 1,
      parts_sig: '',
      byte_offset: null,
      tail_sig: null,
      resume: null,
      status: 'ok',
      warning_count: 0,
      warnings: null,
    });
    new IndexWriter(db).insertSession(sessionNamed('team-4', 'Local copy'), source, null);
    await client.uploadSession(sessionNamed('team-4', 'Server copy'));
    await client.uploadSession(sessionNamed('team-2', 'Updated on the server'));
    await pullOnce(client, db);
    expect(await importPulled(client, db, dir)).toEqual({ imported: 1, failed: 0 });
    expect(titleOf('team-2')).toBe('Updated on the server');
    expect(titleOf('team-4')).toBe('Local copy');
  });

  it('records a body that is gone and goes on with the others', async () => {
    await client.uploadSession(sessionNamed('team-gone'));
    await client.uploadSession(sessionNamed('team-6'));
    await pullOnce(client, db);
    const remoteId = db
      .prepare("SELECT id FROM remote_sessions WHERE session_id = 'team-gone'")
      .pluck()
      .get() as string;
    const res = await fetch(`${server.url}/api/sessions/${remoteId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    expect(await importPulled(client, db, dir)).toEqual({ imported: 1, failed: 1 });
    expect(titleOf('team-6')).toBe('Session team-6');
    const error = db.prepare("SELECT import_error FROM remote_sessions WHERE session_id = 'team-gone'").pluck().get();
    expect(error).toMatch(/not found/i);
    expect(await importPulled(client, db, dir)).toEqual({ imported: 0, failed: 0 });
  });
});
