/**
 * Before native tool calling (2025), Cline and its forks had the model write each tool call as
 * XML inside its text: `<read_file><path>a.ts</path></read_file>`, with `<thinking>` blocks
 * around it. This splits such a text into prose, thinking and tool calls, in order.
 */
export type TextPiece =
  | { kind: 'text'; text: string }
  | { kind: 'thinking'; text: string }
  | { kind: 'tool'; name: string; params: Record<string, string> };

const TOOL_NAMES = [
  'read_file',
  'write_to_file',
  'replace_in_file',
  'apply_diff',
  'insert_content',
  'search_and_replace',
  'execute_command',
  'search_files',
  'list_files',
  'list_code_definition_names',
  'codebase_search',
  'browser_action',
  'use_mcp_tool',
  'access_mcp_resource',
  'ask_followup_question',
  'attempt_completion',
  'plan_mode_respond',
  'act_mode_respond',
  'new_task',
  'switch_mode',
  'update_todo_list',
  'fetch_instructions',
  'load_mcp_documentation',
  'web_fetch',
  'web_search',
  'new_rule',
  'condense',
  'summarize_task',
  'report_bug',
];

const OPEN_TAG = new RegExp(`<(thinking|${TOOL_NAMES.join('|')})>`, 'g');
const PARAM_TAG = /<([a-z_][a-z0-9_]*)>/g;
/** Params that carry file contents or diffs, which may themselves contain `</tag>`-like text. */
const GREEDY_PARAMS = new Set(['content', 'diff', 'result', 'response', 'args']);

/** Strips the one newline Cline writes after an opening and before a closing tag. */
const trimTagNewlines = (s: string): string => s.replace(/^\r?\n/, '').replace(/\r?\n$/, '');

function parseParams(inner: string): Record<string, string> {
  const params: Record<string, string> = {};
  PARAM_TAG.lastIndex = 0;
  let m = PARAM_TAG.exec(inner);
  while (m) {
    const name = m[1]!;
    const start = m.index + m[0].length;
    const close = `</${name}>`;
    const end = GREEDY_PARAMS.has(name) ? inner.lastIndexOf(close) : inner.indexOf(close, start);
    const stop = end >= start ? end : inner.length;
    params[name] = trimTagNewlines(inner.slice(start, stop));
    PARAM_TAG.lastIndex = stop + (end >= start ? close.length : 0);
    m = PARAM_TAG.exec(inner);
  }
  return params;
}

function pushText(out: TextPiece[], text: string): void {
  const t = text.trim();
  if (t) out.push({ kind: 'text', text: t });
}

export function splitAssistantText(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  OPEN_TAG.lastIndex = 0;
  let from = 0;
  let m = OPEN_TAG.exec(text);
  while (m) {
    const name = m[1]!;
    const start = m.index + m[0].length;
    const close = `</${name}>`;
    const found = text.indexOf(close, start);
    // An interrupted response leaves the last tag open: it runs to the end of the text.
    const end = found === -1 ? text.length : found;
    pushText(out, text.slice(from, m.index));
    const inner = text.slice(start, end);
    if (name === 'thinking') {
      if (inner.trim()) out.push({ kind: 'thinking', text: inner.trim() });
    } else out.push({ kind: 'tool', name, params: parseParams(inner) });
    from = found === -1 ? text.length : end + close.length;
    OPEN_TAG.lastIndex = from;
    m = OPEN_TAG.exec(text);
  }
  pushText(out, text.slice(from));
  return out;
}
