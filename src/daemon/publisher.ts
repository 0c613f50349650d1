import type { ApiClient } from '../client/api-client.js';
import { ApiError, isTransient } from '../client/errors.js';
import { backoffDelay } from '../client/retry.js';
import { GitError } from '../git/git-exec.js';
import { storeSessionInRepoOf } from '../git/store-in-repo-of.js';
import type { Session } from '../hail/session.js';
import { readArchive } from '../store/archive.js';
import type { Db } from '../store/db.js';
import { type LocalSession, localSession } from './local-sessions.js';
import type { Logger } from './logger.js';
import { exclusionReason, type PrivacySettings, prepareForUpload, uploadOptionsFor } from './prepare-upload.js';
import type { QueueItem, UploadQueue } from './upload-queue.js';

export interface PublishSettings {
  privacy: PrivacySettings;
  teamId?: string;
  /** native: the session is also stored in its project's repository (hidden branch), see src/git. */
  gitStorage: 'native' | 'platform_api' | 'none';
  /** Longest wait between attempts of one session. */
  retryMaxMs: number;
}

export interface PublisherDeps {
  db: Db;
  queue: UploadQueue;
  /** Undefined when no server is configured and sessions only go to git (native storage). */
  client?: ApiClient;
  home: string;
  log: Logger;
  settings: () => PublishSettings;
  now?: () => number;
  random?: () => number;
}

export type PublishOutcome =
  | { kind: 'sent'; created: boolean; url: string }
  | { kind: 'streamed'; events: number }
  | { kind: 'dropped'; reason: string }
  /** Try again later; `serverDown` pauses the whole queue rather than this session alone. */
  | { kind: 'retry'; error: string; serverDown: boolean }
  | { kind: 'failed'; error: string };

/** Events per append request: well under the server's limits, small enough to stay live. */
const STREAM_BATCH = 500;
/** A session that cannot even be read this many times in a row is given up (until it changes). */
const MAX_LOCAL_FAILURES = 10;

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Loaded {
  local: LocalSession;
  session: Session;
}

type LoadResult = { ok: true; value: Loaded } | { ok: false; outcome: PublishOutcome };

/** The session as it will leave the machine, or why it will not. */
async function load(deps: PublisherDeps, item: QueueItem): Promise<LoadResult> {
  const local = localSession(deps.db, item.session_id);
  const drop = (reason: string): LoadResult => {
    deps.queue.drop(item.session_id);
    return { ok: false, outcome: { kind: 'dropped', reason } };
  };
  if (!local?.archive_path) return drop('no longer in the local index');
  const settings = deps.settings();
  const excluded = exclusionReason(local, settings.privacy, deps.home);
  if (excluded) return drop(excluded);
  let session: Session;
  try {
    session = (await readArchive(local.archive_path)).session;
  } catch (err) {
    return { ok: false, outcome: localFailure(deps, item, `cannot read the archived copy: ${describe(err)}`) };
  }
  return { ok: true, value: { local, session: prepareForUpload(session, settings.privacy, deps.home).session } };
}

function localFailure(deps: PublisherDeps, item: QueueItem, error: string): PublishOutcome {
  if (item.attempts + 1 >= MAX_LOCAL_FAILURES) {
    deps.queue.markFailed(item.session_id, item.want_sig, error);
    return { kind: 'failed', error };
  }
  deps.queue.retryLater(item.session_id, item.want_sig, error, retryAt(deps, item.attempts));
  return { kind: 'retry', error, serverDown: false };
}

function retryAt(deps: PublisherDeps, attempts: number): number {
  const now = deps.now?.() ?? Date.now();
  return now + backoffDelay(attempts, { baseMs: 1000, maxMs: deps.settings().retryMaxMs }, deps.random);
}

/** Sorts a failed request into retry-later or refused-for-good, and records it. */
function onUploadError(deps: PublisherDeps, item: QueueItem, err: unknown): PublishOutcome {
  const error = describe(err);
  const retry = (serverDown: boolean, attempts = item.attempts): PublishOutcome => {
    deps.queue.retryLater(item.session_id, item.want_sig, error, retryAt(deps, attempts));
    return { kind: 'retry', error, serverDown };
  };
  if (isTransient(err)) return retry(true);
  if (err instanceof ApiError) {
    // A bad key or a lost team membership is fixed in the config, not by this session: keep it.
    if (err.status === 401 || err.status === 403) return retry(true, Math.max(item.attempts, 8));
    if (err.status === 409) return retry(false);
    deps.queue.markFailed(item.session_id, item.want_sig, error);
    return { kind: 'failed', error };
  }
  return localFailure(deps, item, error);
}

