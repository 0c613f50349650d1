import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';

/** What identifies one version of a session: a change to any of these is worth uploading again. */
export interface VersionFields {
  event_count: number;
  updated_at: string;
  title: string | null;
  model: string;
}

export function sessionSignature(v: VersionFields): string {
  return createHash('sha1')
    .update(`${v.event_count}\0${v.updated_at}\0${v.title ?? ''}\0${v.model}`)
    .digest('hex')
    .slice(0, 16);
}

export interface QueueItem {
  session_id: string;
  want_sig: string;
  attempts: number;
  /** Non-zero: new events wait to be streamed; the value is a generation, see clearLive. */
  live: number;
  streamed: number;
  sent_sig: string | null;
}

export interface QueueStats {
  /** Versions waiting to be uploaded (including those waiting for a retry). */
  pending: number;
  /** Of those, how many failed at least once. */
  retrying: number;
  /** Versions the server refused for good (fixed by a newer version or `publish upload`). */
  failed: number;
  sent: number;
  lastError: string | null;
}

export interface RemoteRef {
  id: string;
  url: string;
}

/**
 * The persistent upload queue (table `uploads` of the local index), per server. Every
 * transition is one UPDATE guarded by the version it is about, so a newer version queued
 * while an older one was in flight is never lost, and a daemon killed at any point resumes
 * from the table: at worst it sends a version again, which the server applies in place.
 */
export class UploadQueue {
  private readonly st;

  constructor(
    db: Db,
    readonly server: string,
  ) {
    this.st = {
      enqueue: db.prepare(`INSERT INTO uploads (server, session_id, want_sig, due_at, live, queued_at)
        VALUES (@server, @id, @sig, @due, @live, @now)
        ON CONFLICT(server, session_id) DO UPDATE SET want_sig = excluded.want_sig, due_at = excluded.due_at,
          attempts = 0, last_error = NULL, queued_at = excluded.queued_at,
          live = CASE WHEN excluded.live > 0 THEN uploads.live + 1 ELSE uploads.live END
        WHERE uploads.want_sig IS NOT excluded.want_sig AND uploads.sent_sig IS NOT excluded.want_sig
          AND uploads.failed_sig IS NOT excluded.want_sig`),
      due: db.prepare(`SELECT session_id, want_sig, attempts, live, streamed, sent_sig FROM uploads
        WHERE server = ? AND want_sig IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?`),
      live: db.prepare(`SELECT session_id, want_sig, attempts, live, streamed, sent_sig FROM uploads
        WHERE server = ? AND live > 0 AND want_sig IS NOT NULL LIMIT ?`),
      nextDue: db.prepare('SELECT min(due_at) FROM uploads WHERE server = ? AND want_sig IS NOT NULL').pluck(),
      sent: db.prepare(`INSERT INTO uploads (server, session_id, sent_sig, sent_at, remote_id, remote_url, streamed)
        VALUES (@server, @id, @sig, @now, @rid, @url, @streamed)
        ON CONFLICT(server, session_id) DO UPDATE SET sent_sig = @sig, sent_at = @now, remote_id = @rid,
          remote_url = @url, streamed = @streamed, attempts = 0, last_error = NULL, failed_sig = NULL,
          live = CASE WHEN want_sig IS @sig THEN 0 ELSE live END,
          want_sig = CASE WHEN want_sig IS @sig THEN NULL ELSE want_sig END`),
      streamed: db.prepare(`UPDATE uploads SET streamed = @streamed, last_error = NULL,
          live = CASE WHEN live = @live THEN 0 ELSE live END
        WHERE server = @server AND session_id = @id`),
      retry: db.prepare(`UPDATE uploads SET attempts = attempts + 1, last_error = @error, due_at = @due
        WHERE server = @server AND session_id = @id AND want_sig = @sig`),
      failed: db.prepare(`UPDATE uploads SET failed_sig = @sig, want_sig = NULL, live = 0, last_error = @error,
          attempts = attempts + 1
        WHERE server = @server AND session_id = @id AND want_sig = @sig`),
      retryAll: db.prepare(`UPDATE uploads SET due_at = @now
        WHERE server = @server AND want_sig IS NOT NULL AND attempts > 0 AND due_at > @now`),
      drop: db.prepare('UPDATE uploads SET want_sig = NULL, live = 0 WHERE server = ? AND session_id = ?'),
      sentSig: db.prepare('SELECT sent_sig FROM uploads WHERE server = ? AND session_id = ?').pluck(),
      stats: db.prepare(`SELECT
          count(*) FILTER (WHERE want_sig IS NOT NULL) AS pending,
          count(*) FILTER (WHERE want_sig IS NOT NULL AND attempts > 0) AS retrying,
          count(*) FILTER (WHERE want_sig IS NULL AND failed_sig IS NOT NULL) AS failed,
          count(*) FILTER (WHERE sent_sig IS NOT NULL) AS sent
        FROM uploads WHERE server = ?`),
      lastError: db
        .prepare(`SELECT last_error FROM uploads WHERE server = ? AND last_error IS NOT NULL
          ORDER BY queued_at DESC LIMIT 1`)
        .pluck(),
    };
  }

