import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import { type ClassifiedTool, classifyTool } from '../shared/classify.js';
import { isRecord, str } from '../shared/text.js';

/** toolFormerData.tool numbers of older builds that recorded no name. */
const TOOL_IDS: Record<number, string> = {
  3: 'grep_search',
  5: 'read_file',
  6: 'list_dir',
  7: 'edit_file',
  8: 'file_search',
  12: 'reapply',
  15: 'run_terminal_cmd',
  18: 'web_search',
};

/** Cursor's tool names (editor agent and CLI agent), by what they do. */
const KINDS: Record<string, EventType['type']> = {
  read_file: 'FileRead',
  read: 'FileRead',
  edit_file: 'FileEdit',
  search_replace: 'FileEdit',
  strreplace: 'FileEdit',
  reapply: 'FileEdit',
  multiedit: 'FileEdit',
  applypatch: 'FileEdit',
  editnotebook: 'FileEdit',
  write: 'FileCreate',
  delete_file: 'FileDelete',
  delete: 'FileDelete',
  run_terminal_cmd: 'ShellCommand',
  run_terminal_command_v2: 'ShellCommand',
  shell: 'ShellCommand',
  grep_search: 'CodeSearch',
  grep: 'CodeSearch',
  codebase_search: 'CodeSearch',
  semanticsearch: 'CodeSearch',
  file_search: 'FileSearch',
  glob_file_search: 'FileSearch',
  glob: 'FileSearch',
  web_search: 'WebSearch',
  websearch: 'WebSearch',
  webfetch: 'WebFetch',
};

export function toolName(t: { name?: string; tool?: number }): string {
  return t.name || (t.tool !== undefined ? (TOOL_IDS[t.tool] ?? `tool_${t.tool}`) : 'unknown_tool');
}

/** Cursor's argument names for what the shared classifier knows under other names. */
function withAliases(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  const alias = (to: string, from: string) => {
    if (out[to] === undefined && out[from] !== undefined) out[to] = out[from];
  };
  alias('path', 'relative_workspace_path');
  alias('path', 'target_directory');
  alias('content', 'contents');
  alias('pattern', 'glob_pattern');
  return out;
}

/** edit_file sends the edited region (with `// ... existing code ...` markers), not a diff. */
function codeEditBlock(input: Record<string, unknown>): ContentBlock[] {
  const code = str(input.code_edit);
  return code ? [{ type: 'Code', code }] : [];
}

export function classifyCursorTool(name: string, rawInput: unknown): ClassifiedTool {
  const input = isRecord(rawInput) ? withAliases(rawInput) : {};
  const c = classifyTool(name, input, KINDS[name.toLowerCase()]);
  if (c.event_type.type === 'FileEdit' && !c.event_type.data.diff)
    return { ...c, blocks: [...c.blocks, ...codeEditBlock(input)] };
  return c;
}

/** Statuses after which a tool call has (or will never get) a result. */
export const isFailed = (status: string | undefined): boolean =>
  status === 'error' || status === 'failed' || status === 'cancelled' || status === 'rejected';
