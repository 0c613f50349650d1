import { PRICES_AS_OF } from '../../store/prices.js';
import { type StatsGroup, type StatsRow, usageStats } from '../../store/queries/stats.js';
import type { CliContext } from '../context.js';
import { openLocalIndex } from '../local-index.js';
import { formatTokens, writeJson, writeLine } from '../output.js';
import type { SessionFilterFlags } from '../shared-options.js';

export interface SessionStatsOptions extends SessionFilterFlags {
  by: StatsGroup;
  dataDir?: string;
  json: boolean;
}

function line(r: StatsRow, width: number, maxCost: number): string {
  const bar = '█'.repeat(maxCost > 0 ? Math.round((r.cost_usd / maxCost) * 20) : 0);
  const tokens = `${formatTokens(r.input_tokens)} in ${formatTokens(r.output_tokens)} out ${formatTokens(r.cache_read_tokens)} cache`;
  return `${r.key.padEnd(width)} ${String(r.sessions).padStart(5)} sessions ${tokens.padEnd(30)} $${r.cost_usd.toFixed(2).padStart(8)} ${bar}`;
}

/** `session stats`: totals and a breakdown by period, tool, model or project. */
export async function handleSessionStats(opts: SessionStatsOptions, ctx: CliContext): Promise<void> {
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  try {
    const report = usageStats(db, opts.by, opts);
    if (opts.json) return writeJson(ctx.stdout, { ...report, prices_as_of: PRICES_AS_OF });
    const width = Math.max(10, ...report.rows.map((r) => r.key.length));
    const maxCost = Math.max(0, ...report.rows.map((r) => r.cost_usd));
    for (const r of report.rows) writeLine(ctx.stdout, line(r, width, maxCost));
    const t = report.totals;
    writeLine(ctx.stdout, '─'.repeat(width + 60));
    writeLine(ctx.stdout, line({ ...t, key: 'total' }, width, 0));
    writeLine(
      ctx.stdout,
      `messages ${t.messages} | tool calls ${t.tool_calls} | files changed ${t.files_changed} | lines +${t.lines_added} -${t.lines_removed}`,
    );
    writeLine(ctx.stdout, `Estimated cost from list prices as of ${PRICES_AS_OF}.`);
    if (t.unpriced_models.length) writeLine(ctx.stdout, `No price for: ${t.unpriced_models.join(', ')}`);
  } finally {
    db.close();
  }
}
