import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str, tryParseJson } from '../shared/text.js';
import type { UiMessage } from './schema.js';
import { toolCallEvents } from './tools.js';

/** UI bookkeeping with no conversational content: dropped on purpose. */
const IGNORED = new Set([
  'api_req_started', // read separately, for usage
  'api_req_finished',
  'api_req_retried',
  'checkpoint_created',
  'deleted_api_reqs',
  'shell_integration_warning',
  'shell_integration_warning_with_suggestion',
  'info',
  'hook_status',
  'hook_output_stream',
  'load_mcp_documentation',
  'generate_explanation',
  'subagent_usage',
  'conditional_rules_applied',
  'mcp_notification',
  'resume_task',
  'resume_completed_task',
]);

const ERRORS = new Set([
  'error',
  'error_retry',
  'diff_error',
  'clineignore_error',
  'command_permission_denied',
  'api_req_failed',
  'mistake_limit_reached',
]);

/** ClineSayTool names mapped to the tool call that produced them, and the input it had. */
function sayToolCall(json: Record<string, unknown>): { name: string; input: Record<string, unknown> } {
  const path = str(json.path);
  const tool = str(json.tool) ?? 'tool';
  switch (tool) {
    case 'editedExistingFile':
      return { name: 'replace_in_file', input: { path, diff: json.diff } };
    case 'appliedDiff':
    case 'insertContent':
    case 'searchAndReplace':
      return { name: 'apply_diff', input: { path, diff: json.diff } };
    case 'newFileCreated':
      return { name: 'write_to_file', input: { path, content: json.content } };
    case 'fileDeleted':
      return { name: 'delete_file', input: { path } };
    case 'readFile':
      return { name: 'read_file', input: { path } };
    case 'listFilesTopLevel':
    case 'listFilesRecursive':
      return { name: 'list_files', input: { path } };
    case 'searchFiles':
      return { name: 'search_files', input: { path, regex: json.regex, file_pattern: json.filePattern } };
    case 'codebaseSearch':
      return { name: 'codebase_search', input: { query: json.query ?? json.regex } };
    case 'webFetch':
      return { name: 'web_fetch', input: { url: json.url ?? path } };
    case 'webSearch':
      return { name: 'web_search', input: { query: json.query ?? path } };
    default:
      return { name: tool, input: json };
  }
}

/** Results shown with the call (listings, search hits) are kept as the call's text. */
const SHOWS_RESULT = new Set(['list_files', 'search_files', 'codebase_search', 'list_code_definition_names']);

export interface UiEventContext {
  id: string;
  timestamp: string;
  /** The first message of a task is what the person asked. */
  isFirst: boolean;
  lastCommandId?: string;
  lastCompletion?: string;
}

const textBlocks = (t: string | undefined): ContentBlock[] => (t?.trim() ? [{ type: 'Text', text: t.trim() }] : []);

function imageBlocks(images: readonly unknown[] | undefined): ContentBlock[] {
  return (images ?? []).flatMap((u): ContentBlock[] => {
    if (typeof u !== 'string') return [];
    const mime = /^data:([^;,]+)/.exec(u)?.[1] ?? 'image/png';
    return [{ type: 'Image', url: u, mime }];
  });
}

/** Texts that are JSON in some versions and plain in others. */
const jsonField = (text: string | undefined, key: string): string | undefined => {
  const j = text ? tryParseJson(text) : undefined;
  return isRecord(j) ? str(j[key]) : text;
};

function followupText(text: string | undefined): string | undefined {
  const j = text ? tryParseJson(text) : undefined;
  if (!isRecord(j)) return text;
  const options = Array.isArray(j.options) ? j.options.map((o) => `- ${String(o)}`).join('\n') : '';
  return [str(j.question) ?? str(j.response) ?? '', options].filter(Boolean).join('\n\n');
}

function ev(
  c: UiEventContext,
  type: EventType,
  blocks: ContentBlock[],
  attributes?: Record<string, unknown>,
): HailEvent {
  return makeEvent({ id: c.id, timestamp: c.timestamp, type, blocks, ...(attributes ? { attributes } : {}) });
}

function toolEvents(c: UiEventContext, text: string | undefined): HailEvent[] {
  const json = text ? tryParseJson(text) : undefined;
  if (!isRecord(json)) return [ev(c, { type: 'ToolCall', data: { name: 'tool' } }, textBlocks(text))];
  const call = sayToolCall(json);
  const { events } = toolCallEvents({ id: c.id, name: call.name, input: call.input, timestamp: c.timestamp });
  const shown = str(json.content);
  if (shown && SHOWS_RESULT.has(call.name)) events[0]?.content.blocks.push({ type: 'Text', text: shown });
  return events;
}

function mcpCall(c: UiEventContext, text: string | undefined): HailEvent[] {
  const j = text ? tryParseJson(text) : undefined;
  const r = isRecord(j) ? j : {};
  const name = `mcp__${str(r.serverName) ?? 'server'}__${str(r.toolName) ?? str(r.uri) ?? 'tool'}`;
  const args = typeof r.arguments === 'string' ? (tryParseJson(r.arguments) ?? r.arguments) : r.arguments;
  return [ev(c, { type: 'ToolCall', data: { name } }, [{ type: 'Json', data: args ?? r }])];
}

/** Browser results carry a base64 screenshot: kept out, the logs and URL stay. */
function browserResult(c: UiEventContext, text: string | undefined): HailEvent[] {
  const j = text ? tryParseJson(text) : undefined;
  const { screenshot: _s, ...rest } = isRecord(j) ? j : { logs: text };
  return [
    ev(c, { type: 'ToolResult', data: { name: 'browser_action', is_error: false } }, [{ type: 'Json', data: rest }]),
  ];
}

