import type { StatsRow } from '../../store/queries/stats.js';

const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar `value / max` of `width` columns, in eighths of a column. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0 || width <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + PARTS[eighths % 8];
}

export const METRICS = ['tokens', 'cost', 'sessions', 'messages'] as const;
export type Metric = (typeof METRICS)[number];

export function metricOf(r: StatsRow, m: Metric): number {
  switch (m) {
    case 'tokens':
      return r.input_tokens + r.output_tokens + r.cache_read_tokens + r.cache_creation_tokens;
    case 'cost':
      return r.cost_usd;
    case 'sessions':
      return r.sessions;
    case 'messages':
      return r.messages;
  }
}
