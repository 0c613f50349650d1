import { contentText } from '../hail/content.js';
import { eventPath } from '../hail/event-type.js';
import { ATTR, type HailEvent } from '../hail/session.js';
import { stripTerminalEscapes } from '../hail/terminal-safe.js';

/** Stored text is cut short (the archive keeps the whole event); FTS sees a longer slice. */
export const STORED_TEXT_CHARS = 4000;
export const INDEXED_TEXT_CHARS = 32_000;

export interface EventRow {
  event_id: string;
  ts: string;
  kind: string;
  tool_name: string | null;
  path: string | null;
  task_id: string | null;
  /** Full searchable text (cut to INDEXED_TEXT_CHARS). */
  text: string;
  usage: UsageRow | null;
}

export interface UsageRow {
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0);

/** The event's own headline text: the command, query or URL it is about. */
function headline(e: HailEvent): string {
  const t = e.event_type;
  switch (t.type) {
    case 'ShellCommand':
      return t.data.command;
    case 'CodeSearch':
    case 'WebSearch':
      return t.data.query;
    case 'FileSearch':
      return t.data.pattern;
    case 'WebFetch':
      return t.data.url;
    case 'TaskStart':
      return t.data.title ?? '';
    case 'TaskEnd':
      return t.data.summary ?? '';
    case 'ImageGenerate':
    case 'VideoGenerate':
    case 'AudioGenerate':
      return t.data.prompt;
    default:
      return '';
  }
}

function usageOf(e: HailEvent, sessionModel: string): UsageRow | null {
  const a = e.attributes;
  if (!a) return null;
  const u: UsageRow = {
    model: typeof a[ATTR.model] === 'string' ? (a[ATTR.model] as string) : sessionModel,
    input_tokens: n(a[ATTR.inputTokens]),
    output_tokens: n(a[ATTR.outputTokens]),
    cache_read_tokens: n(a[ATTR.cacheReadTokens]),
    cache_creation_tokens: n(a[ATTR.cacheCreationTokens]),
  };
  return u.input_tokens || u.output_tokens || u.cache_read_tokens || u.cache_creation_tokens ? u : null;
}

const HAS_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;

export function eventRow(e: HailEvent, sessionModel: string): EventRow {
  const t = e.event_type;
  const head = headline(e);
  const body = contentText(e.content);
  const joined = head && !body.startsWith(head) ? `${head}\n${body}` : body;
  // Escape sequences are noise to search and would surface, cut in half, in snippets.
  const text = HAS_CONTROLS.test(joined) ? stripTerminalEscapes(joined) : joined;
  return {
    event_id: e.event_id,
    ts: e.timestamp,
    kind: t.type,
    tool_name: t.type === 'ToolCall' || t.type === 'ToolResult' ? t.data.name : null,
    path: eventPath(t) ?? null,
    task_id: e.task_id ?? null,
    text: text.length > INDEXED_TEXT_CHARS ? text.slice(0, INDEXED_TEXT_CHARS) : text,
    usage: usageOf(e, sessionModel),
  };
}
