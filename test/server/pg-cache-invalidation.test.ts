import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { AppDeps } from '../../src/server/context.js';
import { LISTENER_NAME } from '../../src/server/db/pg-write-version.js';
import { createDeps } from '../../src/server/deps.js';
import { createLogger } from '../../src/server/logger.js';
import { call, createTestApp, postgresAvailable, registerUser, type TestApp } from '../support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../support/sessions.js';
import { seenWrite } from './seen-write.js';

// Two instances on one PostgreSQL, each keeping list pages, totals and API-key owners until its
// data version moves: a write through one must reach what the other keeps once its notification
// has arrived, and through the one that wrote at once.
const pgReady = await postgresAvailable();

(pgReady ? describe : describe.skip)('kept pages and keys across two instances on one PostgreSQL', () => {
  let a: TestApp;
  let b: { app: ReturnType<typeof createApp>; deps: AppDeps };
  let alice: { token: string; id: string };

  beforeAll(async () => {
    a = await createTestApp('postgres');
    const deps = await createDeps(a.config, { clock: a.clock.read, log: createLogger('silent') });
    b = { app: createApp(deps), deps };
    alice = await registerUser(a.app, 'alice');
    await uploadJsonl(a.app, alice.token, sessionNamed('x-1', 'First'));
  });
  afterAll(async () => {
    await b?.deps.database.close();
    await a?.close();
  });

  const list = async (app: TestApp['app'], token = alice.token) => {
    const r = await call(app, 'GET', '/api/sessions', { token });
    expect(r.status).toBe(200);
    return { titles: (r.body.sessions as { title: string }[]).map((s) => s.title).sort(), total: r.body.total };
  };
  const versionOfB = () => b.deps.database.dataVersion?.();

  it('follows writes while listening', () => {
    expect(a.deps.database.dataVersion?.()).toBeDefined();
    expect(versionOfB()).toBeDefined();
  });

  it('drops a page kept on one instance once a write through the other is notified', async () => {
    expect(await list(b.app)).toEqual({ titles: ['First'], total: 1 });
    const before = versionOfB();
    await uploadJsonl(a.app, alice.token, sessionNamed('x-2', 'Second'));
    await seenWrite(b.deps.database, before);
    expect(await list(b.app)).toEqual({ titles: ['First', 'Second'], total: 2 });

    const again = versionOfB();
    const del = await call(a.app, 'GET', '/api/sessions', { token: alice.token });
    const second = (del.body.sessions as { id: string; title: string }[]).find((s) => s.title === 'Second');
    expect((await call(a.app, 'DELETE', `/api/sessions/${second?.id}`, { token: alice.token })).status).toBe(200);
    await seenWrite(b.deps.database, again);
    expect(await list(b.app)).toEqual({ titles: ['First'], total: 1 });
  });

  it('shows an instance its own writes at once, without waiting for the notification', async () => {
    expect(await list(b.app)).toEqual({ titles: ['First'], total: 1 });
    const before = versionOfB();
    expect((await uploadJsonl(b.app, alice.token, sessionNamed('x-3', 'Third'))).status).toBe(201);
    expect(versionOfB()).not.toBe(before);
    expect(await list(b.app)).toEqual({ titles: ['First', 'Third'], total: 2 });
  });

  it('refuses on one instance an API key replaced through the other once notified', async () => {
    const carol = await registerUser(a.app, 'carol');
    expect((await call(b.app, 'GET', '/api/sessions', { token: carol.token })).status).toBe(200);
    const before = versionOfB();
    const regen = await call(a.app, 'POST', '/api/auth/regenerate-key', { token: carol.token });
    expect(regen.status).toBe(200);
    await seenWrite(b.deps.database, before);
    expect((await call(b.app, 'GET', '/api/sessions', { token: carol.token })).status).toBe(401);
    expect((await call(b.app, 'GET', '/api/sessions', { token: regen.body.api_key })).status).toBe(200);
  });

  it('keeps nothing while it cannot listen, and follows writes again once reconnected', async () => {
    expect((await list(b.app)).total).toBe(2);
    const before = versionOfB();
    const admin = new pg.Client({ connectionString: a.config.databaseUrl });
    await admin.connect();
    try {
      // both instances' listening connections
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_NAME],
      );
      expect(killed.rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(versionOfB()).toBeUndefined(), { timeout: 10_000, interval: 5 });
    // not listening: every page is built, so a write elsewhere shows at once
    await uploadJsonl(a.app, alice.token, sessionNamed('x-4', 'Fourth'));
    expect((await list(b.app)).titles).toContain('Fourth');
    await vi.waitFor(() => expect(versionOfB()).toBeDefined(), { timeout: 10_000, interval: 10 });
    expect(versionOfB()).not.toBe(before);
    expect(await list(b.app)).toEqual({ titles: ['First', 'Fourth', 'Third'], total: 3 });
  });
});

if (!pgReady) it.skip('these tests need PostgreSQL binaries', () => {});
