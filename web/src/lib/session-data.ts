import { type SessionDetail, SessionDetailSchema } from '../../../src/api/sessions.js';
import type { HailEvent, Session } from '../../../src/hail/session.js';
import { api, apiFetch } from './api.js';
import { currentToken } from './auth.svelte.js';
import { type LineIssue, type ParsedHail, parseEventRecord, parseHailStream, parseHailText } from './hail-text.js';
import { readEventStream } from './sse.js';

export interface LoadedSession {
  detail: SessionDetail;
  session: Session;
  issues: LineIssue[];
  /** False while the rest of a long session is still downloading. */
  complete: boolean;
}

const sessionUrl = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/**
 * Summary and body, fetched in parallel. `onFirst` gets the start of a long session while
 * the rest downloads.
 */
export async function loadSession(id: string, onFirst?: (partial: LoadedSession) => void): Promise<LoadedSession> {
  const detail = api(sessionUrl(id), SessionDetailSchema);
  let finished = false;
  const early = (p: ParsedHail) => {
    detail.then((d) => finished || onFirst?.({ detail: d, ...p, complete: false })).catch(() => undefined);
  };
  const body = apiFetch(`${sessionUrl(id)}/raw`, { headers: { accept: 'application/jsonl' } }).then((res) =>
    res.body ? parseHailStream(res.body, early) : res.text().then(parseHailText),
  );
  const [d, parsed] = await Promise.all([detail, body]);
  finished = true;
  performance.mark('opensession:session-parsed');
  return { detail: d, ...parsed, complete: true };
}

export async function rawSessionBlob(id: string): Promise<Blob> {
  return (await apiFetch(`${sessionUrl(id)}/raw`)).blob();
}

export type LiveStatus = 'connecting' | 'live' | 'retrying' | 'ended';

export interface FollowHandlers {
  /** New events, coalesced (a burst of appends becomes one update). */
  onEvents(events: HailEvent[]): void;
  /** The session was replaced by a shorter one: reload it. */
  onReset(): void;
  onStatus(status: LiveStatus): void;
}

const COALESCE_MS = 150;
const MAX_BACKOFF_MS = 30_000;

/**
 * Follows a session's SSE stream from event `from` (the count already shown), reconnecting
 * with backoff and resuming where it stopped. Returns a function that stops following.
 */
export function followSession(id: string, from: number, h: FollowHandlers): () => void {
  const ctrl = new AbortController();
  let seen = from;
  let pending: HailEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length) h.onEvents(batch);
  };
  const onMessage = (m: { event: string; data: string; id?: string }) => {
    if (m.event === 'event') {
      let rec: unknown;
      try {
        rec = JSON.parse(m.data);
      } catch {
        return;
      }
      const e = typeof rec === 'object' && rec ? parseEventRecord(rec as Record<string, unknown>) : 'not an object';
      if (m.id) seen = Math.max(seen, Number(m.id) || seen);
      if (typeof e === 'string') return;
      pending.push(e);
      timer ??= setTimeout(flush, COALESCE_MS);
    } else if (m.event === 'reset') {
      ctrl.abort();
      h.onReset();
    } else if (m.event === 'end') {
      ctrl.abort();
      h.onStatus('ended');
    }
  };
  (async () => {
    let backoff = 1000;
    while (!ctrl.signal.aborted) {
      h.onStatus('connecting');
      try {
        const token = await currentToken();
        const headers: Record<string, string> = { 'last-event-id': String(seen) };
        if (token) headers.authorization = `Bearer ${token}`;
        await readEventStream(`${sessionUrl(id)}/stream`, {
          headers,
          signal: ctrl.signal,
          onMessage,
          onOpen: () => {
            backoff = 1000;
            h.onStatus('live');
          },
        });
      } catch {
        if (ctrl.signal.aborted) break;
      }
      if (ctrl.signal.aborted) break;
      h.onStatus('retrying');
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  })();
  return () => {
    ctrl.abort();
    if (timer) clearTimeout(timer);
  };
}
