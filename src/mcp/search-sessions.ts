import { z } from 'zod';
import type { Db } from '../store/db.js';
import { cutSnippet, ftsTerms, type SearchHit, searchEvents } from '../store/queries/search.js';
import { fitItems } from './budget.js';
import { filterShape, toFilters } from './filters.js';
import { safeText, safeTitle } from './redact-output.js';
import { shortTime } from './session-summary.js';
import type { McpTool } from './tool.js';

const HitSchema = z.object({
  session_id: z.string(),
  seq: z.number().int().describe('position of the matching event in its session: pass it to get_session as start'),
  ts: z.string(),
  kind: z.string(),
  tool: z.string(),
  model: z.string(),
  title: z.string().nullable(),
  snippet: z.string(),
  score: z.number().describe('bm25: lower is a better match'),
});
type Hit = z.infer<typeof HitSchema>;

const input = {
  query: z.string().min(1).describe('words to find (all must match); "quoted phrase"; a trailing * matches a prefix'),
  ...filterShape,
  limit: z.number().int().min(1).max(100).optional().describe('most hits to return (default 20)'),
};

const output = {
  query: z.string(),
  hits: z.array(HitSchema),
  omitted: z.number().int().describe('hits left out to fit the output budget'),
};

/**
 * The snippet is cut again from the redacted event text: the store cuts it from the raw text,
 * where a secret split by the cut would no longer be recognised.
 */
function redactedHit(db: Db, h: SearchHit, terms: readonly string[]): Hit {
  const text = db
    .prepare('SELECT text FROM events WHERE session_id = ? AND seq = ?')
    .pluck()
    .get(h.session_id, h.seq) as string | undefined;
  return {
    session_id: h.session_id,
    seq: h.seq,
    ts: h.ts,
    kind: h.kind,
    tool: h.tool,
    model: h.model,
    title: safeTitle(h.title),
    snippet: cutSnippet(safeText(text ?? ''), terms).snippet,
    score: h.score,
  };
}

const hitLines = (h: Hit): string =>
  `- ${h.session_id} #${h.seq} ${shortTime(h.ts)} [${h.tool}] ${h.kind} — ${h.title ?? '(untitled)'}\n  ${h.snippet}`;

export const searchSessions: McpTool<typeof input, typeof output> = {
  name: 'search_sessions',
  title: 'Search past AI coding sessions',
  description:
    'Full-text search over every indexed session (Claude Code, Codex, Gemini CLI, Cursor, …): messages, ' +
    'commands, tool output, file paths. Best matches first; each hit names the session id and the event seq, ' +
    'which get_session takes to read the conversation around it. Secrets are redacted.',
  input,
  output,
  run(args, env) {
    const { terms } = ftsTerms(args.query);
    const hits = searchEvents(env.db, args.query, toFilters(args, env), args.limit ?? 20).map((h) =>
      redactedHit(env.db, h, terms),
    );
    const { kept, omitted } = fitItems(hits, env.budget, hitLines);
    return { query: args.query, hits: kept, omitted };
  },
  render(out) {
    if (out.hits.length === 0) return `No match for ${JSON.stringify(out.query)}.`;
    const more = out.omitted ? `\n(${out.omitted} more hit(s) left out to fit the output budget)` : '';
    const first = out.hits[0];
    const next = first
      ? `\nRead one in context: get_session {"session": "${first.session_id}", "start": ${Math.max(0, first.seq - 2)}}`
      : '';
    return `${out.hits.length} hit(s) for ${JSON.stringify(out.query)}:\n${out.hits.map(hitLines).join('\n')}${more}${next}`;
  },
};
