import type { HailEvent } from '../../hail/session.js';
import { ATTR } from '../../hail/session.js';
import { str } from '../shared/text.js';
import { event, type LineCtx } from './context.js';
import { tokenAttributes, usageKey } from './tokens.js';
import { toolUseEvent } from './tool-use.js';

type Rec = Record<string, unknown>;

/** Claude Code stamps its own notices (API errors, interruptions) with this pseudo-model. */
const SYNTHETIC = '<synthetic>';

function realModel(message: Rec): string | undefined {
  const m = str(message.model);
  return m && m !== SYNTHETIC ? m : undefined;
}

/**
 * Attributes every event of the line gets. API errors Claude Code shows as the assistant's
 * reply (`isApiErrorMessage`) stay AgentMessages, marked `error: true` with the error kind
 * and HTTP status, so the conversation reads as the user saw it and filters can find them.
 */
function baseAttributes(rec: Rec, model: string | undefined): Rec {
  const a: Rec = {};
  if (model) a[ATTR.model] = model;
  if (rec.isApiErrorMessage === true) {
    a[ATTR.error] = true;
    if (typeof rec.error === 'string') a.error_kind = rec.error;
    if (typeof rec.apiErrorStatus === 'number') a.api_error_status = rec.apiErrorStatus;
  }
  return a;
}

function blockEvent(ctx: LineCtx, b: Rec, i: number, attrs: Rec): HailEvent | undefined {
  const id = i === 0 ? ctx.uuid : `${ctx.uuid}:${i}`;
  switch (b.type) {
    case 'text':
      if (typeof b.text !== 'string' || !b.text.trim()) return undefined;
      return event(ctx, {
        id,
        type: { type: 'AgentMessage' },
        blocks: [{ type: 'Text', text: b.text }],
        attributes: attrs,
      });
    case 'thinking': {
      // Since 2.1 the thinking text is no longer stored (only its signature): an empty Thinking.
      const text = typeof b.thinking === 'string' ? b.thinking : '';
      return event(ctx, {
        id,
        type: { type: 'Thinking' },
        blocks: text ? [{ type: 'Text', text }] : [],
        attributes: attrs,
      });
    }
    case 'redacted_thinking':
      return event(ctx, { id, type: { type: 'Thinking' }, attributes: { ...attrs, redacted: true } });
    case 'tool_use':
    case 'server_tool_use':
      return toolUseEvent(ctx, b, id, attrs);
    default:
      if (typeof b.type === 'string' && b.type.endsWith('_tool_result')) return serverResult(ctx, b, id);
      return event(ctx, {
        id,
        type: { type: 'Custom', data: { kind: `assistant:${String(b.type)}` } },
        blocks: [{ type: 'Json', data: b }],
      });
  }
}

/** Results of server-side tools (web search, code execution) arrive inside the assistant turn. */
function serverResult(ctx: LineCtx, b: Rec, id: string): HailEvent {
  const callId = str(b.tool_use_id);
  const name = (callId && ctx.state.tools.get(callId)?.name) || String(b.type).replace(/_tool_result$/, '');
  const content = b.content as Rec | undefined;
  const isError = typeof content?.type === 'string' && content.type.endsWith('error');
  return event(ctx, {
    id: callId ? `${callId}:result` : id,
    type: {
      type: 'ToolResult',
      data: callId ? { name, is_error: isError, call_id: callId } : { name, is_error: isError },
    },
    blocks: [{ type: 'Json', data: b.content ?? null }],
  });
}

/** An `assistant` line: one API message's content blocks (usually one block per line). */
export function assistantLine(ctx: LineCtx, rec: Rec, message: Rec): void {
  const model = realModel(message);
  if (model) {
    (ctx.lane ?? ctx.stream).model ??= model;
    if (ctx.primary) ctx.state.meta.model ??= model;
  }
  const key = usageKey(rec, message);
  const seen = key !== undefined && ctx.state.usage.has(key);
  if (key && ctx.countUsage) ctx.state.usage.add(key);
  const msgKey = key ?? `line:${ctx.no}`;
  const tokens = ctx.countUsage ? tokenAttributes(message.usage) : undefined;
  ctx.tokens.line(msgKey, tokens, seen, (t) =>
    ctx.emit(
      event(ctx, {
        id: `${ctx.uuid}:usage`,
        type: { type: 'Custom', data: { kind: 'usage' } },
        attributes: { ...baseAttributes(rec, model), ...t },
      }),
    ),
  );
  const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
  if (!Array.isArray(content)) return;
  content.forEach((b: unknown, i) => {
    if (typeof b !== 'object' || b === null) return;
    const e = blockEvent(ctx, b as Rec, i, baseAttributes(rec, model));
    if (!e) return;
    ctx.tokens.offer(msgKey, e);
    ctx.emit(e);
  });
}
