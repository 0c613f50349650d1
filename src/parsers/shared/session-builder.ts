import { contentText } from '../../hail/content.js';
import { HAIL_VERSION, type HailEvent, type Session } from '../../hail/session.js';
import { recomputeStats } from '../../hail/stats.js';
import { titleFrom } from './text.js';

export { sortByTime } from '../../hail/order.js';

/** What a parser knows about a session; buildSession fills in the rest consistently. */
export interface SessionDraft {
  tool: string;
  sessionId: string;
  provider?: string;
  model?: string;
  toolVersion?: string;
  title?: string;
  description?: string;
  events: HailEvent[];
  attributes?: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
  extraTags?: string[];
  relatedSessionIds?: string[];
}

/** Provider from a model name, for tools that only record the model. */
export function inferProvider(model: string | undefined): string {
  const m = (model ?? '').toLowerCase();
  if (m.includes('claude') || m.includes('anthropic')) return 'anthropic';
  if (/(^|[^a-z])(gpt|o1|o3|o4|codex|openai)/.test(m)) return 'openai';
  if (m.includes('gemini') || m.includes('google')) return 'google';
  if (m.includes('llama')) return 'meta';
  if (m.includes('deepseek')) return 'deepseek';
  if (m.includes('mistral') || m.includes('codestral')) return 'mistral';
  if (m.includes('grok')) return 'xai';
  if (m.includes('qwen')) return 'alibaba';
  return 'unknown';
}

/**
 * Event ids must be unique (validate rejects duplicates); tools reuse ids across
 * content parts, so later repeats get a `#n` suffix instead of being dropped.
 */
export function uniquifyEventIds(events: HailEvent[]): void {
  const seen = new Map<string, number>();
  for (const e of events) {
    const n = seen.get(e.event_id);
    if (n === undefined) {
      seen.set(e.event_id, 1);
      continue;
    }
    let k = n + 1;
    while (seen.has(`${e.event_id}#${k}`)) k++;
    seen.set(e.event_id, k);
    e.event_id = `${e.event_id}#${k}`;
    seen.set(e.event_id, 1);
  }
}

/** Stable sort by timestamp; events with unparseable times keep their neighbour's place. */
export function firstUserText(events: readonly HailEvent[]): string | undefined {
  for (const e of events) {
    if (e.event_type.type !== 'UserMessage') continue;
    const t = contentText(e.content).trim();
    if (t) return t;
  }
  return undefined;
}

function firstModel(events: readonly HailEvent[]): string | undefined {
  for (const e of events) {
    const m = e.attributes?.model;
    if (typeof m === 'string' && m) return m;
  }
  return undefined;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Turns a draft into a complete Session: ids, title, times, model, tags, stats. */
export function buildSession(d: SessionDraft): Session {
  uniquifyEventIds(d.events);
  const model = d.model ?? firstModel(d.events) ?? 'unknown';
  const first = d.events[0]?.timestamp;
  const last = d.events[d.events.length - 1]?.timestamp;
  const created = d.createdAt ?? first ?? d.updatedAt ?? EPOCH;
  const userText = firstUserText(d.events);
  const title = d.title ?? (userText ? titleFrom(userText) : undefined);
  return {
    version: HAIL_VERSION,
    session_id: d.sessionId,
    agent: {
      provider: d.provider ?? inferProvider(model),
      model,
      tool: d.tool,
      ...(d.toolVersion ? { tool_version: d.toolVersion } : {}),
    },
    context: {
      ...(title ? { title } : {}),
      ...(d.description ? { description: d.description } : {}),
      tags: [d.tool, ...(d.extraTags ?? [])],
      created_at: created,
      updated_at: d.updatedAt ?? last ?? created,
      ...(d.relatedSessionIds?.length ? { related_session_ids: d.relatedSessionIds } : {}),
      ...(d.attributes && Object.keys(d.attributes).length ? { attributes: d.attributes } : {}),
    },
    events: d.events,
    stats: recomputeStats(d.events),
  };
}
