/**
 * Bundled, dated list prices (USD per million tokens) for offline cost estimates.
 * Matched by the longest key contained in the model name; unknown models cost 0 and are
 * reported as unpriced rather than guessed.
 */
export const PRICES_AS_OF = '2026-01-15';

export interface Price {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

const p = (input: number, output: number, cacheRead: number, cacheWrite = input * 1.25): Price => ({
  input,
  output,
  cacheRead,
  cacheWrite,
});

const TABLE: Record<string, Price> = {
  'claude-opus-4-5': p(5, 25, 0.5),
  'claude-opus-4-6': p(5, 25, 0.5),
  'claude-opus-4-1': p(15, 75, 1.5),
  'claude-opus-4': p(15, 75, 1.5),
  'claude-3-opus': p(15, 75, 1.5),
  'claude-sonnet-4': p(3, 15, 0.3),
  'claude-3-7-sonnet': p(3, 15, 0.3),
  'claude-3-5-sonnet': p(3, 15, 0.3),
  'claude-haiku-4': p(1, 5, 0.1),
  'claude-3-5-haiku': p(0.8, 4, 0.08),
  'claude-3-haiku': p(0.25, 1.25, 0.03),
  'gpt-5-mini': p(0.25, 2, 0.025, 0),
  'gpt-5-nano': p(0.05, 0.4, 0.005, 0),
  'gpt-5': p(1.25, 10, 0.125, 0),
  'gpt-4.1-mini': p(0.4, 1.6, 0.1, 0),
  'gpt-4.1': p(2, 8, 0.5, 0),
  'gpt-4o-mini': p(0.15, 0.6, 0.075, 0),
  'gpt-4o': p(2.5, 10, 1.25, 0),
  'o4-mini': p(1.1, 4.4, 0.275, 0),
  o3: p(2, 8, 0.5, 0),
  'codex-mini': p(1.5, 6, 0.375, 0),
  'gemini-3-pro': p(2, 12, 0.2, 0),
  'gemini-2.5-pro': p(1.25, 10, 0.31, 0),
  'gemini-2.5-flash-lite': p(0.1, 0.4, 0.025, 0),
  'gemini-2.5-flash': p(0.3, 2.5, 0.075, 0),
  'gemini-2.0-flash': p(0.1, 0.4, 0.025, 0),
  'grok-code-fast': p(0.2, 1.5, 0.02, 0),
};

const KEYS = Object.keys(TABLE).sort((a, b) => b.length - a.length);

/** Reports price every model call (hundreds of thousands) but see a handful of model names. */
const memo = new Map<string, Price | undefined>();

export function priceFor(model: string): Price | undefined {
  if (memo.has(model)) return memo.get(model);
  const price = lookUp(model);
  memo.set(model, price);
  return price;
}

function lookUp(model: string): Price | undefined {
  const m = model.toLowerCase().replace(/[._]/g, (c) => (c === '_' ? '-' : c));
  // Claude ids also appear as "claude-4-opus" / "opus-4.5": normalise the family order.
  const alt = m.replace(
    /claude-(\d)(?:[.-](\d))?-(opus|sonnet|haiku)/,
    (_s, a, b, f) => `claude-${f}-${a}${b ? `-${b}` : ''}`,
  );
  const key = KEYS.find((k) => alt.includes(k) || m.includes(k));
  return key ? TABLE[key] : undefined;
}

export interface TokenCounts {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
}

export function costOf(model: string, t: TokenCounts): number {
  const price = priceFor(model);
  if (!price) return 0;
  return (
    (t.input_tokens * price.input +
      t.output_tokens * price.output +
      t.cache_read_tokens * price.cacheRead +
      t.cache_creation_tokens * price.cacheWrite) /
    1e6
  );
}
