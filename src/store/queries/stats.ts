import type { Db } from '../db.js';
import { costOf } from '../prices.js';
import { filterSql, type SessionFilters } from './filters.js';
import { localBucketSql, type OffsetPeriod, offsetPeriods } from './local-time-sql.js';

export const STATS_GROUPS = ['day', 'week', 'month', 'tool', 'model', 'project'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export interface StatsRow {
  key: string;
  sessions: number;
  messages: number;
  tool_calls: number;
  files_changed: number;
  lines_added: number;
  lines_removed: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  cost_usd: number;
  /** Models whose tokens had no price in the bundled table. */
  unpriced_models: string[];
}

export interface StatsReport {
  by: StatsGroup | 'total';
  totals: StatsRow;
  rows: StatsRow[];
}

/**
 * The SQL grouping key. Days, weeks and months follow the local time zone (TZ), as ccusage
 * does (see local-time-sql.ts); sessions are bucketed by start, tokens by when they were spent.
 */
function groupKey(g: StatsGroup | undefined, ts: string, table: 's' | 'u', periods: readonly OffsetPeriod[]): string {
  switch (g) {
    case undefined:
      return "'total'";
    case 'day':
    case 'week':
    case 'month':
      return localBucketSql(g, ts, periods);
    case 'tool':
      return 's.tool';
    case 'model':
      return table === 'u' ? 'u.model' : 's.model';
    case 'project':
      return "COALESCE(s.project, '(none)')";
  }
}

const emptyRow = (key: string): StatsRow => ({
  key,
  sessions: 0,
  messages: 0,
  tool_calls: 0,
  files_changed: 0,
  lines_added: 0,
  lines_removed: 0,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_creation_tokens: 0,
  cost_usd: 0,
  unpriced_models: [],
});

interface SessionAgg {
  key: string;
  sessions: number;
  messages: number;
  tool_calls: number;
  files_changed: number;
  lines_added: number;
  lines_removed: number;
}

interface UsageAgg {
  key: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
}

function addUsage(row: StatsRow, u: UsageAgg): void {
  row.input_tokens += u.input_tokens;
  row.output_tokens += u.output_tokens;
  row.cache_read_tokens += u.cache_read_tokens;
  row.cache_creation_tokens += u.cache_creation_tokens;
  const cost = costOf(u.model, u);
  row.cost_usd += cost;
  const tokens = u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_creation_tokens;
  if (cost === 0 && tokens > 0 && !row.unpriced_models.includes(u.model)) row.unpriced_models.push(u.model);
}

function addSessions(row: StatsRow, s: SessionAgg): void {
  row.sessions += s.sessions;
  row.messages += s.messages;
  row.tool_calls += s.tool_calls;
  row.files_changed += s.files_changed;
  row.lines_added += s.lines_added;
  row.lines_removed += s.lines_removed;
}

const isTimeGroup = (g: StatsGroup | undefined): g is 'day' | 'week' | 'month' =>
  g === 'day' || g === 'week' || g === 'month';

/**
 * Token usage grouped by `g` and model. Without a time window the per-quarter rollup
 * (migration 7) answers; a window reads the model calls.
 */
function usageRows(db: Db, g: StatsGroup | undefined, f: SessionFilters, periods: readonly OffsetPeriod[]): UsageAgg[] {
  const windowed = f.since !== undefined || f.until !== undefined;
  const table = windowed ? 'usage' : 'usage_rollup';
  const key = groupKey(g, windowed ? 'u.ts' : 'u.quarter', 'u', periods);
  const uf = filterSql(f, 'u.ts');
  return db
    .prepare(
      `SELECT ${key} AS key, u.model AS model, SUM(u.input_tokens) AS input_tokens,
              SUM(u.output_tokens) AS output_tokens, SUM(u.cache_read_tokens) AS cache_read_tokens,
              SUM(u.cache_creation_tokens) AS cache_creation_tokens
       FROM ${table} u JOIN sessions s ON s.id = u.session_id WHERE ${uf.where} GROUP BY key, u.model`,
    )
    .all(uf.params) as UsageAgg[];
}

/** The zone's offset periods over the indexed history (a day's margin either side). */
function historyPeriods(db: Db): OffsetPeriod[] {
  const span = db.prepare('SELECT MIN(created_at), MAX(updated_at) FROM sessions').raw().get() as
    | [string | null, string | null]
    | undefined;
  const from = Date.parse(span?.[0] ?? '');
  const to = Date.parse(span?.[1] ?? '');
  const now = Date.now();
  return offsetPeriods(Number.isNaN(from) ? now : from, Number.isNaN(to) ? now : Math.max(to, from));
}

/** Totals plus a breakdown; two grouped queries (sessions, usage), merged by key. */
export function usageStats(db: Db, by: StatsGroup | 'total', f: SessionFilters = {}): StatsReport {
  const g = by === 'total' ? undefined : by;
  const periods = isTimeGroup(g) ? historyPeriods(db) : [];
  const sessionKey = groupKey(g, 's.created_at', 's', periods);
  const sf = filterSql(f, 's.created_at');
  const usage = usageRows(db, g, f, periods);
  const sessions = db
    .prepare(
      `SELECT ${sessionKey} AS key, COUNT(*) AS sessions, SUM(s.message_count) AS messages,
              SUM(s.tool_call_count) AS tool_calls, SUM(s.files_changed) AS files_changed,
              SUM(s.lines_added) AS lines_added, SUM(s.lines_removed) AS lines_removed
       FROM sessions s WHERE ${sf.where} GROUP BY key`,
    )
    .all(sf.params) as SessionAgg[];
  const rows = new Map<string, StatsRow>();
  const rowOf = (key: string | null) => {
    const k = key ?? '(none)';
    const r = rows.get(k) ?? emptyRow(k);
    rows.set(k, r);
    return r;
  };
  for (const s of sessions) addSessions(rowOf(s.key), s);
  for (const u of usage) addUsage(rowOf(u.key), u);
  const totals = emptyRow('total');
  for (const s of sessions) addSessions(totals, s);
  for (const u of usage) addUsage(totals, u);
  const sorted = [...rows.values()].sort((a, b) =>
    isTimeGroup(g) ? a.key.localeCompare(b.key) : b.cost_usd - a.cost_usd || b.sessions - a.sessions,
  );
  return { by, totals, rows: by === 'total' ? [] : sorted };
}
