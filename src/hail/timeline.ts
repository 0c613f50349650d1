import { z } from 'zod';
import { contentText } from './content.js';
import type { EventType } from './event-type.js';
import { messageText, oneLine, truncate } from './extract.js';
import type { HailEvent, Session } from './session.js';
import { diffLineCounts } from './stats.js';

const SUMMARY_CHARS = 100;

export const TimelineKindSchema = z.enum([
  'user',
  'agent',
  'system',
  'think',
  'tool',
  'result',
  'error',
  'read',
  'search',
  'find',
  'edit',
  'create',
  'delete',
  'shell',
  'web',
  'fetch',
  'image',
  'video',
  'audio',
  'start',
  'end',
  'custom',
]);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

export const TimelineRowSchema = z.object({
  /** Index in `session.events` of the (first) event of the row. */
  index: z.number().int().nonnegative(),
  /** `HH:MM:SS` in UTC, `--:--:--` when the timestamp does not parse. */
  time: z.string(),
  /** The lane the row's event is drawn in (0 = main session). */
  lane: z.number().int().nonnegative(),
  /** One cell per lane, space-separated: `*` event, `+` fork, `-` merge, `|` active, ` ` free. */
  lanes: z.string(),
  kind: TimelineKindSchema,
  summary: z.string(),
  event_id: z.string(),
  /** Events folded into this row (1 unless collapsed). */
  count: z.number().int().positive(),
});
export type TimelineRow = z.infer<typeof TimelineRowSchema>;

export interface TimelineOptions {
  /** Fold runs of look-up events into one `kind xN` row (default true). */
  collapse?: boolean;
  /** Keep only the first N rows. */
  maxRows?: number;
}

const KIND: Record<EventType['type'], TimelineKind> = {
  UserMessage: 'user',
  AgentMessage: 'agent',
  SystemMessage: 'system',
  Thinking: 'think',
  ToolCall: 'tool',
  ToolResult: 'result',
  FileRead: 'read',
  CodeSearch: 'search',
  FileSearch: 'find',
  FileEdit: 'edit',
  FileCreate: 'create',
  FileDelete: 'delete',
  ShellCommand: 'shell',
  WebSearch: 'web',
  WebFetch: 'fetch',
  ImageGenerate: 'image',
  VideoGenerate: 'video',
  AudioGenerate: 'audio',
  TaskStart: 'start',
  TaskEnd: 'end',
  Custom: 'custom',
};

// Look-ups come in bursts that say little one by one; errors are never folded away.
const COLLAPSIBLE = new Set<TimelineKind>(['read', 'search', 'find', 'web', 'fetch', 'result']);

function kindOf(t: EventType): TimelineKind {
  return t.type === 'ToolResult' && t.data.is_error ? 'error' : KIND[t.type];
}

const joined = (...parts: (string | undefined)[]): string => parts.filter((p) => p).join(' ');

function describe(e: HailEvent): string {
  const t = e.event_type;
  const body = contentText(e.content);
  switch (t.type) {
    case 'UserMessage':
    case 'AgentMessage':
    case 'SystemMessage':
    case 'Thinking':
      return messageText(e) || body;
    case 'ToolCall':
      return joined(t.data.name, body);
    case 'ToolResult':
      return joined(`${t.data.name}:`, body);
    case 'FileEdit':
      return joined(t.data.path, editedLines(t.data.diff));
    case 'FileRead':
    case 'FileCreate':
    case 'FileDelete':
      return t.data.path;
    case 'ShellCommand':
      return joined(t.data.command, t.data.exit_code ? `(exit ${t.data.exit_code})` : undefined);
    case 'CodeSearch':
    case 'WebSearch':
      return t.data.query;
    case 'FileSearch':
      return t.data.pattern;
    case 'WebFetch':
      return t.data.url;
    case 'ImageGenerate':
    case 'VideoGenerate':
    case 'AudioGenerate':
      return t.data.prompt;
    case 'TaskStart':
      return t.data.title ?? '';
    case 'TaskEnd':
      return t.data.summary ?? body;
    case 'Custom':
      return joined(t.data.kind, body);
  }
}

function editedLines(diff: string | undefined): string | undefined {
  if (!diff) return undefined;
  const { added, removed } = diffLineCounts(diff);
  return `(+${added} -${removed})`;
}

const summarize = (s: string): string => truncate(oneLine(s), SUMMARY_CHARS);

