import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDialect, type TestApp } from '../../../test/support/server-harness.js';
import { openDatabase } from './connect.js';
import { migrateToLatest, migrations } from './migrations.js';
import type { Database } from './schema.js';
import { deleteSearchDocument, searchCondition, writeSearchDocument } from './session-search.js';

const doc = (title: string) => ({ title, description: '', body: `notes about ${title}` });

/** Session ids whose document matches `words`. */
async function matching(database: Database, words: string): Promise<string[]> {
  const cond = searchCondition(database.dialect, words);
  const rows = await database.db
    .selectFrom('sessions')
    .select('sessions.session_id')
    .where(() => cond ?? sql<boolean>`false`)
    .orderBy('sessions.session_id')
    .execute();
  return rows.map((r) => r.session_id);
}

describeEachDialect('search documents', (dialect) => {
  let t: TestApp;
  let userId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    userId = 'u1';
    await t.deps.database.db
      .insertInto('users')
      .values({ id: userId, nickname: 'u1', is_admin: 0, created_at: '2026-01-01T00:00:00.000Z' } as never)
      .execute();
  });
  afterAll(async () => t?.close());

  const insertSession = async (id: string) => {
    await t.deps.database.db
      .insertInto('sessions')
      .values({
        id,
        user_id: userId,
        session_id: id,
        visibility: 'private',
        sync_seq: Number(id.replace(/\D/g, '')),
        tool: 'claude-code',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
        uploaded_at: '2026-01-01T00:00:00.000Z',
      } as never)
      .execute();
  };

  it('replaces a session document on rewrite and removes it on delete, leaving the others', async () => {
    const { database } = t.deps;
    await insertSession('s1');
    await insertSession('s2');
    await writeSearchDocument(database.db, dialect, 's1', doc('pelican'));
    await writeSearchDocument(database.db, dialect, 's2', doc('pelican walrus'));
    await writeSearchDocument(database.db, dialect, 's1', doc('heron'));
    expect(await matching(database, 'pelican')).toEqual(['s2']);
    expect(await matching(database, 'heron')).toEqual(['s1']);
    await deleteSearchDocument(database.db, dialect, 's1');
    expect(await matching(database, 'heron')).toEqual([]);
    expect(await matching(database, 'walrus')).toEqual(['s2']);
    await writeSearchDocument(database.db, dialect, 's1', doc('egret'));
    expect(await matching(database, 'egret')).toEqual(['s1']);
  });
});

describe('0002_search_keys on a SQLite database created before it', () => {
  let dir: string;
  let database: Database;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'opensession-fts-'));
    database = openDatabase({ dialect: 'sqlite', url: path.join(dir, 'db.sqlite') });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keys the existing documents, so rewriting one replaces it instead of adding a second', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations('sqlite') } });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    // a document as the first version wrote it (rowid chosen by FTS5)
    for (const pk of ['old-1', 'old-2'])
      await sql`INSERT INTO sessions_fts (session_pk, title, description, body)
        VALUES (${pk}, 'pelican', '', '')`.execute(database.db);
    await migrateToLatest(database);
    await writeSearchDocument(database.db, 'sqlite', 'old-2', doc('heron'));
    const titles = async () =>
      (
        await sql<{ session_pk: string; title: string }>`SELECT session_pk, title FROM sessions_fts
          ORDER BY session_pk, title`.execute(database.db)
      ).rows;
    expect(await titles()).toEqual([
      { session_pk: 'old-1', title: 'pelican' },
      { session_pk: 'old-2', title: 'heron' },
    ]);
    await deleteSearchDocument(database.db, 'sqlite', 'old-1');
    expect(await titles()).toEqual([{ session_pk: 'old-2', title: 'heron' }]);
  });
});
