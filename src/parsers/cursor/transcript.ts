import type { ContentBlock } from '../../hail/content.js';
import type { HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { jsonLines } from '../shared/json-lines.js';
import { extractTagContent, isRecord, str } from '../shared/text.js';
import { toolResultContent } from '../shared/tool-result.js';
import type { WarningSink } from '../shared/warnings.js';
import { classifyCursorTool } from './tools.js';

/** Cursor writes this where it withholds the model's reasoning. */
const REDACTED = '[REDACTED]';

/** Events of one transcript line; timestamps are filled in once the file's span is known. */
export interface LineEvents {
  line: number;
  events: HailEvent[];
}

interface Calls {
  byId: Map<string, { eventId: string; name: string; path?: string }>;
  /** Calls without ids, matched to results in order. */
  queue: { eventId: string; name: string; path?: string }[];
}

const PENDING_TS = '1970-01-01T00:00:00.000Z';

function blockText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((b) => (isRecord(b) ? (str(b.text) ?? '') : String(b))).join('\n');
  return '';
}

/** What the user typed: the inside of `<user_query>` when Cursor wrapped it with context. */
const userText = (t: string): string => (t.includes('<user_query>') ? (extractTagContent(t, 'user_query') ?? t) : t);

function assistantText(text: string, id: string): HailEvent[] {
  const out: HailEvent[] = [];
  if (text.includes(REDACTED))
    out.push(
      makeEvent({
        id: `${id}-thinking`,
        timestamp: PENDING_TS,
        type: { type: 'Thinking' },
        attributes: { redacted: true },
      }),
    );
  const rest = text.split(REDACTED).join('').trim();
  if (rest)
    out.push(
      makeEvent({ id, timestamp: PENDING_TS, type: { type: 'AgentMessage' }, blocks: [{ type: 'Text', text: rest }] }),
    );
  return out;
}

function toolUse(b: Record<string, unknown>, id: string, calls: Calls): HailEvent {
  const name = str(b.name) ?? 'unknown';
  const input = b.input ?? {};
  const { event_type, blocks } = classifyCursorTool(name, input);
  const eventId = str(b.id) ?? id;
  const path = isRecord(input) ? (str(input.path) ?? str(input.target_file)) : undefined;
  const entry = { eventId, name, ...(path ? { path } : {}) };
  if (str(b.id)) calls.byId.set(eventId, entry);
  else calls.queue.push(entry);
  return makeEvent({ id: eventId, timestamp: PENDING_TS, type: event_type, blocks });
}

function toolResult(b: Record<string, unknown>, id: string, calls: Calls): HailEvent {
  const useId = str(b.tool_use_id);
  const call = (useId ? calls.byId.get(useId) : undefined) ?? calls.queue.shift();
  const name = call?.name ?? 'unknown';
  const callId = call?.eventId ?? useId;
  return makeEvent({
    id,
    timestamp: PENDING_TS,
    type: { type: 'ToolResult', data: { name, is_error: b.is_error === true, ...(callId ? { call_id: callId } : {}) } },
    blocks: toolResultContent(name, blockText(b.content), call?.path),
  });
}

function custom(kind: string, data: unknown, id: string): HailEvent {
  return makeEvent({
    id,
    timestamp: PENDING_TS,
    type: { type: 'Custom', data: { kind: `cursor.${kind}` } },
    blocks: [{ type: 'Json', data }],
  });
}

function userLine(content: unknown[], id: string, calls: Calls): HailEvent[] {
  const texts: string[] = [];
  const out: HailEvent[] = [];
  content.forEach((b, i) => {
    if (!isRecord(b)) return;
    if (b.type === 'text') texts.push(userText(str(b.text) ?? ''));
    else if (b.type === 'tool_result') out.push(toolResult(b, `${id}:${i}`, calls));
    else out.push(custom(str(b.type) ?? 'unknown', b, `${id}:${i}`));
  });
  const text = texts.filter((t) => t.trim()).join('\n');
  const blocks: ContentBlock[] = text ? [{ type: 'Text', text }] : [];
  return blocks.length
    ? [makeEvent({ id, timestamp: PENDING_TS, type: { type: 'UserMessage' }, blocks }), ...out]
    : out;
}

function assistantLine(content: unknown[], id: string, calls: Calls): HailEvent[] {
  return content.flatMap((b, i): HailEvent[] => {
    if (!isRecord(b)) return [];
    const bid = `${id}:${i}`;
    if (b.type === 'text') return assistantText(str(b.text) ?? '', bid);
    if (b.type === 'tool_use') return [toolUse(b, bid, calls)];
    if (b.type === 'thinking') {
      const text = str(b.thinking) ?? str(b.text) ?? '';
      return text.trim()
        ? [makeEvent({ id: bid, timestamp: PENDING_TS, type: { type: 'Thinking' }, blocks: [{ type: 'Text', text }] })]
        : [];
    }
    return [custom(str(b.type) ?? 'unknown', b, bid)];
  });
}

/** Markers of turn boundaries: no content of their own. */
const MARKERS = new Set(['turn_ended', 'turn_started']);

function lineEvents(value: unknown, line: number, calls: Calls): HailEvent[] {
  const id = `l${line}`;
  if (!isRecord(value)) return [custom('unknown', value, id)];
  const message = isRecord(value.message) ? value.message : undefined;
  const raw = message?.content ?? value.content;
  const content = typeof raw === 'string' ? [{ type: 'text', text: raw }] : Array.isArray(raw) ? raw : undefined;
  if (value.role === 'user' && content) return userLine(content, id, calls);
  if (value.role === 'assistant' && content) return assistantLine(content, id, calls);
  const type = str(value.type);
  if (type && MARKERS.has(type)) return [];
  return [custom(type ?? str(value.role) ?? 'unknown', value, id)];
}

/** The events of a Cursor agent transcript, grouped by line (no timestamps in the format). */
export async function readTranscript(path: string, sink: WarningSink): Promise<LineEvents[]> {
  const calls: Calls = { byId: new Map(), queue: [] };
  const out: LineEvents[] = [];
  for await (const { value, line } of jsonLines(path, sink)) out.push({ line, events: lineEvents(value, line, calls) });
  return out;
}
