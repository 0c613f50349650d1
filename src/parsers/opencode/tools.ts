import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import { classifyTool } from '../shared/classify.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, num, str } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import { toolResultContent } from '../shared/tool-result.js';
import type { Part } from './schema.js';

/** OpenCode tool names whose meaning the shared table does not know. */
const KIND_OVERRIDES: Record<string, EventType['type']> = {
  list: 'FileSearch',
  codesearch: 'CodeSearch',
};

const FINISHED = new Set(['completed', 'error']);

interface ToolContext {
  partId: string;
  /** Fallback time (the part's or message's) when the tool state has none. */
  fallbackTs: string;
  attributes: Record<string, unknown>;
}

/** OpenCode's edit tools report the real unified diff in state.metadata.diff: prefer it. */
function withRealDiff(t: ReturnType<typeof classifyTool>, metadata: Record<string, unknown>) {
  const diff = str(metadata.diff);
  if (t.event_type.type !== 'FileEdit' || !diff) return t;
  const blocks = t.blocks.filter((b) => !(b.type === 'Code' && b.language === 'diff'));
  blocks.push({ type: 'Code', code: diff, language: 'diff' });
  return { event_type: { type: 'FileEdit' as const, data: { path: t.event_type.data.path, diff } }, blocks };
}

function withExitCode(t: ReturnType<typeof classifyTool>, metadata: Record<string, unknown>) {
  const exit = num(metadata.exit);
  if (t.event_type.type !== 'ShellCommand' || exit === undefined || !Number.isInteger(exit)) return t;
  return { ...t, event_type: { type: 'ShellCommand' as const, data: { ...t.event_type.data, exit_code: exit } } };
}

function outputText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  return JSON.stringify(v, null, 2);
}

function resultBlocks(tool: string, part: Part, input: unknown): ContentBlock[] {
  const state = part.state;
  if (state?.status === 'error') return [{ type: 'Text', text: outputText(state.error) || 'error' }];
  const path = isRecord(input) ? (str(input.filePath) ?? str(input.path)) : undefined;
  return toolResultContent(tool, outputText(state?.output), path);
}

/** A tool part: the classified call, plus its ToolResult once the tool finished. */
export function toolEvents(part: Part, ctx: ToolContext): HailEvent[] {
  const tool = part.tool ?? 'unknown';
  const state = part.state;
  const metadata = state?.metadata ?? {};
  const input = state?.input ?? {};
  const classified = withExitCode(
    withRealDiff(classifyTool(tool, input, KIND_OVERRIDES[tool.toLowerCase()]), metadata),
    metadata,
  );
  const start = toIso(state?.time?.start) ?? ctx.fallbackTs;
  const callId = `${ctx.partId}-call`;
  const call = makeEvent({
    id: callId,
    timestamp: start,
    type: classified.event_type,
    blocks: classified.blocks,
    attributes: {
      ...ctx.attributes,
      ...(part.callID ? { tool_call_id: part.callID } : {}),
      ...(state?.status ? { status: state.status } : {}),
      ...(state?.title ? { title: state.title } : {}),
    },
  });
  if (!FINISHED.has(state?.status ?? '')) return [call];
  const end = toIso(state?.time?.end) ?? start;
  const result = makeEvent({
    id: `${ctx.partId}-result`,
    timestamp: end,
    type: { type: 'ToolResult', data: { name: tool, is_error: state?.status === 'error', call_id: callId } },
    blocks: resultBlocks(tool, part, input),
    durationMs: Date.parse(end) - Date.parse(start),
  });
  return [call, result];
}
