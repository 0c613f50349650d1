import { type Rng, uuidFrom } from './rng.js';

/**
 * Rewrites a real corpus record into a new session's: every id-like field gets a fresh
 * id (consistently, so links between lines survive) and every timestamp is shifted.
 * The record's shape is untouched: benchmarks run on what the tools really write.
 */
const ID_KEYS = new Set([
  'sessionId',
  'uuid',
  'parentUuid',
  'leafUuid',
  'messageId',
  'requestId',
  'id',
  'call_id',
  'tool_use_id',
  'agentId',
  'promptId',
]);
const TIME_KEYS = new Set(['timestamp', 'startTime', 'lastUpdated', 'created_at', 'updated_at']);

export class Remapper {
  private readonly ids = new Map<string, string>();
  constructor(
    private readonly rng: Rng,
    private readonly shiftMs: number,
  ) {}

  id(old: string): string {
    let v = this.ids.get(old);
    if (!v) {
      // Keep a recognisable prefix (msg_, toolu_, call_, req_) so id shapes stay real.
      const m = /^([a-z]+_)/i.exec(old);
      v = m ? `${m[1]}${uuidFrom(this.rng).replace(/-/g, '').slice(0, 24)}` : uuidFrom(this.rng);
      this.ids.set(old, v);
    }
    return v;
  }

  time(old: string): string {
    const t = Date.parse(old);
    return Number.isNaN(t) ? old : new Date(t + this.shiftMs).toISOString();
  }

  apply(v: unknown, key = ''): unknown {
    if (typeof v === 'string') {
      if (ID_KEYS.has(key)) return this.id(v);
      if (TIME_KEYS.has(key)) return this.time(v);
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => this.apply(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.apply(x, k);
      return out;
    }
    return v;
  }
}
