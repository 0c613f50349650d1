import type { Viewer } from '../context.js';
import type { Database } from './schema.js';
import { visibleTo } from './visibility.js';

export interface PullOptions {
  viewer: Viewer;
  teamId?: string | undefined;
  afterSeq: number;
  uploadedSince?: string | undefined;
  limit: number;
}

/**
 * Sessions in sync_seq order after a position. sync_seq is handed out in commit order, so a
 * row committed after this read always lands beyond the last seq returned: nothing is skipped.
 */
export function pullSessionRows(database: Database, o: PullOptions) {
  let q = database.db.selectFrom('sessions').selectAll().where(visibleTo(o.viewer)).where('sync_seq', '>', o.afterSeq);
  if (o.teamId) q = q.where('team_id', '=', o.teamId);
  if (o.uploadedSince) q = q.where('uploaded_at', '>=', o.uploadedSince);
  return q.orderBy('sync_seq', 'asc').limit(o.limit).execute();
}
