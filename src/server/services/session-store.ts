import { randomUUID } from 'node:crypto';
import type { UploadOptions, Visibility } from '../../api/sessions.js';
import { hailLines } from '../../hail/jsonl-write.js';
import type { Session } from '../../hail/session.js';
import { gzipBodyLines } from '../blobs/gzip.js';
import { type AppDeps, nowIso, type Viewer } from '../context.js';
import { type SaveResult, type SessionFields, saveSession } from '../db/sessions.js';
import { badRequest } from '../http-error.js';
import { cleanText, type SessionMetadata, sessionMetadata } from './session-metadata.js';
import { assertMember } from './team-access.js';

export interface StoredSession {
  id: string;
  url: string;
  created: boolean;
}

const str = (v: string | undefined): string | null => (v === undefined || v === '' ? null : cleanText(v));

/** Sessions default to private; sharing with a team or the public is always explicit. */
async function resolveSharing(deps: AppDeps, viewer: Viewer, opts: UploadOptions) {
  const teamId = opts.team_id ?? null;
  const visibility: Visibility = opts.visibility ?? (teamId ? 'team' : 'private');
  if (visibility === 'team' && !teamId) badRequest('visibility "team" needs a team_id');
  if (teamId) await assertMember(deps, teamId, viewer);
  return { teamId, visibility };
}

function fieldsOf(
  viewer: Viewer,
  s: Session,
  meta: SessionMetadata,
  opts: UploadOptions,
  sharing: { teamId: string | null; visibility: Visibility },
  body: { key: string; size: number },
  now: string,
): SessionFields {
  const st = s.stats;
  return {
    user_id: viewer.id,
    session_id: cleanText(s.session_id),
    team_id: sharing.teamId,
    visibility: sharing.visibility,
    tool: cleanText(s.agent.tool),
    agent_provider: str(s.agent.provider),
    agent_model: str(s.agent.model),
    title: meta.title,
    description: meta.description,
    tags: meta.tags,
    created_at: s.context.created_at,
    updated_at: s.context.updated_at,
    uploaded_at: now,
    message_count: st.message_count,
    user_message_count: st.user_message_count,
    task_count: st.task_count,
    event_count: st.event_count,
    tool_call_count: st.tool_call_count,
    duration_seconds: st.duration_seconds,
    total_input_tokens: st.total_input_tokens,
    total_output_tokens: st.total_output_tokens,
    body_storage_key: body.key,
    body_size: body.size,
    body_url: str(opts.body_url),
    git_remote: str(opts.git_remote),
    git_branch: str(opts.git_branch),
    git_commit: str(opts.git_commit),
    git_repo_name: str(opts.git_repo_name),
    pr_number: opts.pr_number ?? null,
    pr_url: str(opts.pr_url),
    working_directory: meta.workingDirectory,
    files_modified: JSON.stringify(meta.filesModified),
    files_read: JSON.stringify(meta.filesRead),
    has_errors: meta.hasErrors ? 1 : 0,
  };
}

/** Timestamps are compared as text: normalise RFC 3339 to the one ISO form, or refuse. */
function normaliseTimes(s: Session): Session {
  const iso = (v: string, field: string) => {
    const t = Date.parse(v);
    return Number.isNaN(t)
      ? badRequest(`${field} is not a valid timestamp`, 'invalid_session')
      : new Date(t).toISOString();
  };
  return {
    ...s,
    context: {
      ...s.context,
      created_at: iso(s.context.created_at, 'context.created_at'),
      updated_at: iso(s.context.updated_at, 'context.updated_at'),
    },
  };
}

export function sessionUrl(deps: AppDeps, id: string): string {
  return `${deps.config.baseUrl}/session/${id}`;
}

/**
 * Stores a validated session for its owner: the body first (under a fresh key), then the row in
 * one transaction; the row never points at a missing body, and a failed save leaves no new body.
 * `expectBodyKey` makes the save conditional (appends); `undefined` comes back on a lost race.
 */
export async function storeSession(
  deps: AppDeps,
  viewer: Viewer,
  session: Session,
  opts: UploadOptions,
  expectBodyKey?: string | null,
): Promise<StoredSession | undefined> {
  const sharing = await resolveSharing(deps, viewer, opts);
  const s = normaliseTimes(session);
  const meta = sessionMetadata(s);
  const gz = await gzipBodyLines(hailLines(session));
  const key = randomUUID();
  await deps.blobs.put(key, gz);
  let result: SaveResult;
  try {
    const fields = fieldsOf(viewer, s, meta, opts, sharing, { key, size: gz.length }, nowIso(deps.clock));
    const links = [...(opts.linked_session_ids ?? []), ...(s.context.related_session_ids ?? [])];
    result = await saveSession(deps.database, { fields, links, search: meta.search, expectBodyKey });
  } catch (e) {
    await deps.blobs.delete(key);
    throw e;
  }
  if (result.kind === 'conflict') {
    await deps.blobs.delete(key);
    return undefined;
  }
  if (result.previousBodyKey) await deleteBodyQuietly(deps, result.previousBodyKey);
  deps.live.notify(result.id);
  return { id: result.id, url: sessionUrl(deps, result.id), created: result.created };
}

/** A body left behind costs disk only; the request has already succeeded. */
export async function deleteBodyQuietly(deps: AppDeps, key: string): Promise<void> {
  try {
    await deps.blobs.delete(key);
  } catch (e) {
    deps.log.warn('could not delete a replaced session body', { key, error: (e as Error).message });
  }
}
