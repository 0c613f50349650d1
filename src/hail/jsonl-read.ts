import type { z } from 'zod';
import { fastEvent } from './fast-event.js';
import { type Line, splitLineBatches } from './lines.js';
import {
  AgentSchema,
  EventSchema,
  type HailEvent,
  type Session,
  SessionContextSchema,
  type Stats,
  StatsSchema,
} from './session.js';
import { recomputeStats } from './stats.js';

export interface ReadIssue {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export class HailReadError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'HailReadError';
  }
}

export type HailHeader = Pick<Session, 'version' | 'session_id' | 'agent' | 'context'>;

export type HailRecord =
  | { kind: 'header'; line: number; header: HailHeader }
  | { kind: 'event'; line: number; event: HailEvent }
  | { kind: 'stats'; line: number; stats: Stats };

export interface ReadOptions {
  /** Fail on the first bad line instead of skipping it. */
  strict?: boolean;
  onIssue?: (issue: ReadIssue) => void;
}

// Avoids allocating a trimmed copy of every (possibly huge) line.
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function zodReason(err: z.ZodError): string {
  const i = err.issues[0];
  if (!i) return 'invalid';
  return `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`;
}

function parseHeader(obj: Record<string, unknown>): HailHeader | string {
  if (typeof obj.version !== 'string') return 'version: expected string';
  if (typeof obj.session_id !== 'string') return 'session_id: expected string';
  const agent = AgentSchema.safeParse(obj.agent);
  if (!agent.success) return `agent.${zodReason(agent.error)}`;
  const context = SessionContextSchema.safeParse(obj.context);
  if (!context.success) return `context.${zodReason(context.error)}`;
  return { version: obj.version, session_id: obj.session_id, agent: agent.data, context: context.data };
}

function parseRecord(line: Line, isFirst: boolean): HailRecord | string {
  let obj: unknown;
  try {
    obj = JSON.parse(line.text);
  } catch (e) {
    return `invalid JSON (${(e as Error).message})`;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return 'expected a JSON object';
  const rec = obj as Record<string, unknown>;
  const type = rec.type;
  if (isFirst && type !== 'header') return `expected the header line first, found type "${String(type)}"`;
  if (type === 'event') {
    const fast = fastEvent(rec);
    if (fast) return { kind: 'event', line: line.no, event: fast };
    const r = EventSchema.safeParse(rec);
    return r.success ? { kind: 'event', line: line.no, event: r.data } : `event ${zodReason(r.error)}`;
  }
  if (type === 'header') {
    const h = parseHeader(rec);
    return typeof h === 'string' ? `header ${h}` : { kind: 'header', line: line.no, header: h };
  }
  if (type === 'stats') {
    const r = StatsSchema.safeParse(rec);
    return r.success ? { kind: 'stats', line: line.no, stats: r.data } : `stats ${zodReason(r.error)}`;
  }
  return `unknown line type "${String(type)}"`;
}

/**
 * Streams the records of a HAIL JSONL file, one batch per chunk read (a yield per line
 * costs more than parsing it). The first non-blank line must be a valid header
 * (otherwise this throws, even when lenient: without it there is no session).
 * Later bad lines are reported through `onIssue` and skipped, or thrown when `strict`.
 */
export async function* readHailBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  opts: ReadOptions = {},
): AsyncGenerator<HailRecord[]> {
  let sawHeader = false;
  for await (const batch of splitLineBatches(chunks)) {
    const out: HailRecord[] = [];
    for (const line of batch) {
      if (isBlank(line.text)) continue;
      const rec = parseRecord(line, !sawHeader);
      if (typeof rec === 'string') {
        if (!sawHeader || opts.strict) throw new HailReadError(line.no, rec);
        opts.onIssue?.({ line: line.no, message: rec });
        continue;
      }
      if (rec.kind === 'header') {
        if (sawHeader) continue; // extra headers are skipped, as in the reference
        sawHeader = true;
      }
      out.push(rec);
    }
    if (out.length) yield out;
  }
  if (!sawHeader) throw new HailReadError(1, 'missing header line (empty file)');
}

/** Record-at-a-time convenience over {@link readHailBatches}. */
export async function* readHailRecords(
  chunks: AsyncIterable<Uint8Array | string>,
  opts: ReadOptions = {},
): AsyncGenerator<HailRecord> {
  for await (const batch of readHailBatches(chunks, opts)) yield* batch;
}

export interface ReadResult {
  session: Session;
  issues: ReadIssue[];
}

/**
 * Reads a whole session. A stats line is used when it is the last record; without one, or
 * with events after it (an appended file), stats are recomputed.
 */
export async function readHailSession(
  chunks: AsyncIterable<Uint8Array | string>,
  opts: Omit<ReadOptions, 'onIssue'> = {},
): Promise<ReadResult> {
  const issues: ReadIssue[] = [];
  let header: HailHeader | undefined;
  let stats: Stats | undefined;
  const events: HailEvent[] = [];
  for await (const batch of readHailBatches(chunks, { ...opts, onIssue: (i) => issues.push(i) })) {
    for (const rec of batch) {
      if (rec.kind === 'event') {
        events.push(rec.event);
        stats = undefined;
      } else if (rec.kind === 'header') header = rec.header;
      else stats = rec.stats;
    }
  }
  // readHailRecords throws when there is no header, so it is set here.
  const h = header as HailHeader;
  // Skipped lines make a stored stats line wrong: recompute whenever anything was dropped.
  const finalStats = stats && issues.length === 0 ? stats : recomputeStats(events);
  return { session: { ...h, events, stats: finalStats }, issues };
}

/** Parses a HAIL document held in memory (tests, HTTP bodies already buffered). */
export function readHailString(text: string, opts: Omit<ReadOptions, 'onIssue'> = {}): Promise<ReadResult> {
  return readHailSession(
    (async function* () {
      yield text;
    })(),
    opts,
  );
}
