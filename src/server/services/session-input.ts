import { type UploadRequest, UploadRequestSchema } from '../../api/sessions.js';
import { HailReadError, readHailSession } from '../../hail/jsonl-read.js';
import type { Session } from '../../hail/session.js';
import { describeValidationError, validateSession } from '../../hail/validate.js';
import type { ServerConfig } from '../config.js';
import { badRequest, fail } from '../http-error.js';
import { parseWith } from '../validate.js';
import { guarded, JsonGuard } from './json-guard.js';

const SUPPORTED_VERSION = /^hail-1\./;

type Limits = Pick<ServerConfig, 'maxLineBytes' | 'maxJsonDepth'>;
// A JSON document is one "line": only JSONL lines have a length limit (the body limit covers the rest).
const guardFor = (l: Limits, perLine: boolean) =>
  new JsonGuard(
    { maxLineBytes: perLine ? l.maxLineBytes : Number.POSITIVE_INFINITY, maxDepth: l.maxJsonDepth },
    perLine,
  );

/** Refuses sessions this server cannot store faithfully, listing up to five problems. */
export function checkSession(session: Session): Session {
  if (!SUPPORTED_VERSION.test(session.version))
    fail(400, 'unsupported_version', `HAIL version "${session.version}" is not supported (expected hail-1.x)`);
  const errors = validateSession(session);
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map(describeValidationError).join('; ');
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
    badRequest(`invalid session: ${shown}${more}`, 'invalid_session');
  }
  return session;
}

/** A HAIL JSONL body, streamed: every line must parse (strict), the first being the header. */
export async function readJsonlBody(body: AsyncIterable<Uint8Array>, limits: Limits): Promise<Session> {
  try {
    const { session } = await readHailSession(guarded(body, guardFor(limits, true)), { strict: true });
    return session;
  } catch (e) {
    if (e instanceof HailReadError)
      return badRequest(`invalid HAIL JSONL: line ${e.line}: ${e.reason}`, 'invalid_jsonl');
    throw e;
  }
}

/** An UploadRequest JSON body (the reference's clients). */
export function readUploadJson(text: string, limits: Limits): UploadRequest {
  guardFor(limits, false).feed(Buffer.from(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(400, 'invalid_json', 'the body is not valid JSON');
  }
  return parseWith(UploadRequestSchema, value);
}
