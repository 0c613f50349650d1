import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import { editDiff } from './edit-diff.js';
import { detectLanguage } from './language.js';
import { isRecord, str } from './text.js';

export type ToolInput = Record<string, unknown>;

/**
 * Tool names used across agents, mapped to the HAIL kind they mean. Lower-cased keys;
 * parsers whose tools have other names map them first (or pass their own table).
 */
const KIND_BY_NAME: Record<string, EventType['type']> = {
  read: 'FileRead',
  read_file: 'FileRead',
  view: 'FileRead',
  readfile: 'FileRead',
  write: 'FileCreate',
  create: 'FileCreate',
  create_file: 'FileCreate',
  write_file: 'FileCreate',
  write_to_file: 'FileCreate',
  writefile: 'FileCreate',
  edit: 'FileEdit',
  multiedit: 'FileEdit',
  notebookedit: 'FileEdit',
  str_replace_editor: 'FileEdit',
  str_replace_based_edit_tool: 'FileEdit',
  replace_in_file: 'FileEdit',
  apply_diff: 'FileEdit',
  apply_patch: 'FileEdit',
  edit_file: 'FileEdit',
  insert_content: 'FileEdit',
  search_and_replace: 'FileEdit',
  replace: 'FileEdit',
  patch: 'FileEdit',
  delete_file: 'FileDelete',
  bash: 'ShellCommand',
  shell: 'ShellCommand',
  terminal: 'ShellCommand',
  exec_command: 'ShellCommand',
  execute_command: 'ShellCommand',
  run_terminal_cmd: 'ShellCommand',
  run_shell_command: 'ShellCommand',
  local_shell: 'ShellCommand',
  spawn_process: 'ShellCommand',
  grep: 'CodeSearch',
  search: 'CodeSearch',
  search_files: 'CodeSearch',
  grep_search: 'CodeSearch',
  codebase_search: 'CodeSearch',
  search_file_content: 'CodeSearch',
  find_references: 'CodeSearch',
  glob: 'FileSearch',
  find: 'FileSearch',
  file_search: 'FileSearch',
  list_files: 'FileSearch',
  list_directory: 'FileSearch',
  websearch: 'WebSearch',
  web_search: 'WebSearch',
  google_web_search: 'WebSearch',
  webfetch: 'WebFetch',
  web_fetch: 'WebFetch',
  fetch: 'WebFetch',
};

const PATH_KEYS = [
  'file_path',
  'path',
  'filePath',
  'file',
  'target_file',
  'notebook_path',
  'absolute_path',
  'filename',
];
const QUERY_KEYS = ['pattern', 'query', 'regex', 'search_term', 'content_pattern', 'q'];

