/**
 * Normalizes the timestamp shapes tools write (RFC3339 strings, naive ISO strings,
 * epoch milliseconds or seconds) to RFC3339 UTC. Undefined when unusable.
 */
export function toIso(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    // Epoch seconds until ~2286 are < 1e10; anything above is milliseconds.
    return safeIso(v < 1e10 ? v * 1000 : v);
  }
  if (typeof v !== 'string' || v.length === 0) return undefined;
  if (/^\d{10,13}(\.\d+)?$/.test(v)) return toIso(Number(v));
  // Naive timestamps (no zone) are UTC, as in the reference.
  const naive = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v);
  return safeIso(Date.parse(naive ? `${v.replace(' ', 'T')}Z` : v));
}

function safeIso(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Milliseconds of an RFC3339 timestamp, or NaN. */
export const msOf = (iso: string): number => Date.parse(iso);

/**
 * Event timestamps that never go backwards. Tools write slightly out-of-order or missing
 * times (a record stamped before the line that precedes it); HAIL validation wants a
 * non-decreasing order, and keeping the file's order matters more than a few ms of skew.
 * `last` is JSON-serializable so an incremental parse can carry it on.
 */
export class MonotonicClock {
  constructor(
    public last?: string,
    private readonly fallback = '1970-01-01T00:00:00.000Z',
  ) {}

  /** `raw` normalized to RFC3339 UTC, moved up to the previous time when earlier or missing. */
  at(raw: unknown): string {
    const iso = toIso(raw);
    if (iso && (!this.last || Date.parse(iso) >= Date.parse(this.last))) this.last = iso;
    return this.last ?? iso ?? this.fallback;
  }
}
