import type { HailEvent } from '../../hail/session.js';
import { classifyTool, type ToolInput } from '../shared/classify.js';
import { editDiff } from '../shared/edit-diff.js';
import { makeEvent } from '../shared/event.js';
import { searchReplaceDiff } from '../shared/search-replace.js';
import { isRecord, str, tryParseJson } from '../shared/text.js';

/** A call waiting for its result in the next user turn (results come back as text, in order). */
export interface PendingCall {
  name: string;
  eventId: string;
  path?: string;
  /** Message-like tools (attempt_completion...) are answered by the user, not by a tool. */
  answeredByUser: boolean;
}

export interface ToolCall {
  id: string;
  name: string;
  input: ToolInput;
  timestamp: string;
  model?: string;
}

/** Tools whose "call" is really the agent speaking: the param that holds the words. */
const MESSAGE_TOOLS: Record<string, string> = {
  attempt_completion: 'result',
  ask_followup_question: 'question',
  plan_mode_respond: 'response',
  act_mode_respond: 'response',
};

/** First `<tag>…</tag>` of a Roo multi-file `args` XML string. */
const xmlValue = (xml: string, tag: string): string | undefined =>
  new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1]?.trim();

/** Fills `path`/`diff` from the shapes Roo Code and Kilo Code use for multi-file tools. */
function rooArgs(input: ToolInput): ToolInput {
  const out = { ...input };
  // Newer Cline names the file `absolutePath`.
  out.path ??= str(input.absolutePath);
  if (typeof input.args === 'string') {
    out.path ??= xmlValue(input.args, 'path');
    out.diff ??= xmlValue(input.args, 'content') ?? xmlValue(input.args, 'diff');
  }
  if (Array.isArray(input.files) && isRecord(input.files[0])) out.path ??= str(input.files[0].path);
  return out;
}

/** Cline's inputs rewritten to what classifyTool reads (unified diffs, old/new strings). */
function normalizeInput(name: string, raw: ToolInput): { name: string; input: ToolInput } {
  const { task_progress: _progress, ...rest } = raw;
  const input = rooArgs(rest);
  const path = str(input.path) ?? '';
  switch (name) {
    case 'replace_in_file':
    case 'apply_diff': {
      const diff = str(input.diff);
      const unified = diff && /^(---|@@)/m.test(diff) && !/SEARCH\s*$/m.test(diff) ? diff : undefined;
      return { name, input: { ...input, diff: diff ? (searchReplaceDiff(path, diff) ?? unified) : undefined } };
    }
    case 'search_and_replace':
      return { name, input: { ...input, old_string: str(input.search) ?? '', new_string: str(input.replace) ?? '' } };
    case 'insert_content':
      return { name, input: { ...input, diff: editDiff(path, '', str(input.content) ?? '') } };
    case 'use_mcp_tool': {
      const args =
        typeof input.arguments === 'string' ? (tryParseJson(input.arguments) ?? input.arguments) : input.arguments;
      return { name: `mcp__${str(input.server_name) ?? 'server'}__${str(input.tool_name) ?? 'tool'}`, input: { args } };
    }
    default:
      return { name, input };
  }
}

/** Options of ask_followup_question, as a JSON array string or `<option>` XML. */
function optionsText(v: unknown): string {
  const list = Array.isArray(v)
    ? v
    : typeof v === 'string'
      ? (tryParseJson(v) ?? v.match(/<option>[\s\S]*?<\/option>/g))
      : undefined;
  if (!Array.isArray(list)) return '';
  const items = list
    .map((o) =>
      String(o)
        .replace(/<\/?option>/g, '')
        .trim(),
    )
    .filter(Boolean);
  return items.length ? `\n\n${items.map((o) => `- ${o}`).join('\n')}` : '';
}

function messageToolEvents(c: ToolCall, param: string): { events: HailEvent[]; pending: PendingCall[] } {
  const words = (str(c.input[param]) ?? '') + (c.name === 'ask_followup_question' ? optionsText(c.input.options) : '');
  const attrs = { tool: c.name, ...(c.model ? { model: c.model } : {}) };
  const events = [
    makeEvent({
      id: c.id,
      timestamp: c.timestamp,
      type: { type: 'AgentMessage' },
      blocks: textOf(words),
      attributes: attrs,
    }),
  ];
  const pending: PendingCall[] = [{ name: c.name, eventId: c.id, answeredByUser: true }];
  const command = str(c.input.command);
  if (command) {
    const id = `${c.id}.cmd`;
    const t = classifyTool('execute_command', { command });
    events.push(makeEvent({ id, timestamp: c.timestamp, type: t.event_type, blocks: t.blocks }));
    pending.push({ name: 'execute_command', eventId: id, answeredByUser: false });
  }
  return { events, pending };
}

const textOf = (t: string) => (t.trim() ? [{ type: 'Text' as const, text: t.trim() }] : []);

/** The events of one tool call, and what its result will be matched against. */
export function toolCallEvents(c: ToolCall): { events: HailEvent[]; pending: PendingCall[] } {
  const param = MESSAGE_TOOLS[c.name];
  if (param) return messageToolEvents(c, param);
  const n = normalizeInput(c.name, c.input);
  const t = classifyTool(n.name, n.input, c.name === 'codebase_search' ? 'CodeSearch' : undefined);
  const path = str(n.input.path);
  const event = makeEvent({ id: c.id, timestamp: c.timestamp, type: t.event_type, blocks: t.blocks });
  return {
    events: [event],
    pending: [{ name: c.name, eventId: c.id, answeredByUser: false, ...(path ? { path } : {}) }],
  };
}
