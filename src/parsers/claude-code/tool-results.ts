import type { ContentBlock } from '../../hail/content.js';
import type { HailEvent } from '../../hail/session.js';
import { detectLanguage } from '../shared/language.js';
import { isRecord, num, str } from '../shared/text.js';
import { toolResultContent } from '../shared/tool-result.js';
import { type ResultParts, resultParts } from './blocks.js';
import { event, type LineCtx } from './context.js';
import { structuredPatchDiff } from './structured-patch.js';
import { TASK_TOOLS } from './tool-use.js';

type Rec = Record<string, unknown>;

const SUMMARY_HEAD = 300;
const EXIT_CODE = /^(?:Error: )?Exit code (\d+)/;

/** Read results carry the file itself in toolUseResult.file: no line-number stripping needed. */
function readBlocks(tur: Rec | undefined, path: string | undefined): ContentBlock[] | undefined {
  const file = isRecord(tur?.file) ? tur.file : undefined;
  const code = str(file?.content);
  if (code === undefined || tur?.type !== 'text') return undefined;
  const filePath = str(file?.filePath) ?? path;
  const start = num(file?.startLine);
  return [
    {
      type: 'Code',
      code,
      language: detectLanguage(filePath),
      ...(start !== undefined && start >= 0 ? { start_line: start } : {}),
    },
  ];
}

function resultBlocks(
  name: string,
  parts: ResultParts,
  tur: Rec | undefined,
  path: string | undefined,
): ContentBlock[] {
  const { text, media } = parts;
  const blocks = (name === 'Read' ? readBlocks(tur, path) : undefined) ?? toolResultContent(name, text, path);
  return media.length ? [...blocks, ...media] : blocks;
}

/** Bash results reveal the exit code only as text ("Exit code 2"); never guessed otherwise. */
function shellOutcome(
  text: string,
  isError: boolean,
  tur: Rec | undefined,
  attrs: Rec,
  call: HailEvent | undefined,
): void {
  if (tur?.interrupted === true) attrs.interrupted = true;
  const m = isError ? EXIT_CODE.exec(text.slice(0, 40)) : null;
  if (!m) return;
  const code = Number(m[1]);
  attrs.exit_code = code;
  if (call?.event_type.type === 'ShellCommand') call.event_type.data.exit_code = code;
}

/** The applied patch replaces the old/new-string diff on the Edit/Write call event. */
function applyPatch(call: HailEvent, tur: Rec): void {
  const t = call.event_type;
  if (t.type !== 'FileEdit' && t.type !== 'FileCreate') return;
  const path = str(tur.filePath) ?? t.data.path;
  if (t.type === 'FileCreate' && tur.type !== 'update') return;
  const diff = structuredPatchDiff(path, tur.structuredPatch);
  if (!diff) return;
  call.event_type = { type: 'FileEdit', data: { path, diff } };
  const code: ContentBlock = { type: 'Code', code: diff, language: 'diff' };
  const blocks = call.content.blocks.filter((b) => b.type === 'Text');
  call.content = { blocks: [...blocks, code] };
}

/** A Task's result names the subagent it ran (2.1+) and gives the lane's summary. */
function noteTaskResult(ctx: LineCtx, callId: string, text: string, tur: Rec | undefined): void {
  const task = ctx.state.tasks.get(callId);
  if (!task) return;
  const head = text.trim().slice(0, SUMMARY_HEAD);
  if (head) task.summary = head;
  const agentId = str(tur?.agentId);
  if (agentId) task.agentId = agentId;
}

/**
 * One `tool_result` block as a ToolResult paired to its call by `call_id`. `tur` is the
 * line's `toolUseResult`, given only when the line holds this one result.
 */
export function toolResultEvent(ctx: LineCtx, block: Rec, tur: Rec | undefined, fallbackId: string): HailEvent {
  const callId = str(block.tool_use_id) ?? '';
  const ref = callId ? ctx.state.tools.get(callId) : undefined;
  const name = ref?.name ?? 'unknown';
  const isError = block.is_error === true;
  const attrs: Rec = {};
  const parts = resultParts(block.content);
  const call = ctx.live.get(callId);
  ctx.live.delete(callId);
  if (name === 'Bash') shellOutcome(parts.text, isError, tur, attrs, call);
  else if (call && tur && !isError) applyPatch(call, tur);
  if (TASK_TOOLS.has(name)) noteTaskResult(ctx, callId, parts.text, tur);
  const durationMs = num(tur?.totalDurationMs) ?? num(tur?.durationMs);
  return event(ctx, {
    id: callId ? `${callId}:result` : fallbackId,
    type: {
      type: 'ToolResult',
      data: callId ? { name, is_error: isError, call_id: callId } : { name, is_error: isError },
    },
    blocks: resultBlocks(name, parts, tur, ref?.path),
    ...(Object.keys(attrs).length ? { attributes: attrs } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  });
}
