import type { DiscoverRoots } from '../parsers/types.js';
import type { Db } from '../store/db.js';
import { type IndexSummary, indexSources } from '../store/indexer.js';
import type { PublishMode } from './config.js';
import { DaemonState, type LocalSession, sessionsIndexedSince } from './local-sessions.js';
import { exclusionReason, type PrivacySettings } from './prepare-upload.js';
import { sessionSignature, type UploadQueue } from './upload-queue.js';

/** Sources (re-)indexed at or after this time have changes not yet looked at for publishing. */
const CURSOR_KEY = 'publish_cursor';

export interface PassResult {
  summary: IndexSummary;
  /** Sessions that changed on disk since the previous pass (none on the very first run). */
  changed: number;
  /** Versions queued for upload. */
  queued: number;
  firstRun: boolean;
}

/**
 * Brings the index up to date for `tools` (incremental: unchanged files are not parsed), then
 * hands the sessions that changed since the last pass to `enqueue`, in one transaction with
 * the cursor: a daemon killed at any point either queued them and moved the cursor, or did
 * neither and sees them again. Changes made while the daemon was down are seen by its next
 * pass. The very first run only sets the cursor: existing history is not published behind
 * the user's back (`publish upload-all` is for that).
 */
export async function indexPass(
  db: Db,
  dataDir: string,
  roots: DiscoverRoots,
  tools: string[],
  enqueue: (changed: readonly LocalSession[]) => number,
): Promise<PassResult> {
  const state = new DaemonState(db);
  const cursor = state.get(CURSOR_KEY);
  const started = new Date().toISOString();
  const summary = await indexSources({ db, dataDir, roots, tools });
  if (cursor === undefined) {
    state.set(CURSOR_KEY, new Date().toISOString());
    return { summary, changed: 0, queued: 0, firstRun: true };
  }
  return db.transaction(() => {
    const changed = sessionsIndexedSince(db, cursor);
    const queued = enqueue(changed);
    state.set(CURSOR_KEY, started);
    return { summary, changed: changed.length, queued, firstRun: false };
  })();
}

export interface EnqueuePolicy {
  mode: PublishMode;
  privacy: PrivacySettings;
  home: string;
  /** session_end (and realtime's final upload): due once the session has been idle this long. */
  idleMs: number;
  now: number;
}

/** Queues the changed sessions as the mode says; returns how many versions were queued. */
export function enqueueChanged(queue: UploadQueue, changed: readonly LocalSession[], p: EnqueuePolicy): number {
  if (p.mode === 'manual') return 0;
  let queued = 0;
  for (const s of changed) {
    if (!s.archive_path || exclusionReason(s, p.privacy, p.home)) continue;
    if (queue.enqueue(s.id, sessionSignature(s), p.now + p.idleMs, p.mode === 'realtime')) queued++;
  }
  return queued;
}
