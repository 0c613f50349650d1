import type { HailEvent } from '../../hail/session.js';
import { type ClassifiedTool, classifyTool } from '../shared/classify.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { toolResultContent } from '../shared/tool-result.js';
import { functionResponses, responseText } from './parts.js';

type Obj = Record<string, unknown>;

/** Gives a time to each event of one message, never earlier than the one before it. */
export interface Stamp {
  at(raw: unknown): string;
}

const EXIT_CODE = /^Exit Code: (-?\d+)$/m;

/**
 * write_file and replace record the real diff they applied in `resultDisplay`
 * (`{fileDiff, originalContent, newContent}`): a write over an existing file is an edit.
 */
function withDisplayedDiff(c: ClassifiedTool, name: string, display: unknown): ClassifiedTool {
  if (!isRecord(display) || typeof display.fileDiff !== 'string') return c;
  const diff = display.fileDiff;
  const t = c.event_type;
  const path = t.type === 'FileCreate' || t.type === 'FileEdit' ? t.data.path : undefined;
  if (!path) return c;
  const overwrote =
    name === 'write_file' && typeof display.originalContent === 'string' && display.originalContent !== '';
  if (t.type !== 'FileEdit' && !overwrote) return c;
  return {
    event_type: { type: 'FileEdit', data: { path, diff } },
    blocks: [
      { type: 'Text', text: path },
      { type: 'Code', code: diff, language: 'diff' },
    ],
  };
}

function classify(tc: Obj, name: string): ClassifiedTool {
  const args = isRecord(tc.args) ? tc.args : {};
  const c = withDisplayedDiff(classifyTool(name, args), name, tc.resultDisplay);
  if (c.event_type.type === 'ShellCommand' && !c.event_type.data.command) return classifyTool(name, args, 'ToolCall');
  return c;
}

function resultEvent(tc: Obj, call: HailEvent, name: string, ts: string): HailEvent | undefined {
  const status = str(tc.status);
  const responses = functionResponses(tc.result);
  if (responses.length === 0 && status !== 'error' && status !== 'cancelled') return undefined;
  const outs = responses.map(responseText);
  const text = outs.map((o) => o.text).join('\n');
  const path = call.event_type.type === 'FileRead' ? call.event_type.data.path : undefined;
  const exit = call.event_type.type === 'ShellCommand' ? EXIT_CODE.exec(text) : null;
  if (exit && call.event_type.type === 'ShellCommand') call.event_type.data.exit_code = Number(exit[1]);
  // A shell command that ran but failed still has status "success" in Gemini CLI.
  const failedExit = exit !== null && Number(exit[1]) !== 0;
  const isError = status === 'error' || status === 'cancelled' || failedExit || outs.some((o) => o.error);
  return makeEvent({
    id: `${call.event_id}-result`,
    timestamp: ts,
    type: { type: 'ToolResult', data: { name, is_error: isError, call_id: call.event_id } },
    blocks: toolResultContent(name, text, path),
    attributes: status ? { status } : {},
  });
}

/** A recorded tool call (`toolCalls[]` of a gemini message): the classified call, then its result. */
export function toolCallEvents(tc: Obj, fallbackId: string, stamp: Stamp, model?: string): HailEvent[] {
  const name = str(tc.name) ?? 'unknown';
  const ts = stamp.at(tc.timestamp);
  const c = classify(tc, name);
  const call = makeEvent({
    id: str(tc.id) ?? fallbackId,
    timestamp: ts,
    type: c.event_type,
    blocks: c.blocks,
    attributes: { ...(model ? { model } : {}), ...(str(tc.displayName) ? { display_name: tc.displayName } : {}) },
  });
  const result = resultEvent(tc, call, name, ts);
  return result ? [call, result] : [call];
}
