import type { ContentBlock } from '../../hail/content.js';
import { ATTR, type HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str, tryParseJson } from '../shared/text.js';
import { usageAttributes } from '../shared/usage.js';
import type { Bubble, ToolFormer } from './schema.js';
import { classifyCursorTool, isFailed, toolName } from './tools.js';

function resultBlocks(name: string, raw: string): ContentBlock[] {
  const parsed = tryParseJson(raw);
  if (!isRecord(parsed)) return raw.trim() ? [{ type: 'Text', text: raw }] : [];
  const output = str(parsed.output) ?? str(parsed.contents);
  if (/terminal|shell/i.test(name) && output !== undefined) return [{ type: 'Code', code: output, language: 'text' }];
  return [{ type: 'Json', data: parsed }];
}

function toolEvents(
  b: Bubble,
  tool: ToolFormer,
  ts: string,
  endTs: string,
  attrs: Record<string, unknown>,
): HailEvent[] {
  const name = toolName(tool);
  const args = tryParseJson(tool.rawArgs ?? '') ?? tryParseJson(tool.params ?? '') ?? {};
  const { event_type, blocks } = classifyCursorTool(name, args);
  const callId = `${b.id}-call`;
  const status = tool.status ? { status: tool.status } : {};
  const decision = tool.userDecision ? { user_decision: tool.userDecision } : {};
  const call = makeEvent({
    id: callId,
    timestamp: ts,
    type: event_type,
    blocks,
    attributes: { ...attrs, ...status, ...decision },
  });
  if (tool.result === undefined && !isFailed(tool.status)) return [call];
  const result = makeEvent({
    id: `${b.id}-result`,
    timestamp: endTs,
    type: { type: 'ToolResult', data: { name, is_error: isFailed(tool.status), call_id: callId } },
    blocks: resultBlocks(name, tool.result ?? ''),
    durationMs: Date.parse(endTs) - Date.parse(ts),
  });
  return [call, result];
}

/** The events of one bubble at `ts` (its own time, or one filled in from its neighbours). */
export function bubbleEvents(b: Bubble, ts: string, endTs: string): HailEvent[] {
  const text = b.text?.trim() ? b.text : undefined;
  if (b.role === 'user') {
    return text
      ? [makeEvent({ id: b.id, timestamp: ts, type: { type: 'UserMessage' }, blocks: [{ type: 'Text', text }] })]
      : [];
  }
  const attrs: Record<string, unknown> = b.model ? { [ATTR.model]: b.model } : {};
  const out: HailEvent[] = [];
  if (b.thinking?.text.trim()) {
    const sig = b.thinking.signature ? { signature: b.thinking.signature } : {};
    out.push(
      makeEvent({
        id: `${b.id}-thinking`,
        timestamp: ts,
        type: { type: 'Thinking' },
        blocks: [{ type: 'Text', text: b.thinking.text }],
        attributes: { ...attrs, ...sig },
      }),
    );
  }
  if (text)
    out.push(
      makeEvent({
        id: b.id,
        timestamp: ts,
        type: { type: 'AgentMessage' },
        blocks: [{ type: 'Text', text }],
        attributes: attrs,
      }),
    );
  if (b.tool) out.push(...toolEvents(b, b.tool, ts, endTs, attrs));
  const usage = usageAttributes({ input: b.inputTokens, output: b.outputTokens });
  const carrier = out.find((e) => e.event_type.type === 'AgentMessage') ?? out[0];
  if (carrier && Object.keys(usage).length) carrier.attributes = { ...carrier.attributes, ...usage };
  return out;
}

/**
 * Times for bubbles that lack one. Cursor records a start time on replies but rarely on user
 * bubbles; a missing time is taken just before the next known one (a user message precedes
 * its reply), else just after the previous. Times never go backwards: the store's order wins.
 */
export function fillTimes(known: readonly (number | undefined)[], base: number): number[] {
  // nextKnown[i]: index of the first known time at or after i (-1 when none).
  const nextKnown: number[] = new Array(known.length).fill(-1);
  for (let i = known.length - 1, next = -1; i >= 0; i--) {
    if (known[i] !== undefined) next = i;
    nextKnown[i] = next;
  }
  const out: number[] = [];
  let prev = base;
  known.forEach((k, i) => {
    const j = nextKnown[i] ?? -1;
    const guess = j === -1 ? prev + 1 : (known[j] as number) - (j - i);
    const t = Math.max(k ?? guess, prev);
    out.push(t);
    prev = t;
  });
  return out;
}
