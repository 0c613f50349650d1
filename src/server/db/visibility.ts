import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Viewer } from '../context.js';
import type { DB } from './schema.js';

/**
 * The one rule for who may read a session: anyone if public; the owner; members of its team when
 * shared with the team. Every read path (list, detail, raw, search, stats, sync, stream) uses it.
 */
export function visibleTo(viewer: Viewer | undefined) {
  return (eb: ExpressionBuilder<DB, 'sessions'>): Expression<SqlBool> => {
    const isPublic = eb('sessions.visibility', '=', 'public');
    if (!viewer) return isPublic;
    const myTeams = eb
      .selectFrom('team_members')
      .select('team_members.team_id')
      .where('team_members.user_id', '=', viewer.id);
    return eb.or([
      isPublic,
      eb('sessions.user_id', '=', viewer.id),
      eb.and([eb('sessions.visibility', '=', 'team'), eb('sessions.team_id', 'in', myTeams)]),
    ]);
  };
}
