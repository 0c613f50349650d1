import { isRecord, num } from '../shared/text.js';
import { hasUsage, type Usage, usageAttributes } from '../shared/usage.js';
import { type OcMessage, type Tokens, TokensSchema } from './schema.js';

function fromTokens(t: Tokens | undefined): Usage {
  // Reasoning tokens are billed as output; other agents' output counts include them too.
  const output = (t?.output ?? 0) + (t?.reasoning ?? 0);
  return { input: t?.input, output, cacheRead: t?.cache?.read, cacheCreation: t?.cache?.write };
}

function add(a: Usage, b: Usage): Usage {
  return {
    input: (a.input ?? 0) + (b.input ?? 0),
    output: (a.output ?? 0) + (b.output ?? 0),
    cacheRead: (a.cacheRead ?? 0) + (b.cacheRead ?? 0),
    cacheCreation: (a.cacheCreation ?? 0) + (b.cacheCreation ?? 0),
  };
}

/** 0.1-era messages kept usage under metadata.assistant. */
function legacyTokens(m: OcMessage): { usage: Usage; cost?: number } {
  const meta = m.info.metadata;
  const assistant = isRecord(meta) && isRecord(meta.assistant) ? meta.assistant : undefined;
  const t = TokensSchema.safeParse(assistant?.tokens);
  return { usage: t.success ? fromTokens(t.data) : {}, cost: num(assistant?.cost) };
}

/**
 * A message's token usage and cost. The message total already sums its steps, so the
 * step-finish parts are used only when a version left the message total empty: counting
 * both would double the usage.
 */
function messageUsage(m: OcMessage): { usage: Usage; cost?: number; reasoning?: number } {
  const own = fromTokens(m.info.tokens);
  if (hasUsage(own)) return { usage: own, cost: m.info.cost, reasoning: m.info.tokens?.reasoning };
  let steps: Usage = {};
  let cost = 0;
  for (const { part } of m.parts) {
    if (part?.type !== 'step-finish') continue;
    steps = add(steps, fromTokens(part.tokens));
    cost += part.cost ?? 0;
  }
  if (hasUsage(steps)) return { usage: steps, ...(cost ? { cost } : {}) };
  return legacyTokens(m);
}

/** The attributes to put on the event that carries a message's usage. */
export function usageAttrs(m: OcMessage): Record<string, unknown> {
  const { usage, cost, reasoning } = messageUsage(m);
  const attrs: Record<string, unknown> = usageAttributes(usage);
  if (reasoning) attrs.reasoning_tokens = reasoning;
  if (cost) attrs.cost_usd = cost;
  return attrs;
}
