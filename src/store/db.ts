import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** The data dir: flag > OPENSESSION_DATA_DIR > $XDG_DATA_HOME/opensession > ~/.local/share/opensession. */
export function resolveDataDir(opts: { dataDir?: string; env: NodeJS.ProcessEnv; home: string }): string {
  if (opts.dataDir) return opts.dataDir;
  if (opts.env.OPENSESSION_DATA_DIR) return opts.env.OPENSESSION_DATA_DIR;
  return join(opts.env.XDG_DATA_HOME || join(opts.home, '.local', 'share'), 'opensession');
}

export const indexPath = (dataDir: string): string => join(dataDir, 'local.db');

function applyPragmas(db: Db): void {
  // WAL lets the daemon write while the CLI/TUI read; the busy timeout absorbs short write locks.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > MIGRATIONS.length) throw new Error(`index schema v${current} is newer than this opensession`);
  const apply = db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
  });
  if (current < MIGRATIONS.length) apply();
}

/**
 * A second connection that writes to an index already opened (and migrated) by openIndex:
 * the index run's writer thread. It never moves a DB aside; an error is the run's error.
 */
export function openIndexWriter(file: string): Db {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  return db;
}

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the index at `file` and brings its schema up to date. A DB
 * that cannot be migrated is moved aside as `local.db.broken-<time>` and rebuilt: the
 * index is a cache of the tools' files and the archive, so nothing is lost.
 */
export function openIndex(file: string, opts: OpenOptions = {}): Db {
  if (opts.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  }
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    applyPragmas(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (file === ':memory:') throw e;
    renameSync(file, `${file}.broken-${Date.now()}`);
    const fresh = new Database(file);
    applyPragmas(fresh);
    migrate(fresh);
    return fresh;
  }
}
