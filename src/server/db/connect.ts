import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { PgWriteVersion, trackWrites } from './pg-write-version.js';
import type { Database, DB, Dialect } from './schema.js';

export interface ConnectOptions {
  dialect: Dialect;
  /** postgres://… URL, a SQLite file path, or ':memory:'. */
  url: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

// int8 (COUNT, SUM of integers, bigint columns) arrives as a string by default; our counts fit in a double.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads do not accept a union format
    return pg.types.getTypeParser(oid, format as any);
  },
};

const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 builds each result row property by property in native code; taking rows as
 * arrays and naming their values here costs two thirds as much (a 51-row session-list page of
 * 36 columns: 0.39 -> 0.26 ms). Same objects, same key order (a repeated name: the last wins).
 */
function namedRows(stmt: SqliteDatabase.Statement): SqliteStatement {
  if (!stmt.reader) return stmt;
  const names = stmt.columns().map((c) => c.name);
  stmt.raw(true);
  const named = (values: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
    return row;
  };
  return {
    reader: true,
    all: (params) => (stmt.all(params) as unknown[][]).map(named),
    run: (params) => stmt.run(params),
    *iterate(params) {
      for (const values of stmt.iterate(params) as IterableIterator<unknown[]>) yield named(values);
    },
  };
}

/**
 * Kysely prepares every query anew, and compiling SQL was a fifth of a session-list request.
 * Queries are one at a time per connection (Kysely holds a lock), so a statement is never
 * used twice at once; the least recently used ones are dropped beyond the cache size.
 */
function withStatementCache(handle: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => handle.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else {
        stmt = namedRows(handle.prepare(sql));
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

function openSqlite(url: string): Database {
  if (url !== ':memory:') mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const handle = new SqliteDatabase(url);
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  // Straight on the handle, not queued behind Kysely's connection lock: a reader takes the
  // version before its query, so a write in between only makes the version look newer.
  const version = handle.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)').raw(true);
  const dataVersion = () => (version.get() as number[]).join(':');
  return { db, dialect: 'sqlite', close: () => db.destroy(), dataVersion };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  const writes = new PgWriteVersion({ connectionString: url });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: trackWrites(pool, () => writes.bump()) }) });
  return {
    db,
    dialect: 'postgres',
    async close() {
      await writes.close();
      await db.destroy();
    },
    dataVersion: () => writes.version(),
    watchWrites: (report) => writes.start(report),
  };
}

export function openDatabase(opts: ConnectOptions): Database {
  return opts.dialect === 'postgres' ? openPostgres(opts.url, opts.poolSize ?? 10) : openSqlite(opts.url);
}
