import type { z } from 'zod';
import { fastEvent } from '../../../src/hail/fast-event.js';
import {
  AgentSchema,
  EventSchema,
  type HailEvent,
  type Session,
  SessionContextSchema,
  type Stats,
  StatsSchema,
} from '../../../src/hail/session.js';
import { recomputeStats } from '../../../src/hail/stats.js';

/**
 * HAIL JSONL parsing for the browser (src/hail's reader streams Node buffers). Same rules:
 * the first record must be a valid header; later bad lines are reported and skipped.
 */
export interface LineIssue {
  line: number;
  message: string;
}

export interface ParsedHail {
  session: Session;
  issues: LineIssue[];
}

export class HailParseError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'HailParseError';
  }
}

const reason = (e: z.ZodError) => {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'invalid';
};

type Header = Omit<Session, 'events' | 'stats'>;

function header(rec: Record<string, unknown>, line: number): Header {
  if (typeof rec.version !== 'string') throw new HailParseError(line, 'header version: expected string');
  if (typeof rec.session_id !== 'string') throw new HailParseError(line, 'header session_id: expected string');
  const agent = AgentSchema.safeParse(rec.agent);
  if (!agent.success) throw new HailParseError(line, `header agent.${reason(agent.error)}`);
  const context = SessionContextSchema.safeParse(rec.context);
  if (!context.success) throw new HailParseError(line, `header context.${reason(context.error)}`);
  return { version: rec.version, session_id: rec.session_id, agent: agent.data, context: context.data };
}

/** One event line's event, or the reason it is not one. */
export function parseEventRecord(rec: Record<string, unknown>): HailEvent | string {
  const fast = fastEvent(rec);
  if (fast) return fast;
  const r = EventSchema.safeParse(rec);
  return r.success ? r.data : `event ${reason(r.error)}`;
}

function parseLine(text: string): Record<string, unknown> | string {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    return `invalid JSON (${(e as Error).message})`;
  }
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj)
    ? (obj as Record<string, unknown>)
    : 'expected a JSON object';
}

/** Takes lines one at a time, so a download can be parsed while it arrives. */
export class HailLineParser {
  private head: Header | undefined;
  private stats: Stats | undefined;
  private events: HailEvent[] = [];
  private issues: LineIssue[] = [];
  private no = 0;

  line(text: string): void {
    this.no++;
    const raw = this.no === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (raw.trim() === '') return;
    const rec = parseLine(raw);
    if (typeof rec === 'string') {
      if (!this.head) throw new HailParseError(this.no, rec);
      this.issues.push({ line: this.no, message: rec });
    } else if (!this.head) {
      if (rec.type !== 'header')
        throw new HailParseError(this.no, `expected the header line first, found type "${String(rec.type)}"`);
      this.head = header(rec, this.no);
    } else this.record(rec);
  }

  private record(rec: Record<string, unknown>): void {
    if (rec.type === 'event') {
      const e = parseEventRecord(rec);
      if (typeof e === 'string') this.issues.push({ line: this.no, message: e });
      else {
        this.events.push(e);
        this.stats = undefined;
      }
    } else if (rec.type === 'stats') {
      const s = StatsSchema.safeParse(rec);
      if (s.success) this.stats = s.data;
      else this.issues.push({ line: this.no, message: `stats ${reason(s.error)}` });
    } else if (rec.type !== 'header') {
      this.issues.push({ line: this.no, message: `unknown line type "${String(rec.type)}"` });
    }
  }

  get eventCount(): number {
    return this.events.length;
  }

  /** What has been read so far, when the header has been (stats computed from these events). */
  snapshot(): ParsedHail | undefined {
    if (!this.head) return undefined;
    const events = this.events.slice();
    return { session: { ...this.head, events, stats: recomputeStats(events) }, issues: this.issues.slice() };
  }

  finish(): ParsedHail {
    if (!this.head) throw new HailParseError(1, 'missing header line (empty file)');
    // Skipped lines make a stored stats line wrong: recompute whenever anything was dropped.
    const stats = this.stats && this.issues.length === 0 ? this.stats : recomputeStats(this.events);
    return { session: { ...this.head, events: this.events, stats }, issues: this.issues };
  }
}

export function parseHailText(text: string): ParsedHail {
  const p = new HailLineParser();
  for (const line of text.split('\n')) p.line(line);
  return p.finish();
}

/**
 * Parses a HAIL body as its chunks arrive. `onFirst` gets the session once `firstCount` events
 * are in, so the start of a long session can be shown before the rest has downloaded.
 */
export async function parseHailStream(
  body: ReadableStream<Uint8Array>,
  onFirst?: (partial: ParsedHail) => void,
  firstCount = 200,
): Promise<ParsedHail> {
  const p = new HailLineParser();
  let announced = !onFirst;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const lines = (rest + decoder.decode(value, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) p.line(line);
    if (!announced && p.eventCount >= firstCount) {
      announced = true;
      const partial = p.snapshot();
      if (partial) onFirst?.(partial);
    }
  }
  p.line(rest + decoder.decode());
  return p.finish();
}
