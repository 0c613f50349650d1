import type { HailEvent, Session } from '../../hail/session.js';
import { type TimelineKind, type TimelineRow, timelineRows } from '../../hail/timeline.js';
import type { Segment } from '../segments.js';
import { clean, cleanLine, displayWidth, truncateTo, wrap } from '../text.js';
import type { Tone } from '../theme.js';
import { eventBody, eventDiff } from './event-body.js';

/** One terminal line of the timeline: an event's header, or a line of its expanded body. */
export interface DetailLine {
  /** Index of the event in `session.events`. */
  event: number;
  head: boolean;
  /** The line's text without styles (what find-in-session searches). */
  text: string;
  segments: Segment[];
}

const LABEL: Record<TimelineKind, string> = {
  user: 'USER',
  agent: 'AGENT',
  system: 'SYSTEM',
  think: 'THINK',
  tool: 'TOOL',
  result: 'RESULT',
  error: 'ERROR',
  read: 'READ',
  search: 'SEARCH',
  find: 'FIND',
  edit: 'EDIT',
  create: 'CREATE',
  delete: 'DELETE',
  shell: 'SHELL',
  web: 'WEB',
  fetch: 'FETCH',
  image: 'IMAGE',
  video: 'VIDEO',
  audio: 'AUDIO',
  start: 'AGENT+',
  end: 'AGENT-',
  custom: 'EVENT',
};

const TONE: Record<TimelineKind, Tone> = {
  user: 'user',
  agent: 'agent',
  system: 'system',
  think: 'think',
  tool: 'tool',
  result: 'result',
  error: 'error',
  read: 'file',
  search: 'file',
  find: 'file',
  edit: 'file',
  create: 'file',
  delete: 'file',
  shell: 'shell',
  web: 'web',
  fetch: 'web',
  image: 'muted',
  video: 'muted',
  audio: 'muted',
  start: 'task',
  end: 'task',
  custom: 'muted',
};

/**
 * The user's and the agent's messages are the conversation: shown in full. Everything else
 * starts folded to its header, system messages too (they are mostly injected instructions).
 */
const OPEN_BY_DEFAULT = new Set<TimelineKind>(['user', 'agent']);
/** Tool output can run to thousands of lines; past this the export is the place to read it. */
const MAX_FOLDED_BODY_LINES = 300;
const MESSAGES = new Set<TimelineKind>(['user', 'agent', 'system']);
const LABEL_WIDTH = 6;
const BODY_INDENT = '    ';

export function openByDefault(kind: TimelineKind): boolean {
  return OPEN_BY_DEFAULT.has(kind);
}

function lanePrefix(lane: number): string {
  return lane === 0 ? '' : `${'  '.repeat(lane - 1)}│ `;
}

function diffTone(line: string): Tone | undefined {
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+') && !line.startsWith('+++')) return 'added';
  if (line.startsWith('-') && !line.startsWith('---')) return 'removed';
  return undefined;
}

/** Body lines of an event: its diff (coloured by line) or its text, wrapped to `width`. */
function bodyLines(e: HailEvent, kind: TimelineKind, width: number): { text: string; tone?: Tone }[] {
  const diff = eventDiff(e);
  const raw = clean(diff ?? eventBody(e)).replace(/\n+$/, '');
  if (!raw.trim()) return [];
  const lines: { text: string; tone?: Tone }[] = [];
  for (const source of raw.split('\n')) {
    const tone = diff ? diffTone(source) : kind === 'error' ? 'error' : kind === 'think' ? 'think' : undefined;
    for (const text of wrap(source, width)) lines.push({ text, tone });
  }
  if (MESSAGES.has(kind) || lines.length <= MAX_FOLDED_BODY_LINES) return lines;
  const more = lines.length - MAX_FOLDED_BODY_LINES;
  return [
    ...lines.slice(0, MAX_FOLDED_BODY_LINES),
    { text: `… ${more} more lines (export the session to read them all)`, tone: 'muted' },
  ];
}

export function hasBody(e: HailEvent): boolean {
  return (eventDiff(e) ?? eventBody(e)).trim() !== '';
}

/** The lines one event takes: a header, then its body when open. */
export function eventLines(e: HailEvent, row: TimelineRow, open: boolean, width: number): DetailLine[] {
  const prefix = lanePrefix(row.lane);
  const expandable = hasBody(e);
  const marker = !expandable ? ' ' : open ? '▾' : '▸';
  const tone = TONE[row.kind];
  const label = LABEL[row.kind].padEnd(LABEL_WIDTH);
  const lead = `${prefix}${row.time} ${marker} ${label} `;
  // An open message's text follows on the next lines: the header would only repeat its start.
  const summary = open && MESSAGES.has(row.kind) ? '' : cleanLine(row.summary);
  const shown = truncateTo(summary, Math.max(0, width - displayWidth(lead)));
  const head: DetailLine = {
    event: row.index,
    head: true,
    text: `${lead}${shown}`,
    segments: [
      { text: prefix, tone: 'task' },
      { text: `${row.time} `, tone: 'muted' },
      { text: `${marker} ` },
      { text: label, tone, bold: true },
      { text: ` ${shown}` },
    ],
  };
  if (!open || !expandable) return [head];
  const indent = `${prefix}${BODY_INDENT}`;
  const body = bodyLines(e, row.kind, Math.max(10, width - displayWidth(indent)));
  return [
    head,
    ...body.map(
      (b): DetailLine => ({
        event: row.index,
        head: false,
        text: `${indent}${b.text}`,
        segments: [{ text: prefix, tone: 'task' }, { text: BODY_INDENT }, { text: b.text, tone: b.tone }],
      }),
    ),
  ];
}

export interface Layout {
  lines: DetailLine[];
  /** Line index of each event's header. */
  starts: number[];
}

/**
 * The timeline of one session as terminal lines. An event's lines are kept between layouts
 * (per width), so expanding one event or moving the cursor rebuilds nothing else.
 */
export class DetailLayout {
  readonly rows: TimelineRow[];
  /** Event indices of the user's messages: the turns `[` and `]` jump between. */
  readonly userTurns: number[];
  private cache = new Map<string, DetailLine[]>();
  private cacheWidth = -1;

  constructor(readonly session: Session) {
    this.rows = timelineRows(session, { collapse: false });
    this.userTurns = session.events.flatMap((e, i) => (e.event_type.type === 'UserMessage' ? [i] : []));
  }

  isOpenByDefault(event: number): boolean {
    const row = this.rows[event];
    return row !== undefined && OPEN_BY_DEFAULT.has(row.kind);
  }

  layout(width: number, isOpen: (event: number) => boolean): Layout {
    if (width !== this.cacheWidth) {
      this.cache.clear();
      this.cacheWidth = width;
    }
    const lines: DetailLine[] = [];
    const starts: number[] = [];
    for (const row of this.rows) {
      const open = isOpen(row.index);
      const key = `${row.index}:${open ? 1 : 0}`;
      let block = this.cache.get(key);
      if (!block) {
        block = eventLines(this.session.events[row.index]!, row, open, width);
        this.cache.set(key, block);
      }
      starts.push(lines.length);
      for (const l of block) lines.push(l);
    }
    return { lines, starts };
  }
}
