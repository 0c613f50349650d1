import { searchEvents } from '../../store/queries/search.js';
import type { CliContext } from '../context.js';
import { openLocalIndex } from '../local-index.js';
import { colorsFor, writeJson, writeLine } from '../output.js';
import type { SessionFilterFlags } from '../shared-options.js';

export interface SessionSearchOptions extends SessionFilterFlags {
  query: string;
  limit: number;
  dataDir?: string;
  json: boolean;
}

/** Marks the matched ranges of a snippet (bold on a colour terminal, «» otherwise). */
function highlight(snippet: string, ranges: [number, number][], mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    out += snippet.slice(at, s) + mark(snippet.slice(s, e));
    at = e;
  }
  return out + snippet.slice(at);
}

/** `session search`: which message matched, in which session (id + event seq). */
export async function handleSessionSearch(opts: SessionSearchOptions, ctx: CliContext): Promise<void> {
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  try {
    const hits = searchEvents(db, opts.query, opts, opts.limit);
    if (opts.json) return writeJson(ctx.stdout, { query: opts.query, hits });
    const c = colorsFor(ctx.stdout, ctx.env);
    const mark = c.isColorSupported ? (s: string) => c.bold(c.yellow(s)) : (s: string) => `«${s}»`;
    for (const h of hits) {
      writeLine(
        ctx.stdout,
        `${c.yellow(h.session_id.slice(0, 12))}#${h.seq} ${h.ts.slice(0, 16).replace('T', ' ')} [${h.tool}] ${h.kind} — ${h.title ?? '(untitled)'}`,
      );
      writeLine(ctx.stdout, `    ${highlight(h.snippet, h.highlights, mark)}`);
    }
    writeLine(ctx.stdout, `\n${hits.length} match(es)`);
  } finally {
    db.close();
  }
}
