import { chmodSync, closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { WarningSink } from './warnings.js';

export type Db = Database.Database;

/** An open database plus what must run when the caller is done (close, delete a temp copy). */
export interface OpenedDb {
  db: Db;
  close(): void;
}

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export const looksSqlite = (firstBytes: Buffer): boolean =>
  firstBytes.length >= SQLITE_MAGIC.length && firstBytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);

const LOCKED = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);
const isLockError = (e: unknown): boolean => LOCKED.has(String((e as { code?: unknown }).code ?? ''));
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Opens read-only and touches the schema, so a lock or a non-database shows up here and not mid-parse. */
function openDirect(path: string, timeoutMs: number): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: timeoutMs });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * A running app (Cursor, OpenCode) may hold a write lock, or keep its WAL index where we may
 * not create one. Reading a private copy of the file and its journal/WAL still gives a
 * consistent view; the copy is opened writable so SQLite can replay or roll back the journal.
 */
function openCopy(path: string, timeoutMs: number): OpenedDb {
  const dir = mkdtempSync(join(tmpdir(), 'opensession-db-'));
  const copy = join(dir, basename(path));
  try {
    // Copies keep the source's mode; a read-only copy could not replay a journal.
    for (const suffix of ['', '-wal', '-journal']) {
      if (suffix && !existsSync(path + suffix)) continue;
      copyFileSync(path + suffix, copy + suffix);
      chmodSync(copy + suffix, 0o600);
    }
    const db = new Database(copy, { fileMustExist: true, timeout: timeoutMs });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return {
      db,
      close: () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Header bytes 18-19 are the file format read/write versions: 2 means WAL journal mode. */
function isWalMode(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    return header[18] === 2 || header[19] === 2;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Opens a tool's SQLite store without ever writing to it. A WAL-mode database whose app is
 * not running has no -wal file, and even a read-only connection would create -wal/-shm
 * files beside it (when the directory is writable): such a file is read from a temporary
 * copy instead, so the tool's directory is left exactly as it was. When the store is locked
 * by its app, it also falls back to a copy (and says so). Undefined, with a warning, when the
 * file is missing, unreadable or not a database: never throws.
 */
export function openSqlite(path: string, sink: WarningSink, opts: { timeoutMs?: number } = {}): OpenedDb | undefined {
  const timeoutMs = opts.timeoutMs ?? 1000;
  if (!existsSync(path)) {
    sink.add('unreadable', 'database file not found');
    return undefined;
  }
  if (isWalMode(path) && !existsSync(`${path}-wal`)) return copyOrWarn(path, timeoutMs, sink);
  try {
    const db = openDirect(path, timeoutMs);
    return { db, close: () => db.close() };
  } catch (e) {
    if (!isLockError(e)) {
      sink.add('invalid', `cannot open database: ${message(e)}`);
      return undefined;
    }
    const opened = copyOrWarn(path, timeoutMs, sink);
    if (opened) sink.add('unreadable', `database is locked (${message(e)}); read a temporary copy instead`);
    return opened;
  }
}

function copyOrWarn(path: string, timeoutMs: number, sink: WarningSink): OpenedDb | undefined {
  try {
    return openCopy(path, timeoutMs);
  } catch (e) {
    sink.add(isLockError(e) ? 'unreadable' : 'invalid', `cannot read database: ${message(e)}`);
    return undefined;
  }
}

/** Runs a read query; a corrupt page or a missing table becomes a warning and an empty result. */
export function safeAll<T>(db: Db, sink: WarningSink, sql: string, ...params: unknown[]): T[] {
  try {
    return db.prepare(sql).all(...params) as T[];
  } catch (e) {
    sink.add('invalid', `query failed (${sql.split(/\s+/).slice(0, 6).join(' ')}…): ${message(e)}`);
    return [];
  }
}

/** Table names of the database (empty when the schema cannot be read). */
export function tableNames(db: Db): Set<string> {
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return new Set(rows.map((r) => r.name));
  } catch {
    return new Set();
  }
}

/** Column names of a table, so parsers can read several schema versions with one query each. */
export function columnNames(db: Db, table: string): Set<string> {
  try {
    const rows = db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string }[];
    return new Set(rows.map((r) => r.name));
  } catch {
    return new Set();
  }
}

/** A TEXT or BLOB cell as a string (VS Code-family stores write JSON into BLOB columns). */
export function cellText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return undefined;
}

/**
 * The string values of one query's first column, from a database that may not exist (empty
 * set then). Discovery uses it to skip old-layout files a store has already imported.
 */
export function readIdSet(path: string, sql: string): Set<string> {
  if (!existsSync(path)) return new Set();
  const sink = new WarningSink(path);
  const opened = openSqlite(path, sink);
  if (!opened) return new Set();
  try {
    const rows = safeAll<Record<string, unknown>>(opened.db, sink, sql);
    return new Set(rows.map((r) => Object.values(r)[0]).filter((v): v is string => typeof v === 'string'));
  } finally {
    opened.close();
  }
}
