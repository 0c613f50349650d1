import type { ContentBlock } from '../../hail/content.js';
import { extractTagContent, isRecord, str } from '../shared/text.js';
import { toolResultContent } from '../shared/tool-result.js';
import { argsOf, callEvents, webSearchEvent } from './calls.js';
import { isFailure, toolOutputOf } from './output.js';
import { chatMessageItems } from './records.js';
import type { CodexSink } from './sink.js';

type Obj = Record<string, unknown>;

/**
 * Text Codex injects into the conversation as "user" input: the model sees it, the user
 * never typed it. It becomes a SystemMessage so titles and user counts stay honest.
 */
const CONTEXT_PREFIXES = [
  '<environment_context>',
  '<user_instructions>',
  '# AGENTS.md instructions for',
  '<INSTRUCTIONS>',
];
/** Written next to a `turn_aborted` event_msg, which is what we show. */
const ABORT_NOTE = '<turn_aborted>';

function imageBlock(p: Obj): ContentBlock | undefined {
  const url = str(p.image_url) ?? str(p.url);
  if (!url) return undefined;
  const mime = /^data:([^;,]+)/.exec(url)?.[1] ?? 'image/*';
  return { type: 'Image', url, mime };
}

function contentBlocks(content: unknown): { text: string; blocks: ContentBlock[] } {
  const parts = Array.isArray(content) ? content.filter(isRecord) : [];
  const texts: string[] = [];
  const images: ContentBlock[] = [];
  for (const p of parts) {
    const t = str(p.text) ?? str(p.refusal);
    if (t !== undefined) texts.push(t);
    else if (p.type === 'input_image') {
      const img = imageBlock(p);
      if (img) images.push(img);
    }
  }
  if (typeof content === 'string') texts.push(content);
  const text = texts.join('\n');
  return { text, blocks: [...(text.trim() ? [{ type: 'Text', text } as ContentBlock] : []), ...images] };
}

function message(sink: CodexSink, item: Obj): void {
  sink.itemsSeen();
  const { text, blocks } = contentBlocks(item.content);
  if (blocks.length === 0) return;
  const role = str(item.role);
  if (role === 'assistant') {
    sink.emit({ type: 'AgentMessage' }, blocks, { role: 'model' });
    return;
  }
  if (role !== 'user') {
    sink.emit({ type: 'SystemMessage' }, blocks, { role: 'input', attributes: { role } });
    return;
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith(ABORT_NOTE)) return;
  if (CONTEXT_PREFIXES.some((p) => trimmed.startsWith(p))) {
    const cwd = extractTagContent(trimmed, 'cwd');
    if (cwd && !sink.state.cwd) sink.state.cwd = cwd;
    sink.emit({ type: 'SystemMessage' }, blocks, { role: 'input', attributes: { role: 'context' } });
    return;
  }
  sink.emit({ type: 'UserMessage' }, blocks, { role: 'input' });
}

/** Summaries are what Codex shows; raw reasoning text only exists in older files. Encrypted content is skipped. */
function reasoning(sink: CodexSink, item: Obj): void {
  sink.itemsSeen();
  const pick = (v: unknown) =>
    (Array.isArray(v) ? v : [])
      .map((p) => (isRecord(p) ? str(p.text) : undefined))
      .filter((t): t is string => !!t?.trim());
  const summary = pick(item.summary);
  const texts = summary.length ? summary : pick(item.content);
  if (texts.length === 0) return;
  sink.emit({ type: 'Thinking' }, [{ type: 'Text', text: texts.join('\n\n') }], { role: 'model' });
}

const callIdOf = (item: Obj): string | undefined => str(item.call_id) ?? str(item.id);

function call(sink: CodexSink, name: string, args: unknown, callId: string | undefined): void {
  const attributes = callId ? { call_id: callId } : undefined;
  const events = callEvents(name, args).map((c) =>
    sink.emit(c.event_type, c.blocks, { role: 'model', ...(attributes ? { attributes } : {}) }),
  );
  const first = events[0];
  if (!first) return;
  const shell = first.event_type.type === 'ShellCommand' ? first : undefined;
  sink.openCall(callId, { id: first.event_id, name, kind: first.event_type.type }, shell);
}

function output(sink: CodexSink, item: Obj): void {
  const callId = callIdOf(item);
  const ref = sink.takeCall(callId);
  const out = toolOutputOf(item.output);
  const exits = sink.state.exits;
  const exitCode = out.exitCode ?? (callId ? exits[callId] : undefined);
  if (callId) delete exits[callId];
  if (callId && exitCode !== undefined && ref?.kind === 'ShellCommand') sink.shellExit(callId, exitCode);
  const name = ref?.name ?? 'unknown';
  const isError = isFailure({ ...out, ...(exitCode !== undefined ? { exitCode } : {}) });
  const attributes: Record<string, unknown> = {};
  if (callId) attributes.call_id = callId;
  if (exitCode !== undefined) attributes.exit_code = exitCode;
  sink.emit(
    { type: 'ToolResult', data: { name, is_error: isError, ...(ref ? { call_id: ref.id } : {}) } },
    toolResultContent(name, out.text),
    { role: 'input', attributes, ...(out.durationMs !== undefined ? { durationMs: out.durationMs } : {}) },
  );
}

function localShell(sink: CodexSink, item: Obj): void {
  const action = isRecord(item.action) ? item.action : {};
  call(sink, 'local_shell', { command: action.command, workdir: action.working_directory }, callIdOf(item));
}

/** Item types that carry nothing to show: /undo git snapshots and encrypted compaction state. */
const SILENT_ITEMS = new Set(['ghost_snapshot', 'compaction', 'compaction_summary']);

/** Turns one response item (any vintage) into events. */
export function readItem(sink: CodexSink, item: Obj): void {
  if (typeof item.type !== 'string') {
    if (typeof item.role === 'string') for (const i of chatMessageItems(item)) readItem(sink, i);
    else sink.unknown('item', item);
    return;
  }
  switch (item.type) {
    case 'message':
      message(sink, item);
      return;
    case 'reasoning':
      reasoning(sink, item);
      return;
    case 'function_call':
      call(sink, str(item.name) ?? 'unknown', argsOf(item.arguments), callIdOf(item));
      return;
    case 'custom_tool_call':
      call(sink, str(item.name) ?? 'unknown', item.input, callIdOf(item));
      return;
    case 'local_shell_call':
      localShell(sink, item);
      return;
    case 'web_search_call': {
      const c = webSearchEvent(item);
      sink.emit(c.event_type, c.blocks, { role: 'model' });
      return;
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
      output(sink, item);
      return;
    default:
      if (!SILENT_ITEMS.has(item.type)) sink.unknown(item.type, item);
  }
}
