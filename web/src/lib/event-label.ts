import type { HailEvent } from '../../../src/hail/session.js';

export interface EventLabel {
  /** What happened, e.g. "Shell", "Edit", "Agent". */
  kind: string;
  /** What it happened to: a path, a command, a query. */
  detail?: string;
}

/** The headline of a timeline row. */
export function eventLabel(e: HailEvent): EventLabel {
  const t = e.event_type;
  switch (t.type) {
    case 'UserMessage':
      return { kind: 'User' };
    case 'AgentMessage':
      return { kind: 'Agent' };
    case 'SystemMessage':
      return { kind: 'System' };
    case 'Thinking':
      return { kind: 'Thinking' };
    case 'ToolCall':
      return { kind: 'Tool', detail: t.data.name };
    case 'ToolResult':
      return { kind: t.data.is_error ? 'Tool error' : 'Tool result', detail: t.data.name };
    case 'FileRead':
      return { kind: 'Read', detail: t.data.path };
    case 'FileEdit':
      return { kind: 'Edit', detail: t.data.path };
    case 'FileCreate':
      return { kind: 'Create', detail: t.data.path };
    case 'FileDelete':
      return { kind: 'Delete', detail: t.data.path };
    case 'ShellCommand':
      return { kind: 'Shell', detail: `$ ${t.data.command}` };
    case 'CodeSearch':
      return { kind: 'Search code', detail: t.data.query };
    case 'FileSearch':
      return { kind: 'Find files', detail: t.data.pattern };
    case 'WebSearch':
      return { kind: 'Web search', detail: t.data.query };
    case 'WebFetch':
      return { kind: 'Fetch', detail: t.data.url };
    case 'TaskStart':
      return { kind: 'Subagent started', detail: t.data.title };
    case 'TaskEnd':
      return { kind: 'Subagent finished' };
    case 'ImageGenerate':
      return { kind: 'Image', detail: t.data.prompt };
    case 'VideoGenerate':
      return { kind: 'Video', detail: t.data.prompt };
    case 'AudioGenerate':
      return { kind: 'Audio', detail: t.data.prompt };
    case 'Custom':
      return { kind: t.data.kind };
  }
}

/** `14:03:27` in the viewer's time zone, `--:--:--` when the timestamp does not parse. */
export function clockTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '--:--:--';
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
