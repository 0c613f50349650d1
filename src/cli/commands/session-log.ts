import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import { listSessions } from '../../store/queries/log.js';
import type { CliContext } from '../context.js';
import { openLocalIndex } from '../local-index.js';
import { colorsFor, formatTokens, writeJson, writeLine } from '../output.js';
import type { SessionFilterFlags } from '../shared-options.js';

export interface SessionLogOptions extends SessionFilterFlags {
  limit: number;
  dataDir?: string;
  json: boolean;
  /** List the sessions stored in a repository's sessions branch instead of the index (`true`: the current directory). */
  git?: string | true;
}

/** What one entry of the log shows, from the index or from git storage. */
export interface LogEntry {
  id: string;
  created_at: string;
  tool: string;
  model: string;
  event_count: number;
  tokens: number;
  title: string | null;
  has_errors?: boolean;
  source_deleted?: boolean;
}

/** Prints entries git-log style, then the count. Titles are session content: escapes are stripped. */
export function writeLogEntries(ctx: CliContext, entries: readonly LogEntry[]): void {
  const c = colorsFor(ctx.stdout, ctx.env);
  for (const s of entries) {
    const flags = `${s.has_errors ? c.red(' [ERR]') : ''}${s.source_deleted ? c.dim(' [source deleted]') : ''}`;
    writeLine(
      ctx.stdout,
      `${c.yellow(s.id.slice(0, 12))} ${s.created_at.slice(0, 16).replace('T', ' ')} [${s.tool}] (${s.model}) ${s.event_count} events ${formatTokens(s.tokens)} tokens${flags}`,
    );
    writeLine(ctx.stdout, `    ${s.title ? stripTerminalEscapes(s.title) : c.dim('(untitled)')}`);
  }
  writeLine(ctx.stdout, `\nShowing ${entries.length} session(s)`);
}

/** `session log`: git-log style history of indexed sessions. */
export async function handleSessionLog(opts: SessionLogOptions, ctx: CliContext): Promise<void> {
  if (opts.git !== undefined) {
    const { handleStoredSessionLog } = await import('./session-log-git.js');
    return handleStoredSessionLog({ ...opts, repo: opts.git === true ? '.' : opts.git }, ctx);
  }
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  try {
    const rows = listSessions(db, opts, opts.limit);
    if (opts.json) return writeJson(ctx.stdout, { sessions: rows });
    writeLogEntries(
      ctx,
      rows.map((s) => ({
        ...s,
        tokens: s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_creation_tokens,
      })),
    );
  } finally {
    db.close();
  }
}
