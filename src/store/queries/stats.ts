import type { Db } from '../db.js';
import { costOf } from '../prices.js';
import { quarterKeySql } from '../quarter-key.js';
import { filterSql, type SessionFilters } from './filters.js';

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
 * The SQL grouping key. Time groups are keyed by UTC quarter hour and placed in local days,
 * weeks or months (TZ, as ccusage does) by {@link localBucket}: SQLite's 'localtime' costs
 * ~10 µs a row, more than the rest of the query. Sessions are bucketed by start, tokens by
 * when they were spent.
 */
function groupKey(g: StatsGroup | undefined, ts: string, table: 's' | 'u'): string {
  switch (g) {
    case undefined:
      return "'total'";
    case 'day':
    case 'week':
    case 'month':
      return quarterKeySql(ts);
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

const pad = (n: number) => String(n).padStart(2, '0');

/** The local-time bucket of an instant, keyed as SQLite's date()/strftime() would. */
function localBucket(by: 'day' | 'week' | 'month', instant: string): string | null {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  // Weeks start on Monday, as `date(ts, 'weekday 0', '-6 days')`.
  if (by === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  const month = `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  return by === 'month' ? month : `${month}-${pad(d.getDate())}`;
}

/**
 * Token usage grouped by `g` and model. Without a time window the per-quarter rollup
 * (migration 7) answers; a window reads the model calls.
 */
function usageRows(db: Db, g: StatsGroup | undefined, f: SessionFilters): UsageAgg[] {
  const windowed = f.since !== undefined || f.until !== undefined;
  const table = windowed ? 'usage' : 'usage_rollup';
  const key = isTimeGroup(g) && !windowed ? 'u.quarter' : groupKey(g, 'u.ts', 'u');
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

/** Totals plus a breakdown; two grouped queries (sessions, usage), merged by key. */
export function usageStats(db: Db, by: StatsGroup | 'total', f: SessionFilters = {}): StatsReport {
  const g = by === 'total' ? undefined : by;
  const sessionKey = groupKey(g, 's.created_at', 's');
  const sf = filterSql(f, 's.created_at');
  const usage = usageRows(db, g, f);
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
  const keyOf = (key: string) => (isTimeGroup(g) ? localBucket(g, key) : key);
  for (const s of sessions) addSessions(rowOf(keyOf(s.key)), s);
  for (const u of usage) addUsage(rowOf(keyOf(u.key)), u);
  const totals = emptyRow('total');
  for (const s of sessions) addSessions(totals, s);
  for (const u of usage) addUsage(totals, u);
  const sorted = [...rows.values()].sort((a, b) =>
    isTimeGroup(g) ? a.key.localeCompare(b.key) : b.cost_usd - a.cost_usd || b.sessions - a.sessions,
  );
  return { by, totals, rows: by === 'total' ? [] : sorted };
}
