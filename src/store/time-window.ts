const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/**
 * A point in time from user input: `7d`, `24h`, `2w`, `3mo`, `today`, `yesterday`, or an
 * ISO date/time. Returns an ISO string, or undefined when the input is not understood.
 */
export function parseTimePoint(input: string, now: Date): string | undefined {
  const v = input.trim().toLowerCase();
  if (v === 'today' || v === 'yesterday') {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    if (v === 'yesterday') d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString();
  }
  const rel = /^(\d+)\s*(min|mo|m|h|d|w|y)(?:\s*ago)?$/.exec(v);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number)).toISOString();
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : input);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
