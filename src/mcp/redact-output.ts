import { redactSession, redactText } from '../hail/redact.js';
import { sanitizeSession, sanitizeText } from '../hail/sanitize.js';
import type { Session } from '../hail/session.js';
import { stripTerminalEscapes } from '../hail/terminal-safe.js';
import { mapSessionStrings } from '../hail/walk-strings.js';

// The index holds sessions as the tools wrote them; nothing read from it leaves this server
// unredacted. Secrets and secret env values go; home paths stay, as the agent asking runs on
// this machine and filters by them. Escapes go too: MCP clients show results in terminals.

const KEEP_PATHS = { stripPaths: false } as const;

/** One string made safe to return. `key` names the field it sits in (ids are not secrets). */
// Escapes go first: one glued to a secret (`\x1b[31mAKIA…`) would hide it from the detectors.
export function safeText(text: string, key?: string): string {
  const redacted = redactText(stripTerminalEscapes(text), key === undefined ? {} : { key }).text;
  return sanitizeText(redacted, KEEP_PATHS);
}

/** A whole session made safe before anything is cut from it (a cut secret escapes the detectors). */
export function safeSession(session: Session): Session {
  const stripped = mapSessionStrings(session, (s) => stripTerminalEscapes(s));
  return sanitizeSession(redactSession(stripped).session, KEEP_PATHS);
}

/** Every string of a JSON value made safe: the last guard over each tool result. */
export function safeJson<T>(value: T, key?: string): T {
  if (typeof value === 'string') return safeText(value, key) as T;
  // Array items keep their key: `paths[3]` is still a path.
  if (Array.isArray(value)) return value.map((v) => safeJson(v, key)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeJson(v, k)])) as T;
}

// A run of token characters cut by the ellipsis, with a digit, `_` or inner capital (not a word).
const CUT_TOKEN = /[\w+/=-]{6,}(?=(?:\.\.\.|…)$)/;

/**
 * A title as the index stores it: cut short before any redaction, so it may end in the first
 * characters of a secret, too few for a detector. Such a cut token is dropped.
 */
export function safeTitle(title: string | null): string | null {
  if (title === null) return null;
  const safe = safeText(title);
  const m = CUT_TOKEN.exec(safe);
  return m && /[\d_]|[a-z][A-Z]/.test(m[0]) ? safe.slice(0, m.index) + safe.slice(m.index + m[0].length) : safe;
}