function firstString(input: ToolInput, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = input[k];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

/** A shell command from `command`/`cmd`, given as a string or an argv array (`bash -lc X` -> X). */
export function commandOf(input: ToolInput): string | undefined {
  const c = input.command ?? input.cmd;
  if (typeof c === 'string') return c;
  if (Array.isArray(c) && c.every((p) => typeof p === 'string')) {
    const parts = c as string[];
    if (parts.length >= 3 && /(^|\/)(ba|z)?sh$/.test(parts[0] ?? '') && /^-\w*c$/.test(parts[1] ?? ''))
      return parts.slice(2).join(' ');
    return parts.join(' ');
  }
  return undefined;
}

export interface ClassifiedTool {
  event_type: EventType;
  blocks: ContentBlock[];
}

/** The diff an edit-like input describes, when it carries old/new text or a patch. */
function diffOf(path: string, input: ToolInput): string | undefined {
  const oldS = str(input.old_string) ?? str(input.old_str) ?? str(input.oldString);
  const newS = str(input.new_string) ?? str(input.new_str) ?? str(input.newString);
  if (oldS !== undefined || newS !== undefined) return editDiff(path, oldS ?? '', newS ?? '');
  if (Array.isArray(input.edits)) {
    return input.edits
      .filter(isRecord)
      .map((e) => editDiff(path, str(e.old_string) ?? '', str(e.new_string) ?? ''))
      .join('\n');
  }
  return str(input.diff) ?? str(input.patch);
}

/**
 * Maps a tool call to a HAIL event type and content, by tool name (case-insensitive,
 * MCP names `mcp__server__tool` stay ToolCall). `kindOverride` lets a parser force a kind
 * for names that mean something else in its tool.
 */
export function classifyTool(name: string, rawInput: unknown, kindOverride?: EventType['type']): ClassifiedTool {
  const input: ToolInput = isRecord(rawInput) ? rawInput : {};
  const kind = kindOverride ?? KIND_BY_NAME[name.toLowerCase()] ?? 'ToolCall';
  const path = firstString(input, PATH_KEYS);
  const json: ContentBlock = { type: 'Json', data: rawInput ?? {} };
  switch (kind) {
    case 'FileRead':
      return { event_type: { type: 'FileRead', data: { path: path ?? 'unknown' } }, blocks: [text(path)] };
    case 'FileCreate': {
      const content = str(input.content) ?? str(input.file_text) ?? str(input.text);
      const blocks: ContentBlock[] = [text(path)];
      if (content !== undefined) blocks.push({ type: 'Code', code: content, language: detectLanguage(path) });
      return { event_type: { type: 'FileCreate', data: { path: path ?? 'unknown' } }, blocks };
    }
    case 'FileEdit': {
      const p = path ?? 'unknown';
      const diff = diffOf(p, input);
      const blocks: ContentBlock[] = [text(path)];
      if (diff) blocks.push({ type: 'Code', code: diff, language: 'diff' });
      return { event_type: { type: 'FileEdit', data: diff ? { path: p, diff } : { path: p } }, blocks };
    }
    case 'FileDelete':
      return { event_type: { type: 'FileDelete', data: { path: path ?? 'unknown' } }, blocks: [text(path)] };
    case 'ShellCommand': {
      const command = commandOf(input) ?? '';
      // A call recorded before its arguments arrived (pending/cancelled) has no command;
      // validate rejects an empty ShellCommand, so it stays a plain ToolCall.
      if (!command) return { event_type: { type: 'ToolCall', data: { name } }, blocks: [json] };
      const blocks: ContentBlock[] = [];
      const description = str(input.description);
      if (description) blocks.push({ type: 'Text', text: description });
      blocks.push({ type: 'Code', code: command, language: 'bash' });
      return { event_type: { type: 'ShellCommand', data: { command } }, blocks };
    }
    case 'CodeSearch':
      return {
        event_type: { type: 'CodeSearch', data: { query: firstString(input, QUERY_KEYS) ?? '' } },
        blocks: [json],
      };
    case 'FileSearch':
      return {
        event_type: { type: 'FileSearch', data: { pattern: firstString(input, QUERY_KEYS) ?? path ?? '*' } },
        blocks: [json],
      };
    case 'WebSearch':
      return {
        event_type: { type: 'WebSearch', data: { query: firstString(input, QUERY_KEYS) ?? '' } },
        blocks: [json],
      };
    case 'WebFetch':
      return {
        event_type: { type: 'WebFetch', data: { url: str(input.url) ?? firstUrl(input.prompt) ?? '' } },
        blocks: [json],
      };
    default:
      return { event_type: { type: 'ToolCall', data: { name } }, blocks: [json] };
  }
}

/** Fetch tools that take a free-text prompt (Gemini's web_fetch) name their URL inside it. */
function firstUrl(v: unknown): string | undefined {
  return typeof v === 'string' ? /https?:\/\/[^\s)\]>"']+/.exec(v)?.[0] : undefined;
}

function text(path: string | undefined): ContentBlock {
  return { type: 'Text', text: path ?? '' };
}
