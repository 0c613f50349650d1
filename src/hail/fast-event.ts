import type { HailEvent } from './session.js';

/**
 * A hand-written structural check equivalent to EventSchema, used on the read hot path:
 * zod costs ~2x a JSON.parse per line, and HAIL files reach gigabytes. When this returns
 * undefined the caller runs zod once to produce the precise error message.
 */
type FieldType = 'string' | 'boolean' | 'int';
type Fields = Record<string, readonly [FieldType, boolean]>; // [type, optional]

const S: readonly [FieldType, boolean] = ['string', false];
const S_OPT: readonly [FieldType, boolean] = ['string', true];

const EVENT_DATA: Record<string, Fields | null> = {
  UserMessage: null,
  AgentMessage: null,
  SystemMessage: null,
  Thinking: null,
  ToolCall: { name: S },
  ToolResult: { name: S, is_error: ['boolean', false], call_id: S_OPT },
  FileRead: { path: S },
  CodeSearch: { query: S },
  FileSearch: { pattern: S },
  FileEdit: { path: S, diff: S_OPT },
  FileCreate: { path: S },
  FileDelete: { path: S },
  ShellCommand: { command: S, exit_code: ['int', true] },
  ImageGenerate: { prompt: S },
  VideoGenerate: { prompt: S },
  AudioGenerate: { prompt: S },
  WebSearch: { query: S },
  WebFetch: { url: S },
  TaskStart: { title: S_OPT },
  TaskEnd: { summary: S_OPT },
  Custom: { kind: S },
};

const BLOCKS: Record<string, Fields | null> = {
  Text: { text: S },
  Code: { code: S, language: S_OPT, start_line: ['int', true] },
  Image: { url: S, alt: S_OPT, mime: S },
  Video: { url: S, mime: S },
  Audio: { url: S, mime: S },
  File: { path: S, content: S_OPT },
  Json: null, // data: unknown
  Reference: { uri: S, media_type: S },
};

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldOk(v: unknown, [type, optional]: readonly [FieldType, boolean]): boolean {
  if (v === undefined) return optional;
  if (type === 'string') return typeof v === 'string';
  if (type === 'boolean') return typeof v === 'boolean';
  return Number.isInteger(v);
}

function fieldsOk(o: Record<string, unknown>, fields: Fields): boolean {
  for (const k in fields) if (!fieldOk(o[k], fields[k]!)) return false;
  return true;
}

function eventTypeOk(t: unknown): boolean {
  if (!isObj(t) || typeof t.type !== 'string') return false;
  const fields = EVENT_DATA[t.type];
  if (fields === undefined) return false;
  return fields === null || (isObj(t.data) && fieldsOk(t.data, fields));
}

function blocksOk(content: unknown): boolean {
  if (!isObj(content) || !Array.isArray(content.blocks)) return false;
  for (const b of content.blocks) {
    if (!isObj(b) || typeof b.type !== 'string') return false;
    const fields = BLOCKS[b.type];
    if (fields === undefined || (fields !== null && !fieldsOk(b, fields))) return false;
  }
  return true;
}

/** The event of a parsed `{"type":"event",...}` line, or undefined if it is malformed. */
export function fastEvent(o: Record<string, unknown>): HailEvent | undefined {
  if (typeof o.event_id !== 'string' || typeof o.timestamp !== 'string') return undefined;
  if (!eventTypeOk(o.event_type) || !blocksOk(o.content)) return undefined;
  if (o.task_id !== undefined && typeof o.task_id !== 'string') return undefined;
  const d = o.duration_ms;
  if (d !== undefined && !(Number.isInteger(d) && (d as number) >= 0)) return undefined;
  if (o.attributes !== undefined && !isObj(o.attributes)) return undefined;
  const e: HailEvent = {
    event_id: o.event_id,
    timestamp: o.timestamp,
    event_type: o.event_type as HailEvent['event_type'],
    content: o.content as HailEvent['content'],
  };
  if (o.task_id !== undefined) e.task_id = o.task_id;
  if (d !== undefined) e.duration_ms = d as number;
  if (o.attributes !== undefined) e.attributes = o.attributes as Record<string, unknown>;
  return e;
}
