import { isRecord, num } from '../shared/text.js';
import type { Usage } from '../shared/usage.js';

/**
 * Gemini's `tokens {input, output, cached, thoughts, tool, total}`: `input` (the prompt
 * count) includes cached tokens and tool-use prompt tokens come on top, so input here is
 * input - cached + tool; thoughts are billed as output. The four then add up to `total`.
 */
export function usageOfTokens(t: unknown): Usage | undefined {
  if (!isRecord(t)) return undefined;
  const input = num(t.input) ?? 0;
  const cached = Math.min(num(t.cached) ?? 0, input);
  return {
    input: input - cached + (num(t.tool) ?? 0),
    output: (num(t.output) ?? 0) + (num(t.thoughts) ?? 0),
    cacheRead: cached,
  };
}
