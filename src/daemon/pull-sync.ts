import type { SessionSummary } from '../api/sessions.js';
import type { ApiClient } from '../client/api-client.js';
import type { Db } from '../store/db.js';
import { DaemonState } from './local-sessions.js';

export interface PullResult {
  pulled: number;
  pages: number;
  cursor: string | undefined;
}

const PAGE = 100;
/** Pages per run: a large backlog is pulled over several runs instead of one long burst. */
const MAX_PAGES = 20;

export const pullCursorKey = (server: string, teamId: string | undefined) => `pull_cursor:${server}:${teamId ?? ''}`;

/**
 * Pulls the session feed (`/api/sync/pull`) into `remote_sessions` (bodies follow: pull-import.ts). Each page's rows and the
 * cursor after them are written in one transaction, so a kill between pages resumes exactly
 * where the last page ended, and a page pulled twice only rewrites the same rows.
 */
export async function pullOnce(client: ApiClient, db: Db, teamId?: string): Promise<PullResult> {
  const state = new DaemonState(db);
  const key = pullCursorKey(client.baseUrl, teamId);
  let cursor = state.get(key);
  const upsert = db.prepare(`INSERT INTO remote_sessions
      (server, id, session_id, user_id, nickname, team_id, tool, title, created_at, uploaded_at, summary)
      VALUES (@server, @id, @session_id, @user_id, @nickname, @team_id, @tool, @title, @created_at, @uploaded_at, @summary)
      ON CONFLICT(server, id) DO UPDATE SET session_id = excluded.session_id, user_id = excluded.user_id,
        nickname = excluded.nickname, team_id = excluded.team_id, tool = excluded.tool, title = excluded.title,
        created_at = excluded.created_at, uploaded_at = excluded.uploaded_at, summary = excluded.summary,
        import_error = NULL`);
  const save = db.transaction((rows: SessionSummary[], next: string | undefined) => {
    for (const s of rows)
      upsert.run({
        server: client.baseUrl,
        id: s.id,
        session_id: s.session_id,
        user_id: s.user_id,
        nickname: s.nickname ?? null,
        team_id: s.team_id,
        tool: s.tool,
        title: s.title ?? null,
        created_at: s.created_at,
        uploaded_at: s.uploaded_at,
        summary: JSON.stringify(s),
      });
    if (next) state.set(key, next);
  });
  let pulled = 0;
  let pages = 0;
  while (pages < MAX_PAGES) {
    const page = await client.syncPull({ team_id: teamId, cursor, limit: PAGE });
    pages++;
    save(page.sessions, page.next_cursor);
    pulled += page.sessions.length;
    cursor = page.next_cursor ?? cursor;
    if (!page.has_more || !page.next_cursor) break;
  }
  return { pulled, pages, cursor };
}

export function remoteSessionCount(db: Db, server: string): number {
  return db.prepare('SELECT count(*) FROM remote_sessions WHERE server = ?').pluck().get(server) as number;
}
