import { type Context, Hono } from 'hono';
import { SessionListQuerySchema, StreamEventsRequestSchema, UploadQuerySchema } from '../../api/sessions.js';
import { requireViewer } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../context.js';
import { fail } from '../http-error.js';
import { isBodyTooLarge } from '../middleware/body-limit.js';
import { appendEvents } from '../services/live-events.js';
import { checkSession, readJsonlBody, readUploadJson } from '../services/session-input.js';
import {
  deleteSessionAs,
  listSessionsJson,
  readableSession,
  sessionBody,
  sessionDetail,
} from '../services/session-queries.js';
import { storeSession } from '../services/session-store.js';
import { parseJsonBody, parseQuery } from '../validate.js';
import { streamSession } from './session-stream.js';

const JSONL_TYPES = new Set(['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines']);

const mediaType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Reads either upload form (chosen by Content-Type) into a checked session plus its options. */
async function readUpload(c: Context<AppEnv>, deps: AppDeps) {
  const type = mediaType(c);
  if (JSONL_TYPES.has(type)) {
    const opts = parseQuery(c, UploadQuerySchema);
    const body = c.req.raw.body ?? fail(400, 'invalid_jsonl', 'empty body');
    return { session: checkSession(await readJsonlBody(body, deps.config)), opts };
  }
  if (type === 'application/json') {
    let text: string;
    try {
      text = await c.req.text();
    } catch (e) {
      if (isBodyTooLarge(e)) throw e;
      return fail(400, 'invalid_body', 'could not read the request body');
    }
    const { session, ...opts } = readUploadJson(text, deps.config);
    return { session: checkSession(session), opts };
  }
  return fail(
    415,
    'unsupported_media_type',
    'send application/x-ndjson (HAIL JSONL) or application/json (UploadRequest)',
  );
}

export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const viewer = requireViewer(c);
      const { session, opts } = await readUpload(c, deps);
      const stored = await storeSession(deps, viewer, session, opts);
      if (!stored) return fail(409, 'conflict', 'the session changed concurrently; retry');
      return c.json({ id: stored.id, url: stored.url }, stored.created ? 201 : 200);
    })
    .get('/', async (c) => {
      const json = await listSessionsJson(deps, c.get('viewer'), parseQuery(c, SessionListQuerySchema));
      return c.body(json, 200, { 'Content-Type': 'application/json' });
    })
    .get('/:id', async (c) => c.json(await sessionDetail(deps, c.req.param('id'), c.get('viewer'))))
    .delete('/:id', async (c) => {
      await deleteSessionAs(deps, c.req.param('id'), requireViewer(c));
      return c.json({ ok: true as const });
    })
    .get('/:id/raw', async (c) => {
      const row = await readableSession(deps, c.req.param('id'), c.get('viewer'));
      const body = await sessionBody(deps, row);
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': 'application/jsonl; charset=utf-8',
        'Content-Disposition': 'attachment; filename="session.hail.jsonl"',
        'Cache-Control': row.visibility === 'public' ? 'public, max-age=60' : 'private, no-store',
      });
    })
    .post('/:id/events', async (c) => {
      const viewer = requireViewer(c);
      const req = await parseJsonBody(c, StreamEventsRequestSchema);
      const result = await appendEvents(deps, viewer, c.req.param('id'), req);
      return c.json(result.body, result.created ? 201 : 200);
    })
    .get('/:id/stream', (c) => streamSession(c, deps));
}
