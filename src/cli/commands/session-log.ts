import { listSessions } from '../../store/queries/log.js';
import type { CliContext } from '../context.js';
import { openLocalIndex } from '../local-index.js';
import { colorsFor, formatTokens, writeJson, writeLine } from '../output.js';
import type { SessionFilterFlags } from '../shared-options.js';

export interface SessionLogOptions extends SessionFilterFlags {
  limit: number;
  dataDir?: string;
  json: boolean;
}

/** `session log`: git-log style history of indexed sessions. */
export async function handleSessionLog(opts: SessionLogOptions, ctx: CliContext): Promise<void> {
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  try {
    const rows = listSessions(db, opts, opts.limit);
    if (opts.json) return writeJson(ctx.stdout, { sessions: rows });
    const c = colorsFor(ctx.stdout, ctx.env);
    for (const s of rows) {
      const tokens = formatTokens(s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_creation_tokens);
      const flags = `${s.has_errors ? c.red(' [ERR]') : ''}${s.source_deleted ? c.dim(' [source deleted]') : ''}`;
      writeLine(
        ctx.stdout,
        `${c.yellow(s.id.slice(0, 12))} ${s.created_at.slice(0, 16).replace('T', ' ')} [${s.tool}] (${s.model}) ${s.event_count} events ${tokens} tokens${flags}`,
      );
      writeLine(ctx.stdout, `    ${s.title ?? c.dim('(untitled)')}`);
    }
    writeLine(ctx.stdout, `\nShowing ${rows.length} session(s)`);
  } finally {
    db.close();
  }
}
