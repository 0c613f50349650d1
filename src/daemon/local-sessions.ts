import type { Db } from '../store/db.js';
import type { VersionFields } from './upload-queue.js';

/** What publishing needs of an indexed session: its version, where it ran, and its archived copy. */
export interface LocalSession extends VersionFields {
  id: string;
  tool: string;
  cwd: string | null;
  project: string | null;
  git_branch: string | null;
  git_repo: string | null;
  archive_path: string | null;
}

const COLUMNS = `s.id, s.tool, s.cwd, s.project, s.git_branch, s.git_repo, s.event_count, s.updated_at, s.title,
  s.model, s.archive_path`;

export function localSession(db: Db, id: string): LocalSession | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM sessions s WHERE s.id = ?`).get(id) as LocalSession | undefined;
}

/** Sessions whose source file was (re-)indexed at or after `sinceIso`: what changed on disk. */
export function sessionsIndexedSince(db: Db, sinceIso: string): LocalSession[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM sources src JOIN sessions s ON s.source_id = src.id
       WHERE src.indexed_at >= ? AND src.deleted = 0`,
    )
    .all(sinceIso) as LocalSession[];
}

/** Every indexed session with an archived copy, oldest first (upload-all). */
export function allLocalSessions(db: Db, tool?: string): LocalSession[] {
  const where = tool ? 'WHERE s.tool = ? AND s.archive_path IS NOT NULL' : 'WHERE s.archive_path IS NOT NULL';
  return db
    .prepare(`SELECT ${COLUMNS} FROM sessions s ${where} ORDER BY s.created_at, s.id`)
    .all(...(tool ? [tool] : [])) as LocalSession[];
}

/** Sources the index knows for these tools (what to watch), without walking the disk again. */
export function indexedSources(db: Db, tools: readonly string[]): { tool: string; path: string }[] {
  if (tools.length === 0) return [];
  return db
    .prepare(`SELECT tool, path FROM sources WHERE deleted = 0 AND tool IN (${tools.map(() => '?').join(',')})`)
    .all(...tools) as { tool: string; path: string }[];
}

/** Small persistent values of the daemon (cursors, watermarks), in the local index. */
export class DaemonState {
  private readonly getSt;
  private readonly setSt;

  constructor(db: Db) {
    this.getSt = db.prepare('SELECT value FROM daemon_state WHERE key = ?').pluck();
    this.setSt = db.prepare(
      'INSERT INTO daemon_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | undefined {
    return (this.getSt.get(key) as string | undefined) ?? undefined;
  }

  set(key: string, value: string): void {
    this.setSt.run(key, value);
  }
}
