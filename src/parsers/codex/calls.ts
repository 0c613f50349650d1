import type { ContentBlock } from '../../hail/content.js';
import { type PatchOp, parseApplyPatch } from '../shared/apply-patch.js';
import { type ClassifiedTool, classifyTool, commandOf } from '../shared/classify.js';
import { detectLanguage } from '../shared/language.js';
import { isRecord, str, tryParseJson } from '../shared/text.js';

/** Codex's names for its shell tool over the versions (the shared table knows the rest). */
const SHELL_NAMES = new Set(['shell', 'container.exec', 'local_shell', 'shell_command', 'exec_command']);

/** Function-call arguments are a JSON string; a bad one is kept as raw text. */
export function argsOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? {};
  const parsed = tryParseJson(raw);
  return parsed === undefined ? { arguments: raw } : parsed;
}

function patchEvent(op: PatchOp): ClassifiedTool {
  const label: ContentBlock = {
    type: 'Text',
    text: op.kind === 'update' && op.movePath ? `${op.path} -> ${op.movePath}` : op.path,
  };
  switch (op.kind) {
    case 'add':
      return {
        event_type: { type: 'FileCreate', data: { path: op.path } },
        blocks: [label, { type: 'Code', code: op.content, language: detectLanguage(op.path) }],
      };
    case 'delete':
      return { event_type: { type: 'FileDelete', data: { path: op.path } }, blocks: [label] };
    default:
      return {
        event_type: { type: 'FileEdit', data: { path: op.path, diff: op.diff } },
        blocks: [label, { type: 'Code', code: op.diff, language: 'diff' }],
      };
  }
}

/**
 * The patch an apply_patch call carries: the custom tool's raw input, the function's
 * `input`/`patch` argument, or (before apply_patch became a tool) a shell command
 * `["apply_patch", "<patch>"]` or a heredoc feeding one.
 */
function patchTextOf(name: string, args: unknown): string | undefined {
  if (typeof args === 'string') return args;
  if (!isRecord(args)) return undefined;
  if (name === 'apply_patch') return str(args.input) ?? str(args.patch);
  if (!SHELL_NAMES.has(name)) return undefined;
  const cmd = args.command ?? args.cmd;
  if (Array.isArray(cmd) && /^apply_?patch$/.test(String(cmd[0]))) return cmd.slice(1).map(String).join('\n');
  const text = commandOf(args);
  return text?.includes('*** Begin Patch') && /apply_?patch/.test(text) ? text : undefined;
}

/**
 * HAIL events for one tool call: one per file for patches, else the shared
 * classification (shell commands keep their argv-to-text rules).
 */
export function callEvents(name: string, args: unknown): ClassifiedTool[] {
  const patch = patchTextOf(name, args);
  if (patch !== undefined) {
    const ops = parseApplyPatch(patch);
    if (ops.length > 0) return ops.map(patchEvent);
  }
  const c = classifyTool(SHELL_NAMES.has(name) ? 'shell' : name, args);
  // A shell call without a command stays a ToolCall, under the name Codex gave it.
  if (c.event_type.type === 'ShellCommand' && !c.event_type.data.command) return [classifyTool(name, args, 'ToolCall')];
  if (c.event_type.type === 'ToolCall') c.event_type.data.name = name;
  return [c];
}

/** `web_search_call` items: a search, or opening/searching a page. */
export function webSearchEvent(item: Record<string, unknown>): ClassifiedTool {
  const action = isRecord(item.action) ? item.action : {};
  const url = str(action.url);
  const json: ContentBlock = { type: 'Json', data: action };
  if (url && action.type !== 'search') return { event_type: { type: 'WebFetch', data: { url } }, blocks: [json] };
  const query = str(action.query) ?? (Array.isArray(action.queries) ? action.queries.map(String).join(' | ') : '');
  return { event_type: { type: 'WebSearch', data: { query } }, blocks: [json] };
}
