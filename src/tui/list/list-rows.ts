import type { SessionListItem } from '../../store/queries/log.js';
import type { SearchHit } from '../../store/queries/search.js';
import { compactNumber, shortTime } from '../format.js';
import { highlight, type Segment } from '../segments.js';
import { cell, truncateTo } from '../text.js';

export interface Columns {
  tool: number;
  time: number;
  title: number;
  /** 0 when the terminal is too narrow to show it. */
  model: number;
  events: number;
  tokens: number;
}

const FIXED = { tool: 11, time: 10, events: 6, tokens: 6 };
const MODEL = 18;
const MIN_TITLE = 20;

/** Column widths for a terminal `width` wide: the title takes what is left; the model goes first when short of room. */
export function listColumns(width: number): Columns {
  const base = FIXED.tool + FIXED.time + FIXED.events + FIXED.tokens + 5;
  const model = width - base - MODEL - 1 >= MIN_TITLE ? MODEL : 0;
  const title = Math.max(8, width - base - (model ? model + 1 : 0));
  return { ...FIXED, model, title };
}

const joinCells = (cells: (Segment | undefined)[]): Segment[] => {
  const out: Segment[] = [];
  for (const c of cells) {
    if (!c) continue;
    if (out.length) out.push({ text: ' ' });
    out.push(c);
  }
  return out;
};

export function headerRow(c: Columns): Segment[] {
  return joinCells([
    { text: cell('TOOL', c.tool), bold: true },
    { text: cell('TIME', c.time), bold: true },
    { text: cell('TITLE', c.title), bold: true },
    c.model ? { text: cell('MODEL', c.model), bold: true } : undefined,
    { text: cell('EVENTS', c.events, 'right'), bold: true },
    { text: cell('TOKENS', c.tokens, 'right'), bold: true },
  ]);
}

const tokensOf = (s: SessionListItem): number =>
  s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_creation_tokens;

/** One session: tool, start time, title, model, events, tokens. */
export function sessionRow(s: SessionListItem, c: Columns, now: Date, toolColor?: string): Segment[] {
  const title = s.title ?? '(untitled)';
  return joinCells([
    { text: cell(s.tool, c.tool), color: toolColor },
    { text: cell(shortTime(s.created_at, now), c.time), tone: 'muted' },
    { text: cell(title, c.title), tone: s.has_errors ? 'error' : undefined, dim: s.title === null },
    c.model ? { text: cell(s.model, c.model), tone: 'muted' } : undefined,
    { text: cell(String(s.event_count), c.events, 'right') },
    { text: cell(compactNumber(tokensOf(s)), c.tokens, 'right') },
  ]);
}

const KIND = 12;

/** A search hit on two lines: its session, then the matching text with the terms highlighted. */
export function hitRows(
  h: SearchHit,
  terms: readonly string[],
  c: Columns,
  now: Date,
  width: number,
  toolColor?: string,
): [Segment[], Segment[]] {
  const head = joinCells([
    { text: cell(h.tool, c.tool), color: toolColor },
    { text: cell(shortTime(h.ts, now), c.time), tone: 'muted' },
    { text: cell(h.title ?? '(untitled)', Math.max(8, width - c.tool - c.time - KIND - 3)) },
    { text: cell(h.kind, KIND, 'right'), tone: 'muted' },
  ]);
  const snippet = truncateTo(h.snippet, Math.max(1, width - 4));
  return [head, [{ text: '  ↳ ', tone: 'muted' }, ...highlight(snippet, terms)]];
}
