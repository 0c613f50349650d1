import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../store/db.js';
import type { SessionFilters } from '../store/queries/filters.js';
import { countSessions, getSessionItem, listSessions, type SessionListItem } from '../store/queries/log.js';
import { type SearchHit, searchEvents } from '../store/queries/search.js';
import { usageStats } from '../store/queries/stats.js';
import { osc52 } from './clipboard.js';
import type { ListQuery, RowSource, SortKey, TuiServices } from './services.js';
import { cleanLine } from './text.js';

export interface LocalServicesOptions {
  db: Db;
  /** Where saved files (handoffs, exports) go: the directory the UI was started in. */
  cwd: string;
  /** The terminal, for OSC 52 clipboard writes. */
  terminal: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

const cleanItem = (s: SessionListItem): SessionListItem => ({
  ...s,
  tool: cleanLine(s.tool),
  model: cleanLine(s.model),
  title: s.title === null ? null : cleanLine(s.title),
  project: s.project === null ? null : cleanLine(s.project),
  cwd: s.cwd === null ? null : cleanLine(s.cwd),
  source_path: s.source_path === null ? null : cleanLine(s.source_path),
});

const cleanHit = (h: SearchHit): SearchHit => ({
  ...h,
  tool: cleanLine(h.tool),
  model: cleanLine(h.model),
  title: h.title === null ? null : cleanLine(h.title),
  // The snippet is already on one line; cleaning only removes characters, and highlights are
  // recomputed by the screen from the terms, so shifted ranges cannot mislead it.
  snippet: cleanLine(h.snippet),
});

const totalTokens = (s: SessionListItem): number =>
  s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_creation_tokens;

const COMPARE: Record<Exclude<SortKey, 'newest'>, (a: SessionListItem, b: SessionListItem) => number> = {
  oldest: (a, b) => a.created_at.localeCompare(b.created_at),
  tokens: (a, b) => totalTokens(b) - totalTokens(a),
  events: (a, b) => b.event_count - a.event_count,
  duration: (a, b) => b.duration_seconds - a.duration_seconds,
  title: (a, b) => (a.title ?? '\uffff').localeCompare(b.title ?? '\uffff'),
};

const CHUNK = 256;
const KEPT_CHUNKS = 8;

/** Rows read from the index in chunks, the last few kept: scrolling re-reads nothing. */
function chunked(read: (offset: number, limit: number) => SessionListItem[]): RowSource['rows'] {
  const chunks = new Map<number, SessionListItem[]>();
  const chunk = (n: number): SessionListItem[] => {
    let rows = chunks.get(n);
    if (!rows) {
      if (chunks.size >= KEPT_CHUNKS) chunks.delete(chunks.keys().next().value as number);
      rows = read(n * CHUNK, CHUNK).map(cleanItem);
      chunks.set(n, rows);
    }
    return rows;
  };
  return (offset, limit) => {
    const out: SessionListItem[] = [];
    for (let n = Math.floor(offset / CHUNK); n * CHUNK < offset + limit; n++) out.push(...chunk(n));
    const from = offset - Math.floor(offset / CHUNK) * CHUNK;
    return out.slice(from, from + limit);
  };
}

/**
 * Newest first is the index's own order, read a chunk at a time (first paint costs one chunk
 * whatever the history's size). Other orders load the filtered rows once and sort them in
 * memory: only on request, and the list query has no ORDER BY choice to push them down to.
 */
function rowSource(db: Db, q: ListQuery): RowSource {
  const total = countSessions(db, q.filters);
  if (q.sort === 'newest')
    return { total, rows: chunked((offset, limit) => listSessions(db, q.filters, limit, offset)) };
  const all = listSessions(db, q.filters, Math.max(1, total)).sort(COMPARE[q.sort]);
  return { total: all.length, rows: chunked((offset, limit) => all.slice(offset, offset + limit)) };
}

/** The services over the local index. */
export function localServices(o: LocalServicesOptions): TuiServices {
  const { db } = o;
  const archiveOf = db.prepare('SELECT archive_path FROM sessions WHERE id = ?').pluck();
  return {
    now: o.now ?? (() => new Date()),
    sessions: (q) => rowSource(db, q),
    tools: () => db.prepare('SELECT DISTINCT tool FROM sessions ORDER BY tool').pluck().all() as string[],
    search: (text: string, filters: SessionFilters, limit: number) =>
      searchEvents(db, text, filters, limit).map(cleanHit),
    sessionItem: (id) => {
      const item = getSessionItem(db, id);
      return item && cleanItem(item);
    },
    loadSession: async (id) => {
      const file = archiveOf.get(id) as string | null | undefined;
      if (!file) throw new Error(`session ${id} has no archived copy; run \`opensession session index\``);
      // Loaded on first use: the archive reader pulls in the HAIL schemas, which the first paint does not need.
      const { readArchive } = await import('../store/archive.js');
      return (await readArchive(file)).session;
    },
    stats: (by, filters) => usageStats(db, by, filters),
    saveFile: async (name, text) => {
      const path = join(o.cwd, name);
      await writeFile(path, text);
      return path;
    },
    copy: (text) => {
      o.terminal.write(osc52(text, o.env));
    },
  };
}
