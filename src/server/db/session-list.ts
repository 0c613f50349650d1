import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Sort, TimeRange } from '../../api/sessions.js';
import type { Viewer } from '../context.js';
import type { Database, DB } from './schema.js';
import { searchCondition } from './session-search.js';
import type { SessionRow } from './sessions.js';
import { summaryJson } from './summary-json.js';
import { visibleTo } from './visibility.js';

export interface SessionFilter {
  viewer: Viewer | undefined;
  teamId?: string | undefined;
  search?: string | undefined;
  tool?: string | undefined;
  model?: string | undefined;
  /** created_at lower bound (ISO). */
  createdSince?: string | undefined;
}

const RANGE_MS: Record<TimeRange, number | undefined> = {
  '24h': 24 * 3600e3,
  '7d': 7 * 24 * 3600e3,
  '30d': 30 * 24 * 3600e3,
  all: undefined,
};

/** The created_at lower bound of a time range, or undefined for "all". */
/**
 * Where a relative range starts, to the whole minute: a start that moved every millisecond would
 * make every request a new query (a full count of the caller's sessions, never cached).
 */
export function rangeStart(range: TimeRange, now: Date): string | undefined {
  const ms = RANGE_MS[range];
  if (ms === undefined) return undefined;
  const start = now.getTime() - ms;
  return new Date(start - (start % 60_000)).toISOString();
}

/** Later of two ISO lower bounds. */
export const laterOf = (a: string | undefined, b: string | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));

export function sessionConditions(database: Database, f: SessionFilter) {
  return (eb: ExpressionBuilder<DB, 'sessions'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [visibleTo(f.viewer)(eb)];
    if (f.teamId) all.push(eb('sessions.team_id', '=', f.teamId));
    if (f.tool) all.push(eb('sessions.tool', '=', f.tool));
    if (f.model) all.push(eb('sessions.agent_model', '=', f.model));
    if (f.createdSince) all.push(eb('sessions.created_at', '>=', f.createdSince));
    const search = f.search ? searchCondition(database.dialect, f.search) : undefined;
    if (search) all.push(search);
    return eb.and(all);
  };
}

const SORT_COLUMN = {
  recent: 'created_at',
  popular: 'message_count',
  longest: 'duration_seconds',
} as const satisfies Record<Sort, keyof SessionRow>;

export interface ListPage {
  sort: Sort;
  limit: number;
  offset: number;
  /** Keyset position: rows strictly after (key, id) in (key desc, id desc) order. */
  after?: { key: string | number; id: string } | undefined;
}

/** The sessions of a page, filtered and in order, with nothing selected yet. */
function pageQuery(database: Database, f: SessionFilter, page: ListPage) {
  const col = SORT_COLUMN[page.sort];
  let q = database.db.selectFrom('sessions').where(sessionConditions(database, f));
  if (page.after) {
    const { key, id } = page.after;
    // The plain `col <= key` lets the sort column's index start at the cursor; the OR alone
    // made both databases walk the index from the top, so page N cost O(N).
    q = q
      .where(col, '<=', key)
      .where((eb) => eb.or([eb(col, '<', key), eb.and([eb(col, '=', key), eb('sessions.id', '<', id)])]));
  }
  q = q.orderBy(col, 'desc').orderBy('sessions.id', 'desc').limit(page.limit);
  if (!page.after && page.offset > 0) q = q.offset(page.offset);
  return q;
}

export function listSessionRows(database: Database, f: SessionFilter, page: ListPage) {
  return pageQuery(database, f, page).selectAll().execute();
}

export interface SummaryJsonRow {
  id: string;
  /** The sort column's value (for the next cursor). */
  key: string | number;
  /** SessionSummary JSON text with absent fields as null (see summary-json.ts). */
  json: string;
}

/** A page as SessionSummary JSON texts built by the database. */
export function listSummaryJson(database: Database, f: SessionFilter, page: ListPage): Promise<SummaryJsonRow[]> {
  return pageQuery(database, f, page)
    .select(['sessions.id', `sessions.${SORT_COLUMN[page.sort]} as key`, summaryJson(database.dialect).as('json')])
    .execute();
}

export async function countSessions(database: Database, f: SessionFilter): Promise<number> {
  const row = await database.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(sessionConditions(database, f))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
