import { isRecord, num } from '../shared/text.js';
import type { Usage } from '../shared/usage.js';
import type { RawTotals } from './state.js';

function totalsOf(v: unknown): RawTotals | undefined {
  if (!isRecord(v)) return undefined;
  const input = num(v.input_tokens) ?? 0;
  const output = num(v.output_tokens) ?? 0;
  return {
    input,
    cached: num(v.cached_input_tokens) ?? num(v.cache_read_input_tokens) ?? 0,
    output,
    total: num(v.total_tokens) ?? input + output,
  };
}

const sameTotals = (a: RawTotals, b: RawTotals): boolean =>
  a.input === b.input && a.cached === b.cached && a.output === b.output && a.total === b.total;

/**
 * OpenAI counts cached input inside input_tokens, and reasoning inside output_tokens.
 * HAIL keeps cache reads apart so input + cache_read is the prompt, as ccusage reports it.
 */
function toUsage(t: RawTotals): Usage {
  const cached = Math.min(t.cached, t.input);
  return { input: t.input - cached, output: t.output, cacheRead: cached, cacheCreation: 0 };
}

function minus(a: RawTotals, b: RawTotals | undefined): RawTotals {
  const d = (x: number, y = 0) => Math.max(0, x - y);
  return {
    input: d(a.input, b?.input),
    cached: d(a.cached, b?.cached),
    output: d(a.output, b?.output),
    total: d(a.total, b?.total),
  };
}

/**
 * The new usage a `token_count` event reports, given the running totals before it.
 * Codex repeats the same token_count (rate-limit refreshes, turn ends): an event whose
 * cumulative total equals the previous one adds nothing. Otherwise `last_token_usage` is
 * the response's own usage; older files without it yield the difference of totals.
 */
export function tokenCountUsage(info: unknown, prev: RawTotals | undefined): { usage?: Usage; totals?: RawTotals } {
  if (!isRecord(info)) return { totals: prev };
  const total = totalsOf(info.total_token_usage);
  if (total && prev && sameTotals(total, prev)) return { totals: prev };
  const last = totalsOf(info.last_token_usage) ?? (total ? minus(total, prev) : undefined);
  return { usage: last ? toUsage(last) : undefined, totals: total ?? prev };
}
