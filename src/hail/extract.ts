import { z } from 'zod';
import { eventPath, FILE_CHANGE_KINDS } from './event-type.js';
import type { HailEvent, Session } from './session.js';
import { ATTR } from './session.js';

const ELLIPSIS = '...';
const TITLE_CHARS = 80;
const DESCRIPTION_CHARS = 500;
const DESCRIPTION_MESSAGES = 3;
const OBJECTIVE_CHARS = 200;
const NO_OBJECTIVE = '(no user message found)';

/**
 * Cuts `str` to at most `n` characters, the last three being `...` when it was cut.
 * Counts code points, not bytes (the reference) nor UTF-16 units, so CJK text gets the
 * same budget as ASCII and no emoji is split into a lone surrogate.
 */
export function truncate(str: string, max: number): string {
  const n = Math.max(0, Math.floor(max));
  // The UTF-16 length is never below the code point count: short strings need no scan.
  if (str.length <= n) return str;
  const suffix = n > ELLIPSIS.length ? ELLIPSIS : '';
  const keep = n - suffix.length;
  let chars = 0;
  let cut = 0;
  for (let i = 0; i < str.length; chars++) {
    if (chars === keep) cut = i;
    if (chars === n) return str.slice(0, cut) + suffix;
    i += (str.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  return str;
}

/** Collapses every whitespace run (newlines included) into one space. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The prose of a message: its Text blocks (not attached files or code), trimmed. */
export function messageText(e: HailEvent): string {
  const parts: string[] = [];
  for (const b of e.content.blocks) if (b.type === 'Text') parts.push(b.text);
  return parts.join('\n').trim();
}

/** Non-empty texts of the user messages, in order (stops after `limit`). */
export function userTexts(session: Session, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (const e of session.events) {
    if (out.length >= limit) break;
    if (e.event_type.type !== 'UserMessage') continue;
    const t = messageText(e);
    if (t) out.push(t);
  }
  return out;
}

export function firstUserText(session: Session): string | undefined {
  return userTexts(session, 1)[0];
}

/** What the session set out to do: its first user message on one line. */
export function sessionObjective(session: Session): string {
  const t = firstUserText(session);
  return t ? truncate(oneLine(t), OBJECTIVE_CHARS) : NO_OBJECTIVE;
}

/** `45s`, `1m 30s`, `1h 1m 1s` (zero parts kept below the top unit, as the reference does). */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** A shell command that exited non-zero, or a tool result flagged as an error. */
export function isErrorEvent(e: HailEvent): boolean {
  const t = e.event_type;
  if (t.type === 'ShellCommand') return t.data.exit_code !== undefined && t.data.exit_code !== 0;
  if (t.type === 'ToolResult' && t.data.is_error) return true;
  // Parsers flag API errors and failed turns with an `error` attribute.
  return e.attributes?.[ATTR.error] === true;
}

const sortedUnique = (paths: Iterable<string>): string[] => [...new Set(paths)].sort();

/** Paths edited, created or deleted, sorted and deduplicated. */
export function modifiedPaths(events: readonly HailEvent[]): string[] {
  const paths: string[] = [];
  for (const e of events) {
    const p = FILE_CHANGE_KINDS.has(e.event_type.type) ? eventPath(e.event_type) : undefined;
    if (p !== undefined) paths.push(p);
  }
  return sortedUnique(paths);
}

/** Paths only read: a file that was also changed is reported as modified instead. */
export function readOnlyPaths(events: readonly HailEvent[], modified: Iterable<string>): string[] {
  const skip = new Set(modified);
  const paths: string[] = [];
  for (const e of events) {
    const t = e.event_type;
    if (t.type === 'FileRead' && !skip.has(t.data.path)) paths.push(t.data.path);
  }
  return sortedUnique(paths);
}

export const SessionMetadataSchema = z.object({
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** Comma-joined, as the reference stores them in one column. */
  tags: z.string(),
  working_directory: z.string().nullable(),
  files_modified: z.array(z.string()),
  files_read: z.array(z.string()),
  has_errors: z.boolean(),
});
export type SessionMetadata = z.infer<typeof SessionMetadataSchema>;

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function fallbackDescription(session: Session): string | null {
  const texts = userTexts(session, DESCRIPTION_MESSAGES);
  return texts.length ? truncate(oneLine(texts.join(' ')), DESCRIPTION_CHARS) : null;
}

/** The columns stored beside a session for listing and filtering (reference-spec 1.6). */
export function extractMetadata(session: Session): SessionMetadata {
  const ctx = session.context;
  const first = firstUserText(session);
  const files_modified = modifiedPaths(session.events);
  return {
    title: nonEmpty(ctx.title) ?? (first ? truncate(oneLine(first), TITLE_CHARS) : null),
    description: nonEmpty(ctx.description) ?? fallbackDescription(session),
    tags: ctx.tags.join(','),
    working_directory: nonEmpty(ctx.attributes?.cwd) ?? nonEmpty(ctx.attributes?.working_directory) ?? null,
    files_modified,
    files_read: readOnlyPaths(session.events, files_modified),
    has_errors: session.events.some(isErrorEvent),
  };
}
