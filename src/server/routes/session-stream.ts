import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv, Viewer } from '../context.js';
import { findVisibleSession } from '../db/sessions.js';
import { loadSession } from '../services/live-events.js';
import { readableSession } from '../services/session-queries.js';

const KEEPALIVE_MS = 15_000;

/** Resolves on the first of: a local change notice, the poll interval, the viewer leaving. */
function nextChange(deps: AppDeps, pk: string, stream: SSEStreamingApi): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, deps.config.streamPollMs);
    const unsubscribe = deps.live.subscribe(pk, done);
    stream.onAbort(done);
  });
}

/**
 * Sends every event of the session (after Last-Event-ID, when given), then new ones as they are
 * appended, on this instance or another. Access is re-checked on every change, so a session
 * made private (or a viewer removed from the team) stops streaming at once.
 */
async function pump(stream: SSEStreamingApi, deps: AppDeps, pk: string, viewer: Viewer | undefined, from: number) {
  let sent = from;
  let bodyKey: string | null = null;
  let lastWrite = Date.now();
  while (!stream.aborted && !stream.closed) {
    const row = await findVisibleSession(deps.database.db, pk, viewer);
    if (!row) {
      await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason: 'gone' }) });
      return;
    }
    if (row.body_storage_key !== bodyKey) {
      bodyKey = row.body_storage_key;
      const { events } = await loadSession(deps, row);
      if (events.length < sent) {
        await stream.writeSSE({ event: 'reset', data: JSON.stringify({ event_count: events.length }) });
        sent = 0;
      }
      for (; sent < events.length; sent++)
        await stream.writeSSE({ event: 'event', id: String(sent + 1), data: JSON.stringify(events[sent]) });
      lastWrite = Date.now();
    } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
      await stream.write(': keepalive\n\n');
      lastWrite = Date.now();
    }
    await nextChange(deps, pk, stream);
  }
}

export async function streamSession(c: Context<AppEnv>, deps: AppDeps) {
  const viewer = c.get('viewer');
  const row = await readableSession(deps, c.req.param('id') ?? '', viewer);
  const lastId = Number.parseInt(c.req.header('last-event-id') ?? '0', 10);
  const from = Number.isFinite(lastId) && lastId > 0 ? lastId : 0;
  c.header('Cache-Control', 'no-store');
  return streamSSE(
    c,
    (stream) => pump(stream, deps, row.id, viewer, from),
    async (err, stream) => {
      deps.log.warn('session stream failed', { session: row.id, error: err.message });
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ message: 'stream failed' }) });
    },
  );
}
