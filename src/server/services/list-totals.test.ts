import { afterAll, beforeAll, expect, it } from 'vitest';
import { seenWrite } from '../../../test/server/seen-write.js';
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
import { openDatabase } from '../db/connect.js';
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

  it('counts writes made through another instance once it has seen them', async () => {
    const version = () => other.deps.database.dataVersion?.();
    const first = await uploadJsonl(t.app, alice.token, sessionNamed('tot-1'));
    expect(first.status).toBe(201);
    expect(await total(t.app)).toBe(1);
    expect(await total(other.app)).toBe(1);

    let before = version();
    await uploadJsonl(t.app, alice.token, sessionNamed('tot-2'));
    await seenWrite(other.deps.database, before);
    expect(await total(other.app)).toBe(2);
    expect(await total(t.app)).toBe(2);

    before = version();
    expect((await call(t.app, 'DELETE', `/api/sessions/${first.body.id}`, { token: alice.token })).status).toBe(200);
    expect(await total(t.app)).toBe(1);
    await seenWrite(other.deps.database, before);
    expect(await total(other.app)).toBe(1);
  });

  if (dialect === 'postgres')
    it('keeps a total at most TOTAL_TTL_MS on an instance that does not follow writes', async () => {
      // PostgreSQL without its write notifications (the listening connection is down): no data version
      const { watchWrites: _, ...unwatched } = openDatabase({ dialect, url: t.config.databaseUrl });
      const deps = await createDeps(t.config, {
        clock: t.clock.read,
        log: createLogger('silent'),
        database: unwatched,
      });
      const blind = createApp(deps);
      const dora = await registerUser(t.app, 'dora');
      const totalOf = async (app: TestApp['app']) =>
        (await call(app, 'GET', '/api/sessions?per_page=1', { token: dora.token })).body.total as number;
      try {
        expect(deps.database.dataVersion?.()).toBeUndefined();
        const up = await uploadJsonl(t.app, dora.token, sessionNamed('blind-1'));
        await uploadJsonl(t.app, dora.token, sessionNamed('blind-2'));
        expect(await totalOf(blind)).toBe(2);
        // an addition anywhere moves the highest sync_seq, which it checks on every request
        await uploadJsonl(t.app, dora.token, sessionNamed('blind-3'));
        expect(await totalOf(blind)).toBe(3);
        // (not the newest: deleting that lowers the highest sync_seq, which every instance notices)
        expect((await call(t.app, 'DELETE', `/api/sessions/${up.body.id}`, { token: dora.token })).status).toBe(200);
        expect(await totalOf(blind)).toBe(3);
        t.clock.advance(TOTAL_TTL_MS + 1);
        expect(await totalOf(blind)).toBe(2);
      } finally {
        await deps.database.close();
      }
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
