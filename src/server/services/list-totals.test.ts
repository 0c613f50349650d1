import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  describeEachDialect,
  registerUser,
  type TestApp,
} from '../../../test/support/server-harness.js';
import { sessionNamed, uploadJsonl } from '../../../test/support/sessions.js';
import { createApp } from '../app.js';
import type { AppDeps } from '../context.js';
import { createDeps } from '../deps.js';
import { createLogger } from '../logger.js';
import { TOTAL_TTL_MS } from './list-totals.js';

describeEachDialect('session list totals across two instances', (dialect) => {
  let t: TestApp;
  let other: { app: ReturnType<typeof createApp>; deps: AppDeps };
  let alice: { token: string; id: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // a second instance: its own connection to the same database, sharing the clock
    const deps = await createDeps(t.config, { clock: t.clock.read, log: createLogger('silent') });
    other = { app: createApp(deps), deps };
    alice = await registerUser(t.app, 'alice');
  });
  afterAll(async () => {
    await other?.deps.database.close();
    await t?.close();
  });

  const total = async (app: TestApp['app']) => {
    const r = await call(app, 'GET', '/api/sessions?per_page=1', { token: alice.token });
    expect(r.status).toBe(200);
    return r.body.total as number;
  };

  it('counts additions made anywhere at once, and deletions made elsewhere within the cache lifetime', async () => {
    const first = await uploadJsonl(t.app, alice.token, sessionNamed('tot-1'));
    expect(first.status).toBe(201);
    expect(await total(t.app)).toBe(1);
    expect(await total(other.app)).toBe(1);

    await uploadJsonl(t.app, alice.token, sessionNamed('tot-2'));
    expect(await total(other.app)).toBe(2);
    expect(await total(t.app)).toBe(2);

    // (not the newest: deleting that lowers the highest sync_seq, which every instance notices)
    expect((await call(t.app, 'DELETE', `/api/sessions/${first.body.id}`, { token: alice.token })).status).toBe(200);
    expect(await total(t.app)).toBe(1);
    if (dialect === 'sqlite') {
      // SQLite's data version tells every connection about every commit: exact at once
      expect(await total(other.app)).toBe(1);
    } else {
      // the other instance served no write and no session was added: it keeps its count a while
      expect(await total(other.app)).toBe(2);
    }
    t.clock.advance(TOTAL_TTL_MS + 1);
    expect(await total(other.app)).toBe(1);
  });

  it('keeps totals per filter and per viewer', async () => {
    const bob = await registerUser(t.app, 'bob');
    await uploadJsonl(t.app, alice.token, sessionNamed('tot-pelican', 'pelican notes'));
    const count = async (token: string, query: string) =>
      (await call(t.app, 'GET', `/api/sessions?${query}`, { token })).body.total as number;
    expect(await count(alice.token, 'search=pelican')).toBe(1);
    expect(await count(alice.token, 'search=walrus')).toBe(0);
    expect(await count(bob.token, 'search=pelican')).toBe(0);
    expect(await count(alice.token, '')).toBe(2);
  });
});
