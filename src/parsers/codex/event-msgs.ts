import type { ContentBlock } from '../../hail/content.js';
import { isRecord, num, str, titleFrom } from '../shared/text.js';
import type { CodexSink } from './sink.js';

type Obj = Record<string, unknown>;

/**
 * event_msg kinds that repeat what other lines already say (task boundaries, the plan
 * item that is also the assistant message, begin/end pairs of items we read elsewhere,
 * raw reasoning beside its summary...). Anything not listed and not handled below
 * becomes a Custom event.
 */
const REDUNDANT = new Set([
  'task_started',
  'task_complete',
  'turn_started',
  'turn_complete',
  'agent_reasoning_raw_content',
  'agent_reasoning_section_break',
  'context_compacted',
  'item_started',
  'item_completed',
  'exec_command_begin',
  'patch_apply_begin',
  'patch_apply_end',
  'mcp_tool_call_begin',
  'mcp_tool_call_end',
  'web_search_begin',
  'web_search_end',
  'turn_diff',
  'session_configured',
  'shutdown_complete',
  'background_event',
  'plan_update',
  'view_image_tool_call',
]);

const textBlock = (text: string): ContentBlock[] => (text.trim() ? [{ type: 'Text', text }] : []);

function userMessage(sink: CodexSink, msg: Obj): void {
  const text = str(msg.message) ?? '';
  const title = titleFrom(text);
  if (title && !sink.state.title) sink.state.title = title;
  const images = (Array.isArray(msg.images) ? msg.images : [])
    .filter((u): u is string => typeof u === 'string')
    .map((url): ContentBlock => ({ type: 'Image', url, mime: /^data:([^;,]+)/.exec(url)?.[1] ?? 'image/*' }));
  const blocks = [...textBlock(text), ...images];
  if (blocks.length) sink.mirror({ type: 'UserMessage' }, blocks, 'input');
}

function execEnd(sink: CodexSink, msg: Obj): void {
  const callId = str(msg.call_id);
  const code = num(msg.exit_code);
  if (callId && code !== undefined) {
    sink.state.exits[callId] = code;
    sink.shellExit(callId, code);
  }
}

function turnAborted(sink: CodexSink, msg: Obj): void {
  const reason = str(msg.reason) ?? 'unknown';
  sink.emit({ type: 'Custom', data: { kind: 'turn_aborted' } }, textBlock(`Turn aborted: ${reason}`), {
    role: 'input',
    attributes: { reason },
  });
}

function errorMsg(sink: CodexSink, msg: Obj): void {
  sink.emit({ type: 'Custom', data: { kind: 'error' } }, textBlock(str(msg.message) ?? 'error'), {
    role: 'other',
    attributes: { error: true },
  });
}

/** Turns one event_msg payload into events or reader state. */
export function readEventMsg(sink: CodexSink, msg: Obj): void {
  const type = str(msg.type) ?? 'unknown';
  switch (type) {
    case 'token_count':
      sink.tokenCount(msg.info);
      return;
    case 'user_message':
      userMessage(sink, msg);
      return;
    case 'agent_message':
      sink.mirror({ type: 'AgentMessage' }, textBlock(str(msg.message) ?? ''), 'model');
      return;
    case 'agent_reasoning':
      sink.mirror({ type: 'Thinking' }, textBlock(str(msg.text) ?? ''), 'model');
      return;
    case 'exec_command_end':
      execEnd(sink, msg);
      return;
    case 'turn_aborted':
      turnAborted(sink, msg);
      return;
    case 'error':
    case 'stream_error':
      errorMsg(sink, msg);
      return;
    default:
      if (!REDUNDANT.has(type)) sink.unknown(type, isRecord(msg) ? msg : {});
  }
}
