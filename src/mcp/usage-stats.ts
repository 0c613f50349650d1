import { z } from 'zod';
import { PRICES_AS_OF } from '../store/prices.js';
import { STATS_GROUPS, type StatsRow, usageStats } from '../store/queries/stats.js';
import { fitItems } from './budget.js';
import { filterShape, toFilters } from './filters.js';
import type { McpTool } from './tool.js';

const count = z.number();
const RowSchema = z.object({
  key: z.string(),
  sessions: count,
  messages: count,
  tool_calls: count,
  files_changed: count,
  lines_added: count,
  lines_removed: count,
  input_tokens: count,
  output_tokens: count,
  cache_read_tokens: count,
  cache_creation_tokens: count,
  cost_usd: z.number().describe('estimated from list prices'),
  unpriced_models: z.array(z.string()).describe('models whose tokens had no known price'),
});

const input = {
  by: z
    .enum([...STATS_GROUPS, 'total'])
    .optional()
    .describe('group rows by day (default), week, month, tool, model or project; total for totals only'),
  ...filterShape,
};

const output = {
  by: z.string(),
  totals: RowSchema,
  rows: z.array(RowSchema),
  omitted: z.number().int().describe('rows left out to fit the output budget'),
  prices_as_of: z.string(),
};

const usd = (n: number): string => `$${n.toFixed(2)}`;

function rowLine(r: StatsRow): string {
  return (
    `- ${r.key}: ${r.sessions} sessions, ${r.input_tokens} in / ${r.output_tokens} out / ` +
    `${r.cache_read_tokens} cache-read tokens, ${usd(r.cost_usd)}`
  );
}

export const usageStatsTool: McpTool<typeof input, typeof output> = {
  name: 'usage_stats',
  title: 'Token usage and cost of AI coding sessions',
  description:
    'Sessions, messages, tool calls, tokens (input, output, cache) and estimated cost, in total and by day, ' +
    'week, month, tool, model or project; days are bucketed by when the tokens were spent.',
  input,
  output,
  run(args, env) {
    const report = usageStats(env.db, args.by ?? 'day', toFilters(args, env));
    const { kept, omitted } = fitItems(report.rows, env.budget, rowLine);
    return { by: report.by, totals: report.totals, rows: kept, omitted, prices_as_of: PRICES_AS_OF };
  },
  render(out) {
    const t = out.totals;
    const lines = [
      `Total: ${t.sessions} sessions, ${t.messages} messages, ${t.tool_calls} tool calls, ` +
        `${t.input_tokens} in / ${t.output_tokens} out / ${t.cache_read_tokens} cache-read / ` +
        `${t.cache_creation_tokens} cache-write tokens, ${usd(t.cost_usd)} (list prices as of ${out.prices_as_of})`,
    ];
    if (t.unpriced_models.length) lines.push(`No price for: ${t.unpriced_models.join(', ')}`);
    if (out.rows.length) lines.push(`By ${out.by}:`, ...out.rows.map(rowLine));
    if (out.omitted) lines.push(`(${out.omitted} more row(s) left out to fit the output budget)`);
    return lines.join('\n');
  },
};
