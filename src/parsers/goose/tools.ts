import type { EventType } from '../../hail/event-type.js';
import { type ClassifiedTool, classifyTool } from '../shared/classify.js';
import { isRecord, str } from '../shared/text.js';

/** Goose's developer extension edits files through one tool whose `command` says what it does. */
const TEXT_EDITOR: Record<string, EventType['type']> = {
  view: 'FileRead',
  write: 'FileCreate',
  create: 'FileCreate',
  str_replace: 'FileEdit',
  insert: 'FileEdit',
  undo_edit: 'FileEdit',
  edit: 'FileEdit',
};

const BY_TOOL: Record<string, EventType['type']> = {
  shell: 'ShellCommand',
  web_scrape: 'WebFetch',
  web_search: 'WebSearch',
};

/** The tool's own name without its extension prefix (`developer__shell` -> `shell`). */
function baseToolName(name: string): string {
  const i = name.lastIndexOf('__');
  return i === -1 ? name : name.slice(i + 2) || name;
}

function kindOf(base: string, input: unknown): EventType['type'] | undefined {
  if (base === 'text_editor') return TEXT_EDITOR[str(isRecord(input) ? input.command : undefined) ?? ''] ?? 'ToolCall';
  return BY_TOOL[base];
}

/** Classifies a Goose tool call; calls that stay generic keep the full extension-qualified name. */
export function classifyGooseTool(name: string, input: unknown): ClassifiedTool {
  const base = baseToolName(name);
  const c = classifyTool(base, input, kindOf(base, input));
  if (c.event_type.type !== 'ToolCall') return c;
  return { event_type: { type: 'ToolCall', data: { name } }, blocks: c.blocks };
}
