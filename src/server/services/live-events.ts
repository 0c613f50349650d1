import type { StreamEventsRequest, UploadOptions } from '../../api/sessions.js';
import { readHailString } from '../../hail/jsonl-read.js';
import { HAIL_VERSION, type HailEvent, type Session } from '../../hail/session.js';
import { recomputeStats } from '../../hail/stats.js';
import type { AppDeps, Viewer } from '../context.js';
import { findOwnSession, findSessionById, linksOf, type SessionRow } from '../db/sessions.js';
import { fail, notFound } from '../http-error.js';
import { checkSession } from './session-input.js';
import { sessionBody } from './session-queries.js';
import { storeSession } from './session-store.js';

export interface AppendResult {
  created: boolean;
  body: { accepted: number; id: string; event_count: number };
}

const MAX_ATTEMPTS = 5;

/** The stored events of a session. */
export async function loadSession(deps: AppDeps, row: SessionRow): Promise<Session> {
  const { session } = await readHailString((await sessionBody(deps, row)).toString('utf8'));
  return session;
}

/** The path names a session by its server id or by the owner's own session_id. */
async function ownSession(deps: AppDeps, viewer: Viewer, ref: string): Promise<SessionRow | undefined> {
  const { db } = deps.database;
  const byId = await findSessionById(db, ref);
  if (byId?.user_id === viewer.id) return byId;
  return findOwnSession(db, viewer.id, ref);
}

async function optionsOf(deps: AppDeps, row: SessionRow): Promise<UploadOptions> {
  const links = await linksOf(deps.database.db, row.id);
  const opt = (v: string | null) => v ?? undefined;
  return {
    team_id: opt(row.team_id),
    visibility: row.visibility,
    body_url: opt(row.body_url),
    git_remote: opt(row.git_remote),
    git_branch: opt(row.git_branch),
    git_commit: opt(row.git_commit),
    git_repo_name: opt(row.git_repo_name),
    pr_number: row.pr_number ?? undefined,
    pr_url: opt(row.pr_url),
    linked_session_ids: links.map((l) => l.linked_session_id),
  };
}

/** Events whose ids the session does not have yet: a client retrying a batch adds nothing twice. */
function newEvents(existing: readonly HailEvent[], incoming: readonly HailEvent[]): HailEvent[] {
  const seen = new Set(existing.map((e) => e.event_id));
  return incoming.filter((e) => !seen.has(e.event_id) && seen.add(e.event_id));
}

async function attempt(
  deps: AppDeps,
  viewer: Viewer,
  ref: string,
  req: StreamEventsRequest,
): Promise<AppendResult | undefined> {
  const row = await ownSession(deps, viewer, ref);
  if (!row && !(req.agent && req.context)) return notFound('session (send agent and context to start one)');
  const base: Session = row
    ? await loadSession(deps, row)
    : {
        version: HAIL_VERSION,
        session_id: ref,
        agent: req.agent!,
        context: req.context!,
        events: [],
        stats: recomputeStats([]),
      };
  const added = newEvents(base.events, req.events);
  if (row && added.length === 0)
    return { created: false, body: { accepted: 0, id: row.id, event_count: base.events.length } };
  const events = [...base.events, ...added];
  const next = checkSession({
    ...base,
    agent: req.agent ?? base.agent,
    context: req.context ?? base.context,
    events,
    stats: recomputeStats(events),
  });
  const opts: UploadOptions = row ? await optionsOf(deps, row) : { team_id: undefined, visibility: 'private' };
  const stored = await storeSession(deps, viewer, next, opts, row?.body_storage_key ?? null);
  if (!stored) return undefined;
  return { created: stored.created, body: { accepted: added.length, id: stored.id, event_count: events.length } };
}

/**
 * Appends events to the caller's session, creating it (private) when agent and context come
 * along. Concurrent appends are serialised optimistically: the loser re-reads and retries.
 */
export async function appendEvents(
  deps: AppDeps,
  viewer: Viewer,
  ref: string,
  req: StreamEventsRequest,
): Promise<AppendResult> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const result = await attempt(deps, viewer, ref, req);
    if (result) return result;
  }
  return fail(409, 'conflict', 'the session changed concurrently; retry');
}