const stripChangesFlag = (t: string | undefined): string | undefined => t?.replace(/HAS_CHANGES\s*$/, '');

function sayEvents(m: UiMessage, c: UiEventContext): HailEvent[] | undefined {
  const model = m.modelInfo?.modelId;
  const agent = (text: string | undefined) =>
    text?.trim() ? [ev(c, { type: 'AgentMessage' }, textBlocks(text), model ? { model } : undefined)] : [];
  switch (m.say) {
    case 'task':
    case 'user_feedback':
    case 'user_feedback_diff':
      return [ev(c, { type: 'UserMessage' }, [...textBlocks(m.text), ...imageBlocks(m.images)])];
    case 'text':
      if (c.isFirst) return [ev(c, { type: 'UserMessage' }, [...textBlocks(m.text), ...imageBlocks(m.images)])];
      return agent(m.text);
    case 'reasoning':
      return textBlocks(m.text ?? m.reasoning).length
        ? [ev(c, { type: 'Thinking' }, textBlocks(m.text ?? m.reasoning))]
        : [];
    case 'completion_result':
      return agent(stripChangesFlag(m.text));
    case 'tool':
      return toolEvents(c, m.text);
    case 'command':
      return m.text?.trim()
        ? toolCallEvents({
            id: c.id,
            name: 'execute_command',
            input: { command: m.text.trim() },
            timestamp: c.timestamp,
          }).events
        : [];
    case 'command_output':
      return commandOutput(c, m.text);
    case 'use_mcp_server':
      return mcpCall(c, m.text);
    case 'mcp_server_response':
      return [ev(c, { type: 'ToolResult', data: { name: 'mcp', is_error: false } }, textBlocks(m.text))];
    case 'browser_action_launch':
    case 'browser_action':
      return [ev(c, { type: 'ToolCall', data: { name: 'browser_action' } }, textBlocks(m.text))];
    case 'browser_action_result':
      return browserResult(c, m.text);
    case 'task_progress':
      return [ev(c, { type: 'Custom', data: { kind: 'cline.task_progress' } }, textBlocks(m.text))];
    case 'subagent':
    case 'use_subagents':
      return [ev(c, { type: 'ToolCall', data: { name: 'use_subagents' } }, textBlocks(m.text))];
    default:
      return undefined;
  }
}

function commandOutput(c: UiEventContext, text: string | undefined): HailEvent[] {
  if (!text?.trim()) return [];
  const data = { name: 'execute_command', is_error: false, ...(c.lastCommandId ? { call_id: c.lastCommandId } : {}) };
  return [ev(c, { type: 'ToolResult', data }, textBlocks(text))];
}

function askEvents(m: UiMessage, c: UiEventContext): HailEvent[] | undefined {
  const model = m.modelInfo?.modelId;
  const agent = (text: string | undefined) =>
    text?.trim() ? [ev(c, { type: 'AgentMessage' }, textBlocks(text), model ? { model } : undefined)] : [];
  switch (m.ask) {
    case 'followup':
      return agent(followupText(m.text));
    case 'plan_mode_respond':
    case 'act_mode_respond':
      return agent(jsonField(m.text, 'response'));
    case 'completion_result': {
      const t = stripChangesFlag(m.text);
      return t?.trim() && t.trim() !== c.lastCompletion?.trim() ? agent(t) : [];
    }
    case 'command':
      return sayEvents({ ...m, say: 'command' }, c);
    case 'command_output':
      return commandOutput(c, m.text);
    case 'tool':
      return toolEvents(c, m.text);
    case 'use_mcp_server':
      return mcpCall(c, m.text);
    case 'browser_action_launch':
      return [ev(c, { type: 'ToolCall', data: { name: 'browser_action' } }, textBlocks(m.text))];
    case 'new_task':
      return [ev(c, { type: 'ToolCall', data: { name: 'new_task' } }, textBlocks(jsonField(m.text, 'context')))];
    case 'use_subagents':
      return [ev(c, { type: 'ToolCall', data: { name: 'use_subagents' } }, textBlocks(m.text))];
    default:
      return undefined;
  }
}

/** Error texts are plain, JSON with a `message`, or (error_retry) the retry plan. */
function errorText(kind: string, text: string | undefined): string {
  const j = text ? tryParseJson(text) : undefined;
  if (kind === 'error_retry' && isRecord(j)) {
    const delay = j.delaySeconds ?? j.delaySec;
    return `API request failed; retry ${String(j.attempt ?? '?')} of ${String(j.maxAttempts ?? '?')}${delay !== undefined ? ` in ${String(delay)} s` : ''}`;
  }
  return (isRecord(j) ? str(j.message) : undefined) ?? text ?? '';
}

/** The HAIL events one UI message stands for (empty for bookkeeping). */
export function uiMessageEvents(m: UiMessage, c: UiEventContext): HailEvent[] {
  const kind = m.type === 'ask' ? m.ask : m.say;
  if (kind === undefined || IGNORED.has(kind)) return [];
  if (ERRORS.has(kind)) {
    const text = errorText(kind, m.text).trim() || kind;
    return [ev(c, { type: 'SystemMessage' }, textBlocks(text), { error: true, kind })];
  }
  const events = m.type === 'ask' ? askEvents(m, c) : sayEvents(m, c);
  if (events) return events;
  const data = m.text ? (tryParseJson(m.text) ?? m.text) : {};
  return [ev(c, { type: 'Custom', data: { kind: `cline.${kind}` } }, [{ type: 'Json', data }])];
}
