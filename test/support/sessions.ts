import type { Hono } from 'hono';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { Session } from '../../src/hail/session.js';
import type { AppEnv } from '../../src/server/context.js';
import { sampleSession } from '../fixtures/sample-session.js';
import { call } from './http-calls.js';

/** The sample session with another id and title (and optionally more). */
export function sessionNamed(id: string, title = `Session ${id}`, overrides: Partial<Session> = {}): Session {
  const s = sampleSession();
  return { ...s, session_id: id, context: { ...s.context, title }, ...overrides };
}

/** Uploads a session as HAIL JSONL with query options. */
export function uploadJsonl(
  app: Hono<AppEnv>,
  token: string | undefined,
  session: Session | string,
  query: Record<string, string> = {},
) {
  const qs = new URLSearchParams(query).toString();
  return call(app, 'POST', `/api/sessions${qs ? `?${qs}` : ''}`, {
    token,
    body: typeof session === 'string' ? session : toHailJsonl(session),
    headers: { 'content-type': 'application/x-ndjson' },
  });
}
