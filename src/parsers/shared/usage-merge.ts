import { ATTR, type HailEvent } from '../../hail/session.js';
import { type Usage, usageAttributes } from './usage.js';

/**
 * For formats that report usage apart from the message it belongs to (Codex token_count,
 * Gemini JSONL updates): read, add up and move usage between events.
 */
const attrNum = (e: HailEvent, key: string): number => {
  const v = e.attributes?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

/** The usage recorded on an event's token attributes. */
export function usageOf(e: HailEvent): Usage {
  return {
    input: attrNum(e, ATTR.inputTokens),
    output: attrNum(e, ATTR.outputTokens),
    cacheRead: attrNum(e, ATTR.cacheReadTokens),
    cacheCreation: attrNum(e, ATTR.cacheCreationTokens),
  };
}

export function sumUsage(a: Usage, b: Usage): Usage {
  return {
    input: (a.input ?? 0) + (b.input ?? 0),
    output: (a.output ?? 0) + (b.output ?? 0),
    cacheRead: (a.cacheRead ?? 0) + (b.cacheRead ?? 0),
    cacheCreation: (a.cacheCreation ?? 0) + (b.cacheCreation ?? 0),
  };
}

const TOKEN_KEYS = new Set<string>([
  ATTR.inputTokens,
  ATTR.outputTokens,
  ATTR.cacheReadTokens,
  ATTR.cacheCreationTokens,
]);

/** Adds usage to an event's token attributes, summing with what is already there (token keys last). */
export function addUsage(e: HailEvent, u: Usage): void {
  const sum = usageAttributes(sumUsage(usageOf(e), u));
  const attrs: Record<string, unknown> = {};
  const prev = e.attributes;
  if (prev) for (const k of Object.keys(prev)) if (!TOKEN_KEYS.has(k)) attrs[k] = prev[k];
  for (const k of Object.keys(sum)) attrs[k] = sum[k];
  e.attributes = attrs;
}

/**
 * Which of a response's events carries its usage: the last AgentMessage when there is
 * one (what readers look at), else the last event the response produced.
 */
export function usageTarget(events: readonly HailEvent[]): HailEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]?.event_type.type === 'AgentMessage') return events[i];
  }
  return events[events.length - 1];
}
