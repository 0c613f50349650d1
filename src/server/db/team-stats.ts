import type { Viewer } from '../context.js';
import type { Database } from './schema.js';
import { visibleTo } from './visibility.js';

export interface StatsScope {
  teamId: string;
  viewer: Viewer | undefined;
  createdSince?: string | undefined;
}

type GroupColumn = 'sessions.user_id' | 'sessions.tool' | 'sessions.agent_model';

/**
 * Sums over the team's sessions that the caller may read: aggregates must not reveal private
 * sessions any more than lists do. `by` groups the rows; without it there is one total row.
 */
export function aggregateSessions(database: Database, scope: StatsScope, by?: GroupColumn) {
  let q = database.db
    .selectFrom('sessions')
    .where('sessions.team_id', '=', scope.teamId)
    .where(visibleTo(scope.viewer))
    .select((eb) => [
      eb.fn.countAll<number>().as('session_count'),
      eb.fn.coalesce(eb.fn.sum<number>('sessions.message_count'), eb.lit(0)).as('message_count'),
      eb.fn.coalesce(eb.fn.sum<number>('sessions.event_count'), eb.lit(0)).as('event_count'),
      eb.fn.coalesce(eb.fn.sum<number>('sessions.tool_call_count'), eb.lit(0)).as('tool_call_count'),
      eb.fn.coalesce(eb.fn.sum<number>('sessions.duration_seconds'), eb.lit(0)).as('duration_seconds'),
      eb.fn.coalesce(eb.fn.sum<number>('sessions.total_input_tokens'), eb.lit(0)).as('total_input_tokens'),
      eb.fn.coalesce(eb.fn.sum<number>('sessions.total_output_tokens'), eb.lit(0)).as('total_output_tokens'),
    ]);
  if (scope.createdSince) q = q.where('sessions.created_at', '>=', scope.createdSince);
  if (!by) return q.execute().then((rows) => rows.map((r) => ({ ...r, key: '' })));
  return q
    .select(`${by} as key` as `${GroupColumn} as key`)
    .groupBy(by)
    .orderBy('session_count', 'desc')
    .orderBy('key')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, key: String(r.key ?? 'unknown') })));
}
