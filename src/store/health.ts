import { existsSync } from 'node:fs';
import type { Db } from './db.js';
import { MIGRATIONS } from './migrations.js';

export interface IndexHealth {
  integrity: string;
  schemaVersion: number;
  expectedSchemaVersion: number;
  sessions: number;
  sources: number;
  /** Sessions whose tool deleted the log; they live on in the archive. */
  sourceDeleted: number;
  /** Sources the last index run could not read. */
  failedSources: number;
  /** Sessions whose archived copy is missing from disk (show/export cannot read them). */
  missingArchives: string[];
  lastIndexedAt?: string;
}

const MAX_LISTED = 20;

/** Checks the index file itself and that every session's archived copy is still on disk. */
export function indexHealth(db: Db): IndexHealth {
  const one = <T>(sql: string) => db.prepare(sql).pluck().get() as T;
  const archives = db.prepare('SELECT id, archive_path FROM sessions WHERE archive_path IS NOT NULL').all() as {
    id: string;
    archive_path: string;
  }[];
  return {
    integrity: one<string>('PRAGMA quick_check'),
    schemaVersion: one<number>('SELECT version FROM schema_version'),
    expectedSchemaVersion: MIGRATIONS.length,
    sessions: one<number>('SELECT count(*) FROM sessions'),
    sources: one<number>('SELECT count(*) FROM sources WHERE deleted = 0'),
    sourceDeleted: one<number>('SELECT count(*) FROM sessions WHERE source_deleted = 1'),
    failedSources: one<number>("SELECT count(*) FROM sources WHERE status = 'failed' AND deleted = 0"),
    missingArchives: archives
      .filter((a) => !existsSync(a.archive_path))
      .slice(0, MAX_LISTED)
      .map((a) => a.id),
    lastIndexedAt: one<string | undefined>('SELECT max(indexed_at) FROM sources') ?? undefined,
  };
}

/** Indexed sources whose size or mtime differs from what is on disk now: the next index run will re-read them. */
export function staleSources(db: Db, onDisk: ReadonlyMap<string, { size: number; mtimeMs: number }>): number {
  const rows = db.prepare('SELECT path, size, mtime_ms FROM sources WHERE deleted = 0').all() as {
    path: string;
    size: number;
    mtime_ms: number;
  }[];
  const known = new Set(rows.map((r) => r.path));
  let stale = 0;
  for (const r of rows) {
    const now = onDisk.get(r.path);
    if (now && (now.size !== r.size || now.mtimeMs !== r.mtime_ms)) stale++;
  }
  for (const path of onDisk.keys()) if (!known.has(path)) stale++;
  return stale;
}
