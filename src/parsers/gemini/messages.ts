import type { ContentBlock } from '../../hail/content.js';
import type { HailEvent } from '../../hail/session.js';
import { classifyTool } from '../shared/classify.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { MonotonicClock } from '../shared/time.js';
import { toolResultContent } from '../shared/tool-result.js';
import { hasUsage } from '../shared/usage.js';
import { addUsage, usageTarget } from '../shared/usage-merge.js';
import { mediaBlocks, partsOf, responseText, thoughtTexts } from './parts.js';
import { usageOfTokens } from './tokens.js';
import { type Stamp, toolCallEvents } from './tool-calls.js';

type Obj = Record<string, unknown>;

/** Gemini CLI's own nudge when the model stops mid-task: recorded as a user turn, typed by no one. */
const CONTINUE_NUDGE = /^(System: )?Please continue\.?$/;

const text = (t: string): ContentBlock[] => [{ type: 'Text', text: t }];

function thoughtEvent(out: HailEvent[], t: string, ts: unknown, id: string, stamp: Stamp, model?: string): void {
  if (!t.trim()) return;
  out.push(
    makeEvent({
      id: `${id}-thought-${out.length}`,
      timestamp: stamp.at(ts),
      type: { type: 'Thinking' },
      blocks: text(t),
      attributes: model ? { model } : {},
    }),
  );
}

function thoughtEvents(m: Obj, id: string, stamp: Stamp, model?: string): HailEvent[] {
  const out: HailEvent[] = [];
  if (Array.isArray(m.thoughts))
    for (const t of m.thoughts) {
      if (!isRecord(t)) continue;
      const description = str(t.description);
      const head = str(t.subject) ? `**${t.subject}**` : '';
      const joined = head && description ? `${head}\n${description}` : head || description || '';
      thoughtEvent(out, joined, t.timestamp, id, stamp, model);
    }
  for (const t of thoughtTexts(partsOf(m.content))) thoughtEvent(out, t, m.timestamp, id, stamp, model);
  return out;
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
  const ts = stamp.at(m.timestamp);
  const shown = partsOf(m.displayContent ?? m.content);
  const blocks = mediaBlocks(shown);
  const events: HailEvent[] = [];
  if (blocks.length) {
    const plain = blocks.length === 1 && blocks[0]?.type === 'Text' ? blocks[0].text.trim() : '';
    const type = CONTINUE_NUDGE.test(plain) ? 'SystemMessage' : 'UserMessage';
    events.push(makeEvent({ id, timestamp: ts, type: { type }, blocks }));
  }
  for (const e of inlineFunctionEvents(partsOf(m.content), id, ts)) events.push(e);
  return events;
}

function geminiEvents(m: Obj, id: string, stamp: Stamp): HailEvent[] {
  const model = str(m.model);
  const attributes = model ? { model } : {};
  const events = thoughtEvents(m, id, stamp, model);
  const parts = partsOf(m.content);
  const ts = stamp.at(m.timestamp);
  const blocks = mediaBlocks(parts);
  if (blocks.length) events.push(makeEvent({ id, timestamp: ts, type: { type: 'AgentMessage' }, blocks, attributes }));
  for (const e of inlineFunctionEvents(parts, id, ts, model)) events.push(e);
  if (Array.isArray(m.toolCalls)) {
    let i = 0;
    for (const tc of m.toolCalls) {
      if (!isRecord(tc)) continue;
      for (const e of toolCallEvents(tc, `${id}-call-${i++}`, stamp, model)) events.push(e);
    }
  }
  const usage = usageOfTokens(m.tokens);
  if (!usage || !hasUsage(usage)) return events;
  const target = usageTarget(events.filter((e) => e.event_type.type !== 'ToolResult'));
  if (target) addUsage(target, usage);
  return events;
}

/** A message's clock: an event without its own time takes the message's. */
class MessageStamp implements Stamp {
  private readonly clock: MonotonicClock;
  constructor(
    private readonly messageTs: unknown,
    fallbackTs?: string,
  ) {
    this.clock = new MonotonicClock(undefined, fallbackTs);
  }

  at(raw: unknown): string {
    return this.clock.at(raw ?? this.messageTs);
  }
}

/**
 * HAIL events of one message record (`user`, `gemini`, `info`, `warning`, `error`).
 * Ids come from the record's id, so an updated record yields the same ids again.
 */
export function messageEvents(m: Obj, index: number, fallbackTs?: string): HailEvent[] {
  const id = str(m.id) ?? `msg-${index}`;
  const stamp = new MessageStamp(m.timestamp, fallbackTs);
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
      return [makeEvent({ id, timestamp: stamp.at(m.timestamp), type: { type: 'SystemMessage' }, blocks, attributes })];
    }
    default:
      return [
        makeEvent({
          id,
          timestamp: stamp.at(m.timestamp),
          type: { type: 'Custom', data: { kind: type } },
          blocks: [{ type: 'Json', data: m }],
        }),
      ];
  }
}
