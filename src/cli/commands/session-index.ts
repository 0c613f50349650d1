import type { ToolName } from '../../parsers/types.js';
import { type IndexProgress, type IndexSummary, indexSources } from '../../store/indexer.js';
import type { CliContext } from '../context.js';
import { openLocalIndex } from '../local-index.js';
import { formatBytes, writeJson, writeLine } from '../output.js';

export interface SessionIndexOptions {
  tool?: ToolName;
  dataDir?: string;
  json: boolean;
}

/** A one-line progress bar on stderr (TTY only), redrawn at most every 100 ms. */
function progressPrinter(ctx: CliContext): (p: IndexProgress) => void {
  if (!ctx.stderr.isTTY) return () => {};
  const started = Date.now();
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.done < p.total) return;
    last = now;
    const pct = p.bytesTotal ? p.bytesDone / p.bytesTotal : 1;
    const bar = '█'.repeat(Math.round(pct * 24)).padEnd(24, '░');
    const rate = p.sessions / Math.max(0.001, (now - started) / 1000);
    ctx.stderr.write(
      `\r${bar} ${p.done}/${p.total} files  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}  ${rate.toFixed(0)} sessions/s `,
    );
    if (p.done === p.total) ctx.stderr.write('\n');
  };
}

function printSummary(ctx: CliContext, s: IndexSummary, total: number): void {
  writeLine(ctx.stdout, 'tool          found  parsed  appended  skipped  failed  empty  sessions');
  for (const [tool, t] of Object.entries(s.byTool)) {
    const cols = [t.found, t.parsed, t.appended, t.skipped, t.failed, t.empty, t.sessions];
    writeLine(ctx.stdout, `${tool.padEnd(12)} ${cols.map((c, i) => String(c).padStart(i === 6 ? 9 : 6)).join(' ')}`);
  }
  const t = s.totals;
  writeLine(
    ctx.stdout,
    `Indexed ${t.parsed} file(s), appended ${t.appended}, unchanged ${t.skipped}, failed ${t.failed} in ${(s.durationMs / 1000).toFixed(1)}s. Sessions in index: ${total}.`,
  );
  if (s.removed)
    writeLine(ctx.stdout, `${s.removed} source file(s) are gone; their sessions are kept from the archive.`);
  if (s.warningCount) {
    writeLine(ctx.stdout, `${s.warningCount} warning(s); first ones:`);
    for (const w of s.warnings.slice(0, 5))
      writeLine(ctx.stdout, `  ${w.file}${w.line ? `:${w.line}` : ''}: ${w.reason}`);
  }
}

/** `session index`: bring the local index up to date (incremental). */
export async function handleSessionIndex(opts: SessionIndexOptions, ctx: CliContext): Promise<void> {
  const { db, dataDir } = openLocalIndex(ctx, opts.dataDir, 'write');
  try {
    const summary = await indexSources({
      db,
      dataDir,
      roots: { home: ctx.home, env: ctx.env, platform: process.platform },
      tools: opts.tool ? [opts.tool] : undefined,
      onProgress: opts.json ? undefined : progressPrinter(ctx),
    });
    const total = db.prepare('SELECT COUNT(*) FROM sessions').pluck().get() as number;
    if (opts.json) writeJson(ctx.stdout, { ...summary, sessions_in_index: total });
    else printSummary(ctx, summary, total);
  } finally {
    db.close();
  }
}