  /**
   * Queues a version, due at `dueAt` (epoch ms). A version already sent, refused, or already
   * waiting is left alone (keeping its retry schedule); returns whether anything changed.
   */
  enqueue(sessionId: string, sig: string, dueAt: number, live = false): boolean {
    const r = this.st.enqueue.run({
      server: this.server,
      id: sessionId,
      sig,
      due: dueAt,
      live: live ? 1 : 0,
      now: new Date().toISOString(),
    });
    return r.changes > 0;
  }

  due(now: number, limit: number): QueueItem[] {
    return this.st.due.all(this.server, now, limit) as QueueItem[];
  }

  /** Sessions with new events to stream (realtime), whether or not their full upload is due. */
  liveItems(limit: number): QueueItem[] {
    return this.st.live.all(this.server, limit) as QueueItem[];
  }

  /** When the earliest waiting version falls due (epoch ms), or undefined when none waits. */
  nextDueAt(): number | undefined {
    return (this.st.nextDue.get(this.server) as number | null) ?? undefined;
  }

  /** The server has version `sig` (whole); a newer version queued meanwhile stays queued. */
  markSent(sessionId: string, sig: string, remote: RemoteRef, streamed: number): void {
    this.st.sent.run({
      server: this.server,
      id: sessionId,
      sig,
      now: new Date().toISOString(),
      rid: remote.id,
      url: remote.url,
      streamed,
    });
  }

  /** `streamed` events are on the server; clears the live flag unless more came in since `live`. */
  markStreamed(sessionId: string, streamed: number, live: number): void {
    this.st.streamed.run({ server: this.server, id: sessionId, streamed, live });
  }

  retryLater(sessionId: string, sig: string, error: string, dueAt: number): void {
    this.st.retry.run({ server: this.server, id: sessionId, sig, error, due: dueAt });
  }

  /** After an outage: versions postponed by failed attempts are due now, not at their backoff time. */
  retryAllNow(now: number): number {
    return this.st.retryAll.run({ server: this.server, now }).changes;
  }

  /** The server refused this version for good: it stays out until the session changes. */
  markFailed(sessionId: string, sig: string, error: string): void {
    this.st.failed.run({ server: this.server, id: sessionId, sig, error });
  }

  /** Forget the waiting version (the session left the index, or is excluded now). */
  drop(sessionId: string): void {
    this.st.drop.run(this.server, sessionId);
  }

  sentSig(sessionId: string): string | undefined {
    return (this.st.sentSig.get(this.server, sessionId) as string | null) ?? undefined;
  }

  stats(): QueueStats {
    const row = this.st.stats.get(this.server) as Omit<QueueStats, 'lastError'>;
    return { ...row, lastError: (this.st.lastError.get(this.server) as string | undefined) ?? null };
  }
}
