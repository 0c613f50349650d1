import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seenWrite } from '../../../test/server/seen-write.js';
import { createTempDatabase, pgAdminUrl, type TempDatabase } from '../../../test/support/postgres.js';
import { postgresAvailable } from '../../../test/support/server-harness.js';
import { openDatabase } from './connect.js';
import { migrateToLatest } from './migrations.js';
import { LISTENER_NAME, PgWriteVersion, trackWrites } from './pg-write-version.js';
import type { Database } from './schema.js';

const pgReady = await postgresAvailable();

(pgReady ? describe : describe.skip)('PostgreSQL data version', () => {
  let tmp: TempDatabase;
  let database: Database;
  beforeAll(async () => {
    tmp = await createTempDatabase((await pgAdminUrl()) as string);
    database = openDatabase({ dialect: 'postgres', url: tmp.url });
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database?.close();
    await tmp?.drop();
  });

  const user = (id: string) => ({ id, nickname: id, is_admin: 0, created_at: '2026-01-01T00:00:00.000Z' });

  it('counts a write through the pool once its connection is back, after the commit', async () => {
    const pool = new pg.Pool({ connectionString: tmp.url, max: 2 });
    let writes = 0;
    const db = new Kysely<{ users: ReturnType<typeof user> }>({
      dialect: new PostgresDialect({ pool: trackWrites(pool, () => writes++) }),
    });
    try {
      await db.selectFrom('users').selectAll().execute();
      await sql`SELECT pg_advisory_xact_lock(1)`.execute(db);
      expect(writes).toBe(0);
      await db.insertInto('users').values(user('tw-1')).execute();
      expect(writes).toBe(1);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(user('tw-2')).execute();
        await trx.selectFrom('users').selectAll().execute();
        // not yet committed: a reader now must not be told of a change it cannot see
        expect(writes).toBe(1);
      });
      expect(writes).toBe(2);
      // a write that changes no row still counts (it is not worth telling apart)
      await db.deleteFrom('users').where('id', '=', 'nobody').execute();
      expect(writes).toBe(3);
    } finally {
      await db.destroy();
    }
  });

  it('moves when another connection commits a write, not before, and not for reads', async () => {
    const watched = openDatabase({ dialect: 'postgres', url: tmp.url });
    const other = new pg.Client({ connectionString: tmp.url });
    await other.connect();
    try {
      expect(watched.dataVersion?.()).toBeUndefined();
      await watched.watchWrites?.((m) => {
        throw new Error(m);
      });
      const v0 = watched.dataVersion?.();
      expect(v0).toBeDefined();
      await other.query('BEGIN');
      await other.query(`INSERT INTO users (id, nickname, is_admin, created_at) VALUES ('nw-1', 'nw-1', 0, 'x')`);
      await other.query('SELECT count(*) FROM users');
      // a round trip on the listening side's own pool: any notification sent so far has arrived
      await watched.db.selectFrom('users').select('id').execute();
      expect(watched.dataVersion?.()).toBe(v0);
      await other.query('COMMIT');
      await seenWrite(watched, v0);
      const v1 = watched.dataVersion?.();
      await other.query('SELECT * FROM users');
      await other.query('SELECT * FROM session_bodies');
      await watched.db.selectFrom('users').select('id').execute();
      expect(watched.dataVersion?.()).toBe(v1);
    } finally {
      await other.end();
      await watched.close();
    }
  });

  it('has no version while its listening connection is down, and a new one when back', async () => {
    const problems: string[] = [];
    const version = new PgWriteVersion({ connectionString: tmp.url }, { retryMs: 20 });
    const admin = new pg.Client({ connectionString: tmp.url });
    await admin.connect();
    try {
      await version.start((m) => problems.push(m));
      const before = version.version();
      expect(before).toBeDefined();
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_NAME],
      );
      expect(killed.rowCount).toBe(1);
      await vi.waitFor(() => expect(version.version()).toBeUndefined(), { timeout: 10_000, interval: 5 });
      await vi.waitFor(() => expect(version.version()).toBeDefined(), { timeout: 10_000, interval: 5 });
      expect(version.version()).not.toBe(before);
      expect(problems).toEqual([expect.stringContaining('not listening for PostgreSQL writes')]);
    } finally {
      await admin.end();
      await version.close();
    }
  });

  it('refuses to listen (so nothing is cached) where the write triggers are missing', async () => {
    const bare = await createTempDatabase((await pgAdminUrl()) as string);
    const version = new PgWriteVersion({ connectionString: bare.url }, { retryMs: 60_000 });
    const problems: Error[] = [];
    try {
      await version.start((_, e) => problems.push(e));
      expect(version.version()).toBeUndefined();
      expect(problems.map((e) => e.message)).toEqual([expect.stringContaining('triggers are missing')]);
    } finally {
      await version.close();
      await bare.drop();
    }
  });
});

if (!pgReady) it.skip('the PostgreSQL data version needs PostgreSQL binaries', () => {});
