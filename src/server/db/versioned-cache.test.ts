import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { versionedCache } from './versioned-cache.js';

describe('versionedCache (SQLite data version)', () => {
  let dir: string;
  let database: Database;
  let builds: number;
  const value = (v: string) => async () => {
    builds++;
    return v;
  };
  const write = (nickname: string) =>
    database.db.insertInto('users').values({ id: nickname, nickname, created_at: '2026-01-01', is_admin: 0 }).execute();

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opensession-vcache-'));
    database = openDatabase({ dialect: 'sqlite', url: path.join(dir, 'db.sqlite') });
    await migrateToLatest(database);
    builds = 0;
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a value until the next write', async () => {
    const cache = versionedCache<string>(100, () => 1);
    expect(await cache.get(database, 'k', value('a'))).toBe('a');
    expect(await cache.get(database, 'k', value('b'))).toBe('a');
    expect(builds).toBe(1);
    await write('u1');
    expect(await cache.get(database, 'k', value('c'))).toBe('c');
    expect(builds).toBe(2);
  });

  it('does not keep a value when a write happened while it was built', async () => {
    const cache = versionedCache<string>(100, () => 1);
    const racing = async () => {
      const v = await value('old')();
      await write('u2');
      return v;
    };
    expect(await cache.get(database, 'k', racing)).toBe('old');
    expect(await cache.get(database, 'k', value('new'))).toBe('new');
  });

  it('sees writes through another connection', async () => {
    const cache = versionedCache<string>(100, () => 1);
    await cache.get(database, 'k', value('a'));
    const other = openDatabase({ dialect: 'sqlite', url: path.join(dir, 'db.sqlite') });
    try {
      await other.db.insertInto('users').values({ id: 'o', nickname: 'o', created_at: '2026', is_admin: 0 }).execute();
    } finally {
      await other.close();
    }
    expect(await cache.get(database, 'k', value('b'))).toBe('b');
  });

  it('drops the least recently used values beyond its weight, and keeps no undefined', async () => {
    const cache = versionedCache<string>(9, (v) => v.length);
    await cache.get(database, 'a', value('aa'));
    await cache.get(database, 'b', value('bb'));
    await cache.get(database, 'a', value('xx')); // a is now more recent than b
    await cache.get(database, 'c', value('cc'));
    await cache.get(database, 'd', value('dd'));
    await cache.get(database, 'e', value('ee')); // 10 > 9: b goes
    expect(await cache.get(database, 'a', value('a2'))).toBe('aa');
    expect(await cache.get(database, 'b', value('b2'))).toBe('b2');
    expect(await cache.get(database, 'big', value('bbb'))).toBe('bbb'); // over a quarter: never kept
    expect(await cache.get(database, 'big', value('ccc'))).toBe('ccc');
    const missing = async () => undefined;
    expect(await cache.get(database, 'none', missing)).toBeUndefined();
    expect(await cache.get(database, 'none', value('now'))).toBe('now');
  });

  it('keeps nothing for a database without a data version', async () => {
    const cache = versionedCache<string>(100, () => 1);
    const { dataVersion: _, ...withoutVersion } = database;
    expect(await cache.get(withoutVersion, 'k', value('a'))).toBe('a');
    expect(await cache.get(withoutVersion, 'k', value('b'))).toBe('b');
  });
});
