import type { Db } from '../db.js';
import { filterSql, type SessionFilters } from './filters.js';

export interface SessionListItem {
  id: string;
  tool: string;
  model: string;
  title: string | null;
  project: string | null;
  cwd: string | null;
  created_at: string;
  updated_at: string;
  event_count: number;
  message_count: number;
  duration_seconds: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  cost_usd: number;
  has_errors: boolean;
  source_path: string | null;
  source_deleted: boolean;
}

const COLUMNS = `s.id, s.tool, s.model, s.title, s.project, s.cwd, s.created_at, s.updated_at, s.event_count,
  s.message_count, s.duration_seconds, s.input_tokens, s.output_tokens, s.cache_read_tokens,
  s.cache_creation_tokens, s.cost_usd, s.has_errors, src.path AS source_path, s.source_deleted`;

type Raw = Omit<SessionListItem, 'has_errors' | 'source_deleted'> & { has_errors: number; source_deleted: number };

const toItem = (r: Raw): SessionListItem => ({
  ...r,
  has_errors: r.has_errors === 1,
  source_deleted: r.source_deleted === 1,
});

/** Sessions newest first, git-log style. */
export function listSessions(db: Db, f: SessionFilters = {}, limit = 20, offset = 0): SessionListItem[] {
  const { where, params } = filterSql(f);
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM sessions s LEFT JOIN sources src ON src.id = s.source_id
       WHERE ${where} ORDER BY s.created_at DESC, s.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as Raw[];
  return rows.map(toItem);
}

export function getSessionItem(db: Db, id: string): SessionListItem | undefined {
  const r = db
    .prepare(`SELECT ${COLUMNS} FROM sessions s LEFT JOIN sources src ON src.id = s.source_id WHERE s.id = ?`)
    .get(id) as Raw | undefined;
  return r ? toItem(r) : undefined;
}

export function countSessions(db: Db, f: SessionFilters = {}): number {
  const { where, params } = filterSql(f);
  return db.prepare(`SELECT COUNT(*) FROM sessions s WHERE ${where}`).pluck().get(params) as number;
}