function timeOf(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return '--:--:--';
  const d = new Date(ms);
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

// ─── Lanes ───────────────────────────────────────────────────────────────────

interface Placement {
  lane: number;
  mark: '*' | '+' | '-';
  /** Lanes in use while this event is drawn (index 0, the main session, always). */
  active: boolean[];
  /** The task a fork opens, for its `[L<n> <task>]` tag. */
  forked?: string;
}

/**
 * Gives each event a lane: a TaskStart forks the lowest free lane, the task's events are
 * drawn there, and its TaskEnd merges it back (the lane is free from the next row on).
 * Events of tasks that never started, or already ended, go to the main lane.
 */
function placeEvents(events: readonly HailEvent[]): Placement[] {
  const taskOf: (string | undefined)[] = ['(main)'];
  const laneOf = new Map<string, number>();
  const snapshot = () => taskOf.map((t) => t !== undefined);
  return events.map((e): Placement => {
    const t = e.event_type;
    if (t.type === 'TaskStart') {
      const task = e.task_id ?? e.event_id;
      const open = laneOf.get(task);
      if (open !== undefined) return { lane: open, mark: '*', active: snapshot() };
      let lane = taskOf.indexOf(undefined);
      if (lane < 0) lane = taskOf.length;
      taskOf[lane] = task;
      laneOf.set(task, lane);
      return { lane, mark: '+', active: snapshot(), forked: task };
    }
    // A TaskEnd without a task_id closes the task opened last.
    const task = e.task_id ?? (t.type === 'TaskEnd' ? [...laneOf.keys()].at(-1) : undefined);
    const lane = task === undefined ? undefined : laneOf.get(task);
    if (lane === undefined) return { lane: 0, mark: '*', active: snapshot() };
    if (t.type !== 'TaskEnd') return { lane, mark: '*', active: snapshot() };
    const placed: Placement = { lane, mark: '-', active: snapshot() };
    taskOf[lane] = undefined;
    laneOf.delete(task!);
    return placed;
  });
}

/** The lane of every event (0 = main session), for views that draw lanes their own way. */
export function eventLanes(events: readonly HailEvent[]): number[] {
  return placeEvents(events).map((p) => p.lane);
}

function laneCells(p: Placement): string[] {
  return p.active.map((on, i) => (i === p.lane ? p.mark : on ? '|' : ' '));
}

// ─── Rows ────────────────────────────────────────────────────────────────────

interface Draft {
  row: TimelineRow;
  cells: string[];
  /** Distinct summaries folded into a collapsed row. */
  parts: string[];
}

function draft(e: HailEvent, index: number, p: Placement): Draft {
  const kind = kindOf(e.event_type);
  const fork = p.forked === undefined ? undefined : `[L${p.lane} ${p.forked}]`;
  const summary = summarize(joined(describe(e), fork));
  return {
    row: { index, time: timeOf(e.timestamp), lane: p.lane, lanes: '', kind, summary, event_id: e.event_id, count: 1 },
    cells: laneCells(p),
    parts: [summary],
  };
}

function foldsInto(prev: Draft | undefined, next: Draft): prev is Draft {
  return (
    prev !== undefined &&
    COLLAPSIBLE.has(next.row.kind) &&
    prev.row.kind === next.row.kind &&
    prev.row.lane === next.row.lane
  );
}

/** Every lane string padded to the widest, so the kind column lines up. */
function finish(drafts: readonly Draft[]): TimelineRow[] {
  const width = drafts.reduce((w, d) => Math.max(w, d.cells.length), 1);
  return drafts.map((d) => {
    const cells = [...d.cells, ...Array<string>(width - d.cells.length).fill(' ')];
    const summary = d.row.count > 1 ? summarize(d.parts.join(', ')) : d.row.summary;
    return { ...d.row, lanes: cells.join(' '), summary };
  });
}

/** One row per event (or per collapsed run), with the agent lanes drawn as in the TUI. */
export function timelineRows(session: Session, opts: TimelineOptions = {}): TimelineRow[] {
  const collapse = opts.collapse ?? true;
  const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
  const placements = placeEvents(session.events);
  const drafts: Draft[] = [];
  for (const [i, e] of session.events.entries()) {
    const next = draft(e, i, placements[i]!);
    const prev = drafts.at(-1);
    if (collapse && foldsInto(prev, next)) {
      prev.row.count++;
      if (!prev.parts.includes(next.row.summary)) prev.parts.push(next.row.summary);
      continue;
    }
    if (drafts.length >= maxRows) break;
    drafts.push(next);
  }
  return finish(drafts);
}

// ─── Text and JSONL ──────────────────────────────────────────────────────────

function meta(session: Session, rows: readonly TimelineRow[]) {
  const active = (lanes: string) => lanes.replaceAll(' ', '').length;
  return {
    type: 'meta' as const,
    session_id: session.session_id,
    tool: session.agent.tool,
    model: session.agent.model,
    events: session.events.length,
    rows: rows.length,
    max_active_agents: rows.reduce((m, r) => Math.max(m, active(r.lanes)), 0),
    max_lane_index: rows.reduce((m, r) => Math.max(m, r.lane), 0),
  };
}

function rowText(r: TimelineRow): string {
  const kind = r.count > 1 ? `${r.kind} x${r.count}` : r.kind;
  return `${String(r.index).padStart(4)} ${r.time}  ${r.lanes} ${kind.padStart(10)} ${r.summary}`.trimEnd();
}

/** Pipe-friendly text: a header, a blank line, one line per row; no colour, no trailing spaces. */
export function renderTimelineText(session: Session, rows: readonly TimelineRow[]): string {
  const m = meta(session, rows);
  const head = [
    `session_id: ${m.session_id}`,
    `tool/model: ${m.tool} / ${m.model}`,
    `events: ${m.events} | rows: ${m.rows} | max_active_agents: ${m.max_active_agents} | max_lane_index: ${m.max_lane_index}`,
  ];
  return `${[...head, '', ...rows.map(rowText)].join('\n')}\n`;
}

/** A `meta` line, then one `{"type":"line","index","text"}` line per row (same text as above). */
export function renderTimelineJsonl(session: Session, rows: readonly TimelineRow[]): string {
  const lines = [
    JSON.stringify(meta(session, rows)),
    ...rows.map((r) => JSON.stringify({ type: 'line', index: r.index, text: rowText(r) })),
  ];
  return `${lines.join('\n')}\n`;
}
