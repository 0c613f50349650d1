import type { SessionDetail, SessionListQuery, SessionListResponse } from '../../api/sessions.js';
import { gunzipBody } from '../blobs/gzip.js';
import type { AppDeps, Viewer } from '../context.js';
import { nextSyncSeq } from '../db/locks.js';
import { countSessions, laterOf, listSummaryJson, rangeStart, type SessionFilter } from '../db/session-list.js';
import {
  deleteSession,
  findSessionById,
  findVisibleSession,
  linksOf,
  nicknamesOf,
  type SessionRow,
} from '../db/sessions.js';
import { dropAbsentFields } from '../db/summary-json.js';
import { findTeam } from '../db/teams.js';
import { versionedCache } from '../db/versioned-cache.js';
import { badRequest, forbidden, notFound } from '../http-error.js';
import { decodeCursor, encodeCursor, ListCursorSchema } from './cursor.js';
import { cachedTotal } from './list-totals.js';
import { deleteBodyQuietly } from './session-store.js';
import { toSummary } from './session-view.js';
import { roleIn } from './team-access.js';

const iso = (v: string | undefined) => (v ? new Date(v).toISOString() : undefined);

const listPages = versionedCache<string>(16 * 1024 * 1024, (page) => page.length);

/**
 * A page of the session list as the JSON text of a SessionListResponse: the summaries come
 * from the database as JSON already (see db/summary-json.ts). A page costs about 0.5 ms of CPU
 * to build and clients paging or polling ask for the same few, so pages are kept until the next
 * write (see db/versioned-cache.ts).
 */
export function listSessionsJson(deps: AppDeps, viewer: Viewer | undefined, q: SessionListQuery): Promise<string> {
  const filter: SessionFilter = {
    viewer,
    teamId: q.team_id,
    search: q.search,
    tool: q.tool,
    model: q.model,
    createdSince: laterOf(iso(q.since), rangeStart(q.time_range, deps.clock())),
  };
  // Who asks and everything that selects the rows: what one viewer may see is never keyed
  // under another's identity.
  const { viewer: _, ...selection } = filter;
  const key = JSON.stringify([viewer?.id ?? null, selection, q.sort, q.page, q.per_page, q.cursor ?? null]);
  return listPages.get(deps.database, key, () => buildListPage(deps, filter, q));
}

async function buildListPage(deps: AppDeps, filter: SessionFilter, q: SessionListQuery): Promise<string> {
  const cursor = q.cursor ? decodeCursor(q.cursor, ListCursorSchema) : undefined;
  if (cursor && cursor.s !== q.sort) badRequest('the cursor belongs to another sort order', 'invalid_cursor');
  const after = cursor ? { key: cursor.k, id: cursor.i } : undefined;
  const page = { sort: q.sort, limit: q.per_page + 1, offset: (q.page - 1) * q.per_page, after };
  const { database } = deps;
  const [rows, total] = await Promise.all([
    listSummaryJson(database, filter, page),
    cachedTotal(
      database,
      deps.clock,
      filter,
      () => nextSyncSeq(database.db),
      () => countSessions(database, filter),
    ),
  ]);
  const shown = rows.slice(0, q.per_page);
  const last = shown.at(-1);
  const rest: Omit<SessionListResponse, 'sessions'> = {
    total,
    page: q.page,
    per_page: q.per_page,
    next_cursor: rows.length > q.per_page && last ? encodeCursor({ s: q.sort, k: last.key, i: last.id }) : undefined,
  };
  const sessions = dropAbsentFields(shown.map((r) => r.json).join(','));
  return `{"sessions":[${sessions}],${JSON.stringify(rest).slice(1)}`;
}

/** A session the caller may read, or 404 (whether it exists or not). */
export async function readableSession(deps: AppDeps, id: string, viewer: Viewer | undefined): Promise<SessionRow> {
  return (await findVisibleSession(deps.database.db, id, viewer)) ?? notFound('session');
}

export async function sessionDetail(deps: AppDeps, id: string, viewer: Viewer | undefined): Promise<SessionDetail> {
  const row = await readableSession(deps, id, viewer);
  const { db } = deps.database;
  const [names, team, links] = await Promise.all([
    nicknamesOf(db, [row.user_id]),
    row.team_id ? findTeam(db, row.team_id) : undefined,
    linksOf(db, row.id),
  ]);
  return {
    ...toSummary(row, names.get(row.user_id)),
    team_name: team?.name,
    linked_sessions: links.length ? links : undefined,
  };
}

/** The stored HAIL JSONL, uncompressed. */
export async function sessionBody(deps: AppDeps, row: SessionRow): Promise<Buffer> {
  const gz = row.body_storage_key ? await deps.blobs.get(row.body_storage_key) : undefined;
  return gz ? gunzipBody(gz) : notFound('session body');
}

/** Owner, an admin of the session's team, or the instance admin; others who can see it get 403. */
export async function deleteSessionAs(deps: AppDeps, id: string, viewer: Viewer): Promise<void> {
  const row = viewer.isAdmin
    ? await findSessionById(deps.database.db, id)
    : await findVisibleSession(deps.database.db, id, viewer);
  if (!row) return notFound('session');
  const teamAdmin = row.team_id ? (await roleIn(deps, row.team_id, viewer)) === 'admin' : false;
  if (row.user_id !== viewer.id && !viewer.isAdmin && !teamAdmin)
    forbidden('only the owner or a team admin may delete');
  await deleteSession(deps.database, row.id);
  if (row.body_storage_key) await deleteBodyQuietly(deps, row.body_storage_key);
  deps.live.notify(row.id);
}
