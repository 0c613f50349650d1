import type { ContentBlock } from '../../hail/content.js';
import { ATTR, type HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import { toolResultContent } from '../shared/tool-result.js';
import type { StoredMessage } from './schema.js';
import { classifyGooseTool } from './tools.js';

/** What the events of one message need from the rest of the session. */
export interface ContentCtx {
  /** Tool request id -> tool name, filled by requests, read by the responses that follow. */
  toolNames: Map<string, string>;
  model?: string;
  fallbackTs: string;
}

interface ItemCtx {
  id: string;
  ts: string;
  role: string;
  agentAttrs: Record<string, unknown>;
  ctx: ContentCtx;
}

function imageBlock(item: Record<string, unknown>): ContentBlock | undefined {
  const data = str(item.data);
  const mime = str(item.mimeType) ?? 'image/png';
  return data ? { type: 'Image', url: `data:${mime};base64,${data}`, mime } : undefined;
}

/** MCP content meant for the model: Goose often also sends a user-only copy of shell output. */
function forAssistant(items: unknown[]): Record<string, unknown>[] {
  const records = items.filter(isRecord);
  const audience = (i: Record<string, unknown>) => {
    const a = isRecord(i.annotations) ? i.annotations.audience : undefined;
    return Array.isArray(a) ? a : undefined;
  };
  const picked = records.filter((i) => audience(i)?.includes('assistant') ?? true);
  return picked.length ? picked : records;
}

function resultBlocks(tool: string, items: unknown[]): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  const texts: string[] = [];
  for (const i of forAssistant(items)) {
    if (i.type === 'image') {
      const img = imageBlock(i);
      if (img) blocks.push(img);
    } else if (i.type === 'resource' && isRecord(i.resource)) texts.push(str(i.resource.text) ?? '');
    else texts.push(str(i.text) ?? '');
  }
  return [...toolResultContent(tool, texts.filter(Boolean).join('\n')), ...blocks];
}

/** toolResult.value is a CallToolResult ({content, isError}) or, before 1.0, the content array itself. */
function toolResponse(item: Record<string, unknown>, c: ItemCtx): HailEvent {
  const id = str(item.id) ?? c.id;
  const name = c.ctx.toolNames.get(id) ?? 'unknown';
  const result = isRecord(item.toolResult) ? item.toolResult : {};
  const value = result.value;
  const items = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.content) ? value.content : [];
  const isError = result.status === 'error' || (isRecord(value) && value.isError === true);
  const blocks =
    result.status === 'error'
      ? [{ type: 'Text' as const, text: str(result.error) ?? 'error' }]
      : resultBlocks(name, items);
  return makeEvent({
    id: `${id}-result`,
    timestamp: c.ts,
    type: { type: 'ToolResult', data: { name, is_error: isError, call_id: id } },
    blocks,
  });
}

function toolRequest(item: Record<string, unknown>, c: ItemCtx): HailEvent {
  const id = str(item.id) ?? c.id;
  const call = isRecord(item.toolCall) ? item.toolCall : {};
  const value = isRecord(call.value) ? call.value : {};
  const name = str(value.name) ?? 'invalid_tool_call';
  c.ctx.toolNames.set(id, name);
  const { event_type, blocks } = classifyGooseTool(name, value.arguments ?? {});
  const error = call.status === 'error' ? { [ATTR.error]: str(call.error) ?? true } : {};
  return makeEvent({ id, timestamp: c.ts, type: event_type, blocks, attributes: { ...c.agentAttrs, ...error } });
}

function textEvent(text: string, c: ItemCtx): HailEvent[] {
  if (!text.trim()) return [];
  const user = c.role === 'user';
  return [
    makeEvent({
      id: c.id,
      timestamp: c.ts,
      type: { type: user ? 'UserMessage' : 'AgentMessage' },
      blocks: [{ type: 'Text', text }],
      attributes: user ? {} : c.agentAttrs,
    }),
  ];
}

function itemEvents(item: unknown, c: ItemCtx): HailEvent[] {
  if (!isRecord(item)) return [custom('unknown', item, c)];
  const type = str(item.type) ?? 'unknown';
  switch (type) {
    case 'text':
      return textEvent(str(item.text) ?? '', c);
    case 'image': {
      const img = imageBlock(item);
      const kind = c.role === 'user' ? 'UserMessage' : 'AgentMessage';
      return img ? [makeEvent({ id: c.id, timestamp: c.ts, type: { type: kind }, blocks: [img] })] : [];
    }
    case 'toolRequest':
    case 'frontendToolRequest':
      return [toolRequest(item, c)];
    case 'toolResponse':
      return [toolResponse(item, c)];
    case 'thinking': {
      const text = str(item.thinking) ?? '';
      if (!text.trim()) return [];
      return [
        makeEvent({
          id: c.id,
          timestamp: c.ts,
          type: { type: 'Thinking' },
          blocks: [{ type: 'Text', text }],
          attributes: c.agentAttrs,
        }),
      ];
    }
    case 'redactedThinking':
      return [
        makeEvent({
          id: c.id,
          timestamp: c.ts,
          type: { type: 'Thinking' },
          attributes: { ...c.agentAttrs, redacted: true },
        }),
      ];
    case 'systemNotification': {
      const blocks = str(item.msg) ? [{ type: 'Text' as const, text: str(item.msg) as string }] : [];
      return [makeEvent({ id: c.id, timestamp: c.ts, type: { type: 'SystemMessage' }, blocks })];
    }
    default:
      return [custom(type, item, c)];
  }
}

function custom(kind: string, item: unknown, c: ItemCtx): HailEvent {
  return makeEvent({
    id: c.id,
    timestamp: c.ts,
    type: { type: 'Custom', data: { kind: `goose.${kind}` } },
    blocks: [{ type: 'Json', data: item ?? null }],
  });
}

/** The events of one Goose message: one per content item, ids `<message>:<index>` unless the item has its own. */
export function messageEvents(sm: StoredMessage, ctx: ContentCtx): HailEvent[] {
  if (!('message' in sm))
    return [custom('unknown', sm.raw, { id: sm.key, ts: ctx.fallbackTs, role: '', agentAttrs: {}, ctx })];
  const m = sm.message;
  const ts = toIso(m.created) ?? ctx.fallbackTs;
  const agentAttrs: Record<string, unknown> = m.role !== 'user' && ctx.model ? { [ATTR.model]: ctx.model } : {};
  const events = m.content.flatMap((item, i) =>
    itemEvents(item, { id: `${sm.key}:${i}`, ts, role: m.role, agentAttrs, ctx }),
  );
  // Goose hides some messages from the user (context it injects for the model): keep, but mark them.
  if (m.metadata?.userVisible === false)
    for (const e of events) e.attributes = { ...e.attributes, user_visible: false };
  return events;
}
