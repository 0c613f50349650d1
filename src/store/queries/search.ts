import type { Db } from '../db.js';
import { filterSql, type SessionFilters } from './filters.js';

export interface SearchHit {
  session_id: string;
  /** Position of the event in its session: the jump target with session_id. */
  seq: number;
  event_id: string;
  ts: string;
  kind: string;
  title: string | null;
  tool: string;
  model: string;
  snippet: string;
  /** [start, end) character ranges of matched terms inside `snippet`. */
  highlights: [number, number][];
  score: number;
}

/**
 * Terms of a user query, each quoted for FTS5 so operators and punctuation in user text
 * are literal (`"foo"`, or `"foo"*` for a trailing `*` prefix search). Terms are ANDed.
 */
export function ftsTerms(query: string): { match: string; terms: string[] } {
  const raw = query.match(/"[^"]*"|\S+/g) ?? [];
  const terms: string[] = [];
  const parts: string[] = [];
  for (const r of raw) {
    const prefix = r.endsWith('*') && !r.startsWith('"');
    const t = (prefix ? r.slice(0, -1) : r).replace(/^"|"$/g, '').trim();
    if (!t) continue;
    terms.push(t);
    parts.push(`"${t.replace(/"/g, '""')}"${prefix ? '*' : ''}`);
  }
  return { match: parts.join(' '), terms };
}

const SNIPPET_RADIUS = 70;

/** A window of `text` around the first matched term, with the ranges of every term in it. */
export function cutSnippet(
  text: string,
  terms: readonly string[],
): { snippet: string; highlights: [number, number][] } {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const needles = terms.map((t) => t.toLowerCase()).filter(Boolean);
  const first = Math.min(...needles.map((n) => lower.indexOf(n)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  const center = Number.isFinite(first) ? first : 0;
  const start = Math.max(0, center - SNIPPET_RADIUS);
  const end = Math.min(flat.length, center + SNIPPET_RADIUS * 2);
  const lead = start > 0 ? '…' : '';
  const snippet = `${lead}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  const low = snippet.toLowerCase();
  const highlights: [number, number][] = [];
  for (const n of needles) {
    for (let i = low.indexOf(n); i !== -1; i = low.indexOf(n, i + n.length)) highlights.push([i, i + n.length]);
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return { snippet, highlights };
}

type Row = Omit<SearchHit, 'snippet' | 'highlights'> & { text: string };

// FTS5 ranks its matches alone first (cheap: no joins), then only the best candidates are
// joined with their events and sessions. Ranking inside the join costs one join per match:
// 5x slower on a common word in 10k sessions.
export const searchSql = (where: string, candidates: string) => `
  SELECT e.session_id, e.seq, e.event_id, e.ts, e.kind, e.text, s.title, s.tool, s.model, r.score
  FROM (SELECT rowid, bm25(events_fts, 1.0, 0.5, 0.5) AS score FROM events_fts
        WHERE events_fts MATCH @match ORDER BY score ${candidates}) r
  JOIN events e ON e.id = r.rowid
  JOIN sessions s ON s.id = e.session_id
  WHERE ${where}
  ORDER BY r.score LIMIT @limit`;

/** With filters, this many best matches are tried first; the full ranking is the fallback. */
const FILTER_CANDIDATES_PER_HIT = 50;

/** Full-text search over event text, tool names and paths, best matches first (bm25). */
export function searchEvents(db: Db, query: string, f: SessionFilters = {}, limit = 20): SearchHit[] {
  const { match, terms } = ftsTerms(query);
  if (!match) return [];
  const { where, params } = filterSql(f);
  const args = { ...params, match, limit };
  const filtered = where !== '1=1';
  const candidates = filtered ? limit * FILTER_CANDIDATES_PER_HIT : limit;
  let rows = db.prepare(searchSql(where, 'LIMIT @candidates')).all({ ...args, candidates }) as Row[];
  // Filtered hits found among the best candidates are the true best; fewer means look further.
  if (filtered && rows.length < limit) rows = db.prepare(searchSql(where, '')).all(args) as Row[];
  return rows.map(({ text, ...r }) => ({ ...r, ...cutSnippet(text, terms) }));
}
