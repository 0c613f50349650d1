/**
 * Normalizes the timestamp shapes tools write (RFC3339 strings, naive ISO strings,
 * epoch milliseconds or seconds) to RFC3339 UTC. Undefined when unusable.
 */
export function toIso(v: unknown): string | undefined {
  if (typeof v === 'string' && isCanonicalIso(v)) return v;
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

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written at `v[from, from + n)` in ASCII digits, or -1. */
function digits(v: string, from: number, n: number): number {
  let x = 0;
  for (let i = from; i < from + n; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

/**
 * True when `v` is already what toISOString would print for it (`YYYY-MM-DDTHH:MM:SS.sssZ`,
 * a real calendar date): most tools write exactly that, and the round trip through Date
 * costs more than the rest of a line's normalizing.
 */
function isCanonicalIso(v: string): boolean {
  if (v.length !== 24 || v.charCodeAt(23) !== 90 /* Z */) return false;
  if (v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== '.') return false;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (DAYS[mo - 1] as number) + (leap ? 1 : 0)) return false;
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const sec = digits(v, 17, 2);
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59 && digits(v, 20, 3) >= 0;
}

/** Chronological order of two toIso results (the usual 24-character form compares as text). */
function notBefore(a: string, b: string): boolean {
  return a.length === 24 && b.length === 24 ? a >= b : Date.parse(a) >= Date.parse(b);
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
    if (iso && (!this.last || notBefore(iso, this.last))) this.last = iso;
    return this.last ?? iso ?? this.fallback;
  }
}
