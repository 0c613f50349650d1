import type { ContentBlock } from './content.js';
import type { EventType } from './event-type.js';
import type { HailEvent, Session, SessionContext } from './session.js';

/**
 * What a string is, so a mapper can treat it right: `data-url` strings are inline media
 * (base64) and `key` strings are object keys inside attributes or Json data.
 */
export type StringRole = 'text' | 'path' | 'url' | 'data-url' | 'key';

export interface StringSite {
  /** Where the string sits, relative to its event (or prefixed `context.`), e.g. `content.blocks[2].text`. */
  field: string;
  role: StringRole;
  event_id?: string;
  /** Nearest object key above a value in attributes or Json data (`"API_KEY": "…"` → `API_KEY`). */
  key?: string;
}

export type StringMapper = (value: string, site: StringSite) => string;

// Every other string field is visited, so a field added to the schema later is covered by
// default: for privacy, forgetting to skip is the safe failure, forgetting to visit is not.
const SKIPPED_FIELDS = new Set(['type', 'mime', 'media_type', 'language', 'call_id']);
const ROLE_BY_FIELD: Readonly<Record<string, StringRole>> = { path: 'path', url: 'url', uri: 'url' };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

interface Walk {
  fn: StringMapper;
  event_id?: string;
}

function childField(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

function visit(w: Walk, value: string, field: string, role: StringRole, key?: string): string {
  const site: StringSite = { field, role: value.startsWith('data:') ? 'data-url' : role };
  if (w.event_id !== undefined) site.event_id = w.event_id;
  if (key !== undefined) site.key = key;
  return w.fn(value, site);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Maps every string (values and keys) in free-form JSON: attributes and Json block data. */
function mapUnknown(w: Walk, v: unknown, field: string, key?: string): unknown {
  if (typeof v === 'string') return visit(w, v, field, 'text', key);
  // Array items inherit the key: `all_cwds[1]` is still a cwd.
  if (Array.isArray(v)) return v.map((x, i) => mapUnknown(w, x, `${field}[${i}]`, key));
  if (!isPlainObject(v)) return v;
  // fromEntries defines own properties, so a `__proto__` key stays data instead of a prototype.
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      const f = childField(field, k);
      return [visit(w, k, f, 'key'), mapUnknown(w, x, f, k)];
    }),
  );
}

/** Maps the string fields of a schema-typed record (event data, content block) by field name. */
function mapFields<T extends object>(w: Walk, obj: T, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const f = childField(prefix, k);
    if (typeof v === 'string') out[k] = SKIPPED_FIELDS.has(k) ? v : visit(w, v, f, ROLE_BY_FIELD[k] ?? 'text');
    else out[k] = mapUnknown(w, v, f);
  }
  // Only strings were replaced by strings: the variant and its shape are unchanged.
  return out as T;
}

function mapAttributes(w: Walk, attrs: Record<string, unknown> | undefined, field: string) {
  return attrs === undefined ? undefined : (mapUnknown(w, attrs, field) as Record<string, unknown>);
}

function mapEventType(w: Walk, t: EventType): EventType {
  return 'data' in t ? ({ ...t, data: mapFields(w, t.data, 'event_type.data') } as EventType) : { ...t };
}

function mapEvent(fn: StringMapper, e: HailEvent): HailEvent {
  const w: Walk = { fn, event_id: e.event_id };
  const out: HailEvent = {
    ...e,
    event_type: mapEventType(w, e.event_type),
    content: { blocks: e.content.blocks.map((b, i) => mapFields<ContentBlock>(w, b, `content.blocks[${i}]`)) },
  };
  if (e.attributes !== undefined) out.attributes = mapAttributes(w, e.attributes, 'attributes');
  return out;
}

function mapContext(fn: StringMapper, c: SessionContext): SessionContext {
  const w: Walk = { fn };
  const out: SessionContext = { ...c, tags: c.tags.map((t, i) => visit(w, t, `context.tags[${i}]`, 'text')) };
  if (c.title !== undefined) out.title = visit(w, c.title, 'context.title', 'text');
  if (c.description !== undefined) out.description = visit(w, c.description, 'context.description', 'text');
  if (c.related_session_ids !== undefined) out.related_session_ids = [...c.related_session_ids];
  if (c.attributes !== undefined) out.attributes = mapAttributes(w, c.attributes, 'context.attributes');
  return out;
}

/**
 * A new session whose free-text strings went through `fn`: event data, content blocks
 * (Json data recursively, keys included), attributes, and context title, description, tags
 * and attributes. Ids, timestamps, agent and stats are copied unchanged. The input is never
 * mutated and shares no plain object or array with the result.
 */
export function mapSessionStrings(session: Session, fn: StringMapper): Session {
  return {
    ...session,
    agent: { ...session.agent },
    context: mapContext(fn, session.context),
    events: session.events.map((e) => mapEvent(fn, e)),
    stats: { ...session.stats },
  };
}
