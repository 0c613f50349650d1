import type { ContentBlock } from '../../hail/content.js';
import type { HailEvent } from '../../hail/session.js';
import { classifyTool } from '../shared/classify.js';
import { isRecord, str } from '../shared/text.js';
import { event, type LineCtx } from './context.js';

/** Tools that spawn a subagent (renamed from Task to Agent in Claude Code 2.1). */
export const TASK_TOOLS = new Set(['Task', 'Agent']);

// Results of these change the call event in place: exit codes, applied diffs.
const LIVE_KINDS = new Set(['ShellCommand', 'FileEdit', 'FileCreate']);
const PROMPT_HEAD = 500;

export const promptHead = (text: string): string => text.trim().slice(0, PROMPT_HEAD);

function taskBlocks(input: Record<string, unknown>): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  const description = str(input.description);
  const prompt = str(input.prompt);
  if (description) blocks.push({ type: 'Text', text: description });
  if (prompt) blocks.push({ type: 'Text', text: prompt });
  return blocks;
}

/** A Task/Agent call: a ToolCall, remembered so its subagent's transcript can be linked to it. */
function taskCall(
  ctx: LineCtx,
  id: string,
  name: string,
  input: Record<string, unknown>,
  attrs: Record<string, unknown>,
): HailEvent {
  const agentType = str(input.subagent_type);
  const prompt = str(input.prompt);
  ctx.state.tasks.set(id, {
    id,
    ...(str(input.description) ? { description: str(input.description) } : {}),
    ...(agentType ? { agentType } : {}),
    ...(prompt ? { prompt: promptHead(prompt) } : {}),
  });
  if (agentType) attrs.subagent_type = agentType;
  return event(ctx, { id, type: { type: 'ToolCall', data: { name } }, blocks: taskBlocks(input), attributes: attrs });
}

/**
 * A `tool_use` (or server-side `server_tool_use`) block as a classified event whose id is
 * the call id, so its result pairs by `call_id`. MCP tools (`mcp__server__tool`) stay
 * ToolCalls under their full name.
 */
export function toolUseEvent(
  ctx: LineCtx,
  block: Record<string, unknown>,
  fallbackId: string,
  attrs: Record<string, unknown>,
): HailEvent {
  const id = str(block.id) || fallbackId;
  const name = str(block.name) || 'unknown';
  const input = isRecord(block.input) ? block.input : {};
  const path = str(input.file_path) ?? str(input.notebook_path) ?? str(input.path);
  ctx.state.tools.set(id, path ? { name, path } : { name });
  if (TASK_TOOLS.has(name)) return taskCall(ctx, id, name, input, attrs);
  const c = classifyTool(name, block.input);
  const e = event(ctx, { id, type: c.event_type, blocks: c.blocks, attributes: attrs });
  if (LIVE_KINDS.has(c.event_type.type)) ctx.live.set(id, e);
  return e;
}
