import type { HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { streamJsonFile } from '../shared/json-stream.js';
import { isRecord, tryParseJson } from '../shared/text.js';
import { MonotonicClock, toIso } from '../shared/time.js';
import { hasUsage, type Usage } from '../shared/usage.js';
import { addUsage, usageTarget } from '../shared/usage-merge.js';
import type { WarningSink } from '../shared/warnings.js';
import { ApiReqInfoSchema, type UiMessage, UiMessageSchema } from './schema.js';
import { type UiEventContext, uiMessageEvents } from './ui-events.js';

/** One model request as the UI recorded it (`api_req_started`): the source of token totals. */
export interface UiRequest {
  /** `conversationHistoryIndex` when the request started: the reply lands after it. */
  historyIndex?: number;
  ts: number;
  usage: Usage;
  cost?: number;
  model?: string;
  provider?: string;
}

/** Everything the parser needs from ui_messages.json, read in one streaming pass. */
export interface UiDigest {
  /** The UI timeline as events (usage not yet attached). */
  events: HailEvent[];
  /** Events grouped by the request they followed, for attaching that request's usage. */
  segments: { request?: UiRequest; events: HailEvent[] }[];
  requests: UiRequest[];
  /** Earliest UI time per conversationHistoryIndex (aligns API messages to real times). */
  tsByHistoryIndex: Map<number, number>;
  firstTs?: number;
  models: string[];
  providers: string[];
}

function requestOf(m: UiMessage): UiRequest | undefined {
  const info = ApiReqInfoSchema.safeParse(m.text ? tryParseJson(m.text) : undefined);
  if (!info.success) return undefined;
  const d = info.data;
  const usage = {
    input: d.tokensIn ?? 0,
    output: d.tokensOut ?? 0,
    cacheRead: d.cacheReads ?? 0,
    cacheCreation: d.cacheWrites ?? 0,
  };
  return {
    ts: m.ts,
    usage,
    ...(m.conversationHistoryIndex !== undefined ? { historyIndex: m.conversationHistoryIndex } : {}),
    ...(d.cost ? { cost: d.cost } : {}),
    ...(m.modelInfo?.modelId ? { model: m.modelInfo.modelId } : {}),
    ...(m.modelInfo?.providerId ? { provider: m.modelInfo.providerId } : {}),
  };
}

class UiDigestBuilder {
  readonly digest: UiDigest = {
    events: [],
    segments: [{ events: [] }],
    requests: [],
    tsByHistoryIndex: new Map(),
    models: [],
    providers: [],
  };
  private readonly clock = new MonotonicClock();
  private ctx: Omit<UiEventContext, 'id' | 'timestamp' | 'isFirst'> = {};

  add(index: number, raw: unknown, sink: WarningSink): void {
    const parsed = UiMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.unknown(index, raw, sink);
      return;
    }
    const m = parsed.data;
    this.note(m);
    const timestamp = this.clock.at(m.ts);
    if (m.say === 'api_req_started') {
      this.startRequest(m);
      return;
    }
    const events = uiMessageEvents(m, { ...this.ctx, id: `ui${index}`, timestamp, isFirst: index === 0 });
    this.track(m, events);
    this.digest.events.push(...events);
    this.digest.segments.at(-1)?.events.push(...events);
  }

  private note(m: UiMessage): void {
    const d = this.digest;
    d.firstTs ??= m.ts;
    const i = m.conversationHistoryIndex;
    if (i !== undefined && !(d.tsByHistoryIndex.get(i)! <= m.ts)) d.tsByHistoryIndex.set(i, m.ts);
    const model = m.modelInfo?.modelId;
    if (model && !d.models.includes(model)) d.models.push(model);
    const provider = m.modelInfo?.providerId;
    if (provider && !d.providers.includes(provider)) d.providers.push(provider);
  }

  private startRequest(m: UiMessage): void {
    const request = requestOf(m);
    if (!request) return;
    this.digest.requests.push(request);
    this.digest.segments.push({ request, events: [] });
  }

  private track(m: UiMessage, events: HailEvent[]): void {
    for (const e of events) if (e.event_type.type === 'ShellCommand') this.ctx.lastCommandId = e.event_id;
    if (m.say === 'completion_result' && m.text) this.ctx.lastCompletion = m.text.replace(/HAS_CHANGES\s*$/, '');
  }

  private unknown(index: number, raw: unknown, sink: WarningSink): void {
    sink.add('unknown-shape', `ui message ${index}: not a ClineMessage`);
    const ts = isRecord(raw) ? toIso(raw.ts) : undefined;
    const e = makeEvent({
      id: `ui${index}`,
      timestamp: this.clock.at(ts),
      type: { type: 'Custom', data: { kind: 'cline.unknown' } },
      blocks: [{ type: 'Json', data: raw }],
    });
    this.digest.events.push(e);
  }
}

export async function readUiMessages(path: string, sink: WarningSink): Promise<UiDigest> {
  const b = new UiDigestBuilder();
  for await (const item of streamJsonFile(path, sink)) {
    if (item.kind === 'element') b.add(item.index, item.value, sink);
  }
  return b.digest;
}

/**
 * The UI timeline as a session's events, each request's usage on the reply it produced (or,
 * for a request that left no reply, on an event of its own so totals stay whole).
 */
export function uiOnlyEvents(d: UiDigest): HailEvent[] {
  const extra: HailEvent[] = [];
  for (const [i, seg] of d.segments.entries()) {
    const r = seg.request;
    if (!r || !hasUsage(r.usage)) continue;
    const target = usageTarget(seg.events.filter((e) => e.event_type.type !== 'UserMessage'));
    if (target) applyRequest(target, r);
    else
      extra.push(
        requestEvent(`ui-request${i}`, seg.events[0]?.timestamp ?? toIso(r.ts) ?? '1970-01-01T00:00:00.000Z', r),
      );
  }
  if (!extra.length) return d.events;
  return [...d.events, ...extra];
}

/** Puts a request's usage (and cost, model) on an event. */
export function applyRequest(e: HailEvent, r: Pick<UiRequest, 'usage' | 'cost' | 'model'>): void {
  addUsage(e, r.usage);
  const attrs = e.attributes ?? {};
  if (r.cost) attrs.cost_usd = (typeof attrs.cost_usd === 'number' ? attrs.cost_usd : 0) + r.cost;
  if (r.model && attrs.model === undefined) attrs.model = r.model;
  e.attributes = attrs;
}

/** A request whose reply is not in the history: an event that carries only its usage. */
export function requestEvent(id: string, timestamp: string, r: UiRequest): HailEvent {
  const e = makeEvent({ id, timestamp, type: { type: 'Custom', data: { kind: 'cline.api_request' } } });
  applyRequest(e, r);
  return e;
}
