import type { ContentBlock } from '../../hail/content.js';
import type { HailEvent } from '../../hail/session.js';
import { classifyTool } from '../shared/classify.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { MonotonicClock } from '../shared/time.js';
import { toolResultContent } from '../shared/tool-result.js';
import { usageAttributes } from '../shared/usage.js';
import { addUsage, usageTarget } from '../shared/usage-merge.js';
import { mediaBlocks, partsOf, responseText, thoughtTexts } from './parts.js';
import { usageOfTokens } from './tokens.js';
import { type Stamp, toolCallEvents } from './tool-calls.js';

type Obj = Record<string, unknown>;

/** Gemini CLI's own nudge when the model stops mid-task: recorded as a user turn, typed by no one. */
const CONTINUE_NUDGE = /^(System: )?Please continue\.?$/;

const text = (t: string): ContentBlock[] => [{ type: 'Text', text: t }];

function thoughtEvents(m: Obj, id: string, stamp: Stamp, model?: string): HailEvent[] {
  const recorded = (Array.isArray(m.thoughts) ? m.thoughts : []).filter(isRecord).map((t) => ({
    text: [str(t.subject) ? `**${t.subject}**` : '', str(t.description) ?? ''].filter(Boolean).join('\n'),
    ts: t.timestamp,
  }));
  const inline = thoughtTexts(partsOf(m.content)).map((t) => ({ text: t, ts: m.timestamp }));
  return [...recorded, ...inline]
    .filter((t) => t.text.trim())
    .map((t, i) =>
      makeEvent({
        id: `${id}-thought-${i}`,
        timestamp: stamp(t.ts),
        type: { type: 'Thinking' },
        blocks: text(t.text),
        attributes: model ? { model } : {},
      }),
    );
}

/** functionCall / functionResponse parts inline in content (JSONL records and checkpoints). */
function inlineFunctionEvents(parts: readonly Obj[], id: string, ts: string, model?: string): HailEvent[] {
  const out: HailEvent[] = [];
  parts.forEach((p, i) => {
    const fc = isRecord(p.functionCall) ? p.functionCall : undefined;
    const fr = isRecord(p.functionResponse) ? p.functionResponse : undefined;
    if (fc) {
      const name = str(fc.name) ?? 'unknown';
      const c = classifyTool(name, fc.args);
      const attributes = model ? { model } : {};
      out.push(
        makeEvent({
          id: str(fc.id) ?? `${id}-call-${i}`,
          timestamp: ts,
          type: c.event_type,
          blocks: c.blocks,
          attributes,
        }),
      );
    } else if (fr) {
      const name = str(fr.name) ?? 'unknown';
      const r = responseText(fr);
      const callId = str(fr.id);
      out.push(
        makeEvent({
          id: callId ? `${callId}-result` : `${id}-response-${i}`,
          timestamp: ts,
          type: { type: 'ToolResult', data: { name, is_error: r.error, ...(callId ? { call_id: callId } : {}) } },
          blocks: toolResultContent(name, r.text),
        }),
      );
    }
  });
  return out;
}

function userEvents(m: Obj, id: string, stamp: Stamp): HailEvent[] {
  const ts = stamp(m.timestamp);
  const shown = partsOf(m.displayContent ?? m.content);
  const blocks = mediaBlocks(shown);
  const events: HailEvent[] = [];
  if (blocks.length) {
    const plain = blocks.length === 1 && blocks[0]?.type === 'Text' ? blocks[0].text.trim() : '';
    const type = CONTINUE_NUDGE.test(plain) ? 'SystemMessage' : 'UserMessage';
    events.push(makeEvent({ id, timestamp: ts, type: { type }, blocks }));
  }
  return [...events, ...inlineFunctionEvents(partsOf(m.content), id, ts)];
}

function geminiEvents(m: Obj, id: string, stamp: Stamp): HailEvent[] {
  const model = str(m.model);
  const attributes = model ? { model } : {};
  const events = thoughtEvents(m, id, stamp, model);
  const parts = partsOf(m.content);
  const ts = stamp(m.timestamp);
  const blocks = mediaBlocks(parts);
  if (blocks.length) events.push(makeEvent({ id, timestamp: ts, type: { type: 'AgentMessage' }, blocks, attributes }));
  events.push(...inlineFunctionEvents(parts, id, ts, model));
  const calls = (Array.isArray(m.toolCalls) ? m.toolCalls : []).filter(isRecord);
  calls.forEach((tc, i) => {
    events.push(...toolCallEvents(tc, `${id}-call-${i}`, stamp, model));
  });
  const usage = usageOfTokens(m.tokens);
  const target = usageTarget(events.filter((e) => e.event_type.type !== 'ToolResult'));
  if (usage && target && Object.keys(usageAttributes(usage)).length) addUsage(target, usage);
  return events;
}

/**
 * HAIL events of one message record (`user`, `gemini`, `info`, `warning`, `error`).
 * Ids come from the record's id, so an updated record yields the same ids again.
 */
export function messageEvents(m: Obj, index: number, fallbackTs?: string): HailEvent[] {
  const id = str(m.id) ?? `msg-${index}`;
  const clock = new MonotonicClock(undefined, fallbackTs);
  const stamp: Stamp = (raw) => clock.at(raw ?? m.timestamp);
  const type = str(m.type) ?? 'unknown';
  switch (type) {
    case 'user':
      return userEvents(m, id, stamp);
    case 'gemini':
    case 'model':
      return geminiEvents(m, id, stamp);
    case 'info':
    case 'warning':
    case 'error': {
      const blocks = mediaBlocks(partsOf(m.content));
      const attributes = { level: type, ...(type === 'error' ? { error: true } : {}) };
      return [makeEvent({ id, timestamp: stamp(m.timestamp), type: { type: 'SystemMessage' }, blocks, attributes })];
    }
    default:
      return [
        makeEvent({
          id,
          timestamp: stamp(m.timestamp),
          type: { type: 'Custom', data: { kind: type } },
          blocks: [{ type: 'Json', data: m }],
        }),
      ];
  }
}