/** Uploads the whole session (POST /api/sessions); the server updates a session it already has. */
export async function publishOne(deps: PublisherDeps, item: QueueItem): Promise<PublishOutcome> {
  const loaded = await load(deps, item);
  if (!loaded.ok) return loaded.outcome;
  return uploadWhole(deps, item, loaded.value);
}

/**
 * Native git storage, when configured: the session goes to its project's repository first, and
 * the server learns where to fetch it (body_url). A session outside any repository is simply
 * not stored there; a git failure is logged and does not hold the upload back.
 */
async function storeInGit(deps: PublisherDeps, local: LocalSession, session: Session) {
  if (deps.settings().gitStorage !== 'native' || !local.cwd) return undefined;
  try {
    return await storeSessionInRepoOf(local.cwd, session);
  } catch (err) {
    if (!(err instanceof GitError && err.kind === 'not-a-repo'))
      deps.log.warn('git storage failed', { session: local.id, error: describe(err) });
    return undefined;
  }
}

async function uploadWhole(deps: PublisherDeps, item: QueueItem, { local, session }: Loaded): Promise<PublishOutcome> {
  const stored = await storeInGit(deps, local, session);
  if (!deps.client) {
    if (!stored) {
      deps.queue.drop(item.session_id);
      return { kind: 'dropped', reason: 'no server configured and not in a git repository' };
    }
    const url = stored.body_url ?? `${stored.repo}#${stored.path}`;
    deps.queue.markSent(item.session_id, item.want_sig, { id: stored.commit, url }, session.events.length);
    return { kind: 'sent', created: stored.changed, url };
  }
  try {
    const options = { ...uploadOptionsFor(local, deps.settings().teamId), body_url: stored?.body_url };
    const res = await deps.client.uploadSession(session, options);
    deps.queue.markSent(item.session_id, item.want_sig, res, session.events.length);
    return { kind: 'sent', created: res.created, url: res.url };
  } catch (err) {
    return onUploadError(deps, item, err);
  }
}

/**
 * Sends the events appended since the last stream to the live endpoint. A session the server
 * does not have yet (or that the append endpoint refuses: events that moved, a deleted copy)
 * is uploaded whole instead. The full upload at idle time still follows and settles events
 * that changed after they were streamed.
 */
export async function streamOne(deps: PublisherDeps, item: QueueItem): Promise<PublishOutcome> {
  const loaded = await load(deps, item);
  if (!loaded.ok) return loaded.outcome;
  const { local, session } = loaded.value;
  if (!deps.client || item.streamed === 0 || item.sent_sig === null) return uploadWhole(deps, item, loaded.value);
  const fresh = session.events.slice(item.streamed);
  try {
    for (let i = 0; i < fresh.length; i += STREAM_BATCH) {
      await deps.client.appendEvents(local.id, {
        agent: session.agent,
        context: session.context,
        events: fresh.slice(i, i + STREAM_BATCH),
      });
    }
  } catch (err) {
    if (err instanceof ApiError && !isTransient(err) && err.status !== 401 && err.status !== 403)
      return uploadWhole(deps, item, loaded.value);
    return onUploadError(deps, item, err);
  }
  deps.queue.markStreamed(item.session_id, session.events.length, item.live);
  return { kind: 'streamed', events: fresh.length };
}

/** Log fields of an outcome. */
export function outcomeFields(o: PublishOutcome): Record<string, string | number | boolean> {
  switch (o.kind) {
    case 'sent':
      return { created: o.created, url: o.url };
    case 'streamed':
      return { events: o.events };
    case 'dropped':
      return { reason: o.reason };
    default:
      return { error: o.error };
  }
}

export const isServerDown = (o: PublishOutcome) => o.kind === 'retry' && o.serverDown;
