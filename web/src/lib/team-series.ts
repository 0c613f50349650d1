import type { SessionSummary } from '../../../src/api/sessions.js';

export interface DayPoint {
  /** YYYY-MM-DD (UTC). */
  day: string;
  sessions: number;
  tokens: number;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Sessions and tokens per day over the last `days` days (every day present, zeros included),
 * for the "over time" chart; the stats endpoint only gives totals.
 */
export function dailySeries(sessions: readonly SessionSummary[], days: number, now: number = Date.now()): DayPoint[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const points = new Map<string, DayPoint>();
  for (let i = days - 1; i >= 0; i--) {
    const day = dayOf(today - i * DAY_MS);
    points.set(day, { day, sessions: 0, tokens: 0 });
  }
  for (const s of sessions) {
    const t = Date.parse(s.created_at);
    if (Number.isNaN(t)) continue;
    const p = points.get(dayOf(t));
    if (!p) continue;
    p.sessions++;
    p.tokens += s.total_input_tokens + s.total_output_tokens;
  }
  return [...points.values()];
}

const MAX_DAYS = 365;

/** Days to chart for a stats time range; all time reaches back to the oldest session (at most a year). */
export function daysFor(range: string, sessions: readonly SessionSummary[] = [], now: number = Date.now()): number {
  if (range === '24h') return 2;
  if (range === '7d') return 7;
  if (range === '30d') return 30;
  const oldest = Math.min(...sessions.map((s) => Date.parse(s.created_at)).filter((t) => !Number.isNaN(t)));
  if (!Number.isFinite(oldest)) return 30;
  const span = Math.floor(now / DAY_MS) - Math.floor(oldest / DAY_MS) + 1;
  return Math.min(MAX_DAYS, Math.max(7, span));
}
