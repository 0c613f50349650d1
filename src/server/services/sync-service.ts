import type { SyncPullQuery, SyncPullResponse } from '../../api/sync.js';
import type { AppDeps, Viewer } from '../context.js';
import { pullSessionRows } from '../db/session-sync.js';
import { nicknamesOf } from '../db/sessions.js';
import { decodeCursor, encodeCursor, SyncCursorSchema } from './cursor.js';
import { toSummary } from './session-view.js';
import { assertMember } from './team-access.js';

/** One page of the caller's feed in commit order; has_more is exact (one extra row is read). */
export async function syncPull(deps: AppDeps, viewer: Viewer, q: SyncPullQuery): Promise<SyncPullResponse> {
  if (q.team_id) await assertMember(deps, q.team_id, viewer);
  const afterSeq = q.cursor ? decodeCursor(q.cursor, SyncCursorSchema).q : 0;
  const rows = await pullSessionRows(deps.database, {
    viewer,
    teamId: q.team_id,
    afterSeq,
    uploadedSince: q.since ? new Date(q.since).toISOString() : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const names = await nicknamesOf(
    deps.database.db,
    page.map((r) => r.user_id),
  );
  return {
    sessions: page.map((r) => toSummary(r, names.get(r.user_id))),
    next_cursor: last ? encodeCursor({ q: Number(last.sync_seq) }) : q.cursor,
    has_more: rows.length > q.limit,
  };
}
