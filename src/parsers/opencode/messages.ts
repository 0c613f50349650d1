import type { ContentBlock } from '../../hail/content.js';
import { ATTR, type HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import { type MessageInfo, type OcMessage, type OcPart, type Part, toPart } from './schema.js';
import { toolEvents } from './tools.js';
import { usageAttrs } from './usage.js';

/** Bookkeeping parts: they carry no conversation content (step-finish usage is read in usage.ts). */
const SILENT = new Set(['step-start', 'step-finish', 'snapshot', 'patch']);

function messageModel(info: MessageInfo): string | undefined {
  const meta = info.metadata;
  const legacy = isRecord(meta) && isRecord(meta.assistant) ? str(meta.assistant.modelID) : undefined;
  return info.modelID ?? info.model?.modelID ?? legacy;
}

export function messageProvider(info: MessageInfo): string | undefined {
  const meta = info.metadata;
  const legacy = isRecord(meta) && isRecord(meta.assistant) ? str(meta.assistant.providerID) : undefined;
  return info.providerID ?? info.model?.providerID ?? legacy;
}

function messageTime(m: OcMessage, fallback: string): string {
  const meta = m.info.metadata;
  const legacy = isRecord(meta) && isRecord(meta.time) ? meta.time.created : undefined;
  return toIso(m.info.time?.created) ?? toIso(legacy) ?? toIso(m.rowTime) ?? fallback;
}

/** 0.1-era tool parts were AI SDK `tool-invocation`s: reshape them into today's tool part. */
function fromToolInvocation(raw: Record<string, unknown>): unknown {
  const inv = isRecord(raw.toolInvocation) ? raw.toolInvocation : {};
  const done = inv.state === 'result';
  return {
    id: str(inv.toolCallId),
    type: 'tool',
    tool: str(inv.toolName) ?? 'unknown',
    callID: str(inv.toolCallId),
    state: { status: done ? 'completed' : 'running', input: inv.args ?? {}, output: done ? inv.result : undefined },
  };
}

/** The parts of a message: from the part store, or inline in 0.1-era message files. */
function partsOf(m: OcMessage): OcPart[] {
  if (m.parts.length || !m.info.parts) return m.parts;
  return m.info.parts.map((raw) =>
    toPart(isRecord(raw) && raw.type === 'tool-invocation' ? fromToolInvocation(raw) : raw),
  );
}

function fileBlock(p: Part): ContentBlock {
  const mime = p.mime ?? 'application/octet-stream';
  if (p.url && mime.startsWith('image/'))
    return { type: 'Image', url: p.url, mime, ...(p.filename ? { alt: p.filename } : {}) };
  return { type: 'File', path: p.filename ?? p.url ?? 'file' };
}

interface PartCtx {
  id: string;
  ts: string;
  agentAttrs: Record<string, unknown>;
  role: string;
}

function customEvent(op: OcPart, ctx: PartCtx): HailEvent {
  const type = isRecord(op.raw) ? (str(op.raw.type) ?? 'unknown') : 'unknown';
  return makeEvent({
    id: ctx.id,
    timestamp: ctx.ts,
    type: { type: 'Custom', data: { kind: `opencode.${type}` } },
    blocks: [{ type: 'Json', data: op.raw }],
  });
}

/** Events of one part (user text is merged per message by the caller, not here). */
function partEvents(op: OcPart, ctx: PartCtx): HailEvent[] {
  const p = op.part;
  if (!p) return [customEvent(op, ctx)];
  if (SILENT.has(p.type)) return [];
  const at = { id: ctx.id, timestamp: ctx.ts };
  switch (p.type) {
    case 'text':
      if (!p.text?.trim()) return [];
      if (p.synthetic)
        return [makeEvent({ ...at, type: { type: 'SystemMessage' }, blocks: [{ type: 'Text', text: p.text }] })];
      return [
        makeEvent({
          ...at,
          type: { type: ctx.role === 'user' ? 'UserMessage' : 'AgentMessage' },
          blocks: [{ type: 'Text', text: p.text }],
          attributes: ctx.role === 'user' ? {} : ctx.agentAttrs,
        }),
      ];
    case 'reasoning':
      if (!p.text?.trim()) return [];
      return [
        makeEvent({
          ...at,
          type: { type: 'Thinking' },
          blocks: [{ type: 'Text', text: p.text }],
          attributes: ctx.agentAttrs,
        }),
      ];
    case 'tool':
      return toolEvents(p, { partId: ctx.id, fallbackTs: ctx.ts, attributes: ctx.agentAttrs });
    case 'file':
      return [
        makeEvent({
          ...at,
          type: { type: ctx.role === 'user' ? 'UserMessage' : 'AgentMessage' },
          blocks: [fileBlock(p)],
        }),
      ];
    case 'compaction':
      return [
        makeEvent({
          ...at,
          type: { type: 'SystemMessage' },
          blocks: [{ type: 'Text', text: 'Conversation compacted' }],
        }),
      ];
    default:
      return [customEvent(op, ctx)];
  }
}

function partCtx(op: OcPart, index: number, m: OcMessage, msgTs: string, agentAttrs: Record<string, unknown>): PartCtx {
  const p = op.part;
  const id = p?.id ?? `${m.info.id}-part-${index}`;
  const ts = toIso(p?.time?.start) ?? toIso(op.rowTime) ?? msgTs;
  return { id, ts, agentAttrs, role: m.info.role };
}

/** A user turn is one message: its typed text parts become one UserMessage. */
function userEvents(m: OcMessage, parts: OcPart[], msgTs: string): HailEvent[] {
  const typed = parts.filter((op) => op.part?.type === 'text' && !op.part.synthetic && !op.part.ignored);
  const text = typed
    .map((op) => op.part?.text ?? '')
    .filter((t) => t.trim())
    .join('\n');
  const files = parts.filter((op) => op.part?.type === 'file').map((op) => fileBlock(op.part as Part));
  const out: HailEvent[] = [];
  if (text || files.length) {
    const blocks: ContentBlock[] = [...(text ? [{ type: 'Text' as const, text }] : []), ...files];
    out.push(makeEvent({ id: m.info.id, timestamp: msgTs, type: { type: 'UserMessage' }, blocks }));
  }
  parts.forEach((op, i) => {
    if (typed.includes(op) || op.part?.type === 'file') return;
    out.push(...partEvents(op, partCtx(op, i, m, msgTs, {})));
  });
  return out;
}

function errorText(error: unknown): string {
  if (!isRecord(error)) return String(error);
  const data = isRecord(error.data) ? error.data : {};
  const msg = str(data.message) ?? str(error.message);
  const name = str(error.name) ?? 'Error';
  return msg ? `${name}: ${msg}` : name;
}

/** Usage belongs on the message's first reply text; failing that, on its first event. */
function attachUsage(events: HailEvent[], m: OcMessage, msgTs: string, agentAttrs: Record<string, unknown>): void {
  const usage = usageAttrs(m);
  if (!Object.keys(usage).length) return;
  const target = events.find((e) => e.event_type.type === 'AgentMessage') ?? events[0];
  if (target) {
    target.attributes = { ...target.attributes, ...usage };
    return;
  }
  const ts = toIso(m.info.time?.completed) ?? msgTs;
  events.push(
    makeEvent({
      id: `${m.info.id}-usage`,
      timestamp: ts,
      type: { type: 'AgentMessage' },
      attributes: { ...agentAttrs, ...usage },
    }),
  );
}

function assistantEvents(m: OcMessage, parts: OcPart[], msgTs: string): HailEvent[] {
  const model = messageModel(m.info);
  const agentAttrs: Record<string, unknown> = model ? { [ATTR.model]: model } : {};
  const events = parts.flatMap((op, i) => partEvents(op, partCtx(op, i, m, msgTs, agentAttrs)));
  if (m.info.error !== undefined && m.info.error !== null) {
    const ts = toIso(m.info.time?.completed) ?? msgTs;
    const blocks: ContentBlock[] = [{ type: 'Text', text: errorText(m.info.error) }];
    events.push(
      makeEvent({
        id: `${m.info.id}-error`,
        timestamp: ts,
        type: { type: 'AgentMessage' },
        blocks,
        attributes: { ...agentAttrs, [ATTR.error]: true },
      }),
    );
  }
  attachUsage(events, m, msgTs, agentAttrs);
  return events;
}

/** The HAIL events of one OpenCode message, in part order. */
export function messageEvents(m: OcMessage, fallbackTs: string): HailEvent[] {
  const msgTs = messageTime(m, fallbackTs);
  const parts = partsOf(m);
  return m.info.role === 'user' ? userEvents(m, parts, msgTs) : assistantEvents(m, parts, msgTs);
}
