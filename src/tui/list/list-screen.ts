import { ftsTerms, type SearchHit } from '../../store/queries/search.js';
import { padLines, promptLine, type ScreenLine, statusLine } from '../segments.js';
import type { RowSource } from '../services.js';
import type { Theme } from '../theme.js';
import { headerRow, hitRows, listColumns, sessionRow } from './list-rows.js';
import { isFiltered, type ListState } from './list-state.js';

/** What the list shows: the sessions, or the hits of a search once it has results. */
export interface ListData {
  source: RowSource;
  hits: SearchHit[] | null;
  /** The query the hits are for. */
  searchFor: string;
  pending: boolean;
  error?: string;
  /** The search returned as many hits as it may: there may be more. */
  capped: boolean;
}

export interface ListScreen {
  lines: ScreenLine[];
  /** Rows (sessions or hits) that fit, and how many there are: what the keys move through. */
  visible: number;
  total: number;
}

// Rows of the screen that are not list rows: prompt/filter bar, column header, status line.
const CHROME = 3;

export function filterSummary(s: ListState): string {
  const parts: string[] = [];
  if (s.tool) parts.push(`tool: ${s.tool}`);
  if (s.project.trim()) parts.push(`project: ${s.project.trim()}`);
  if (s.window !== 'all') parts.push(`last ${s.window}`);
  parts.push(`sort: ${s.sort}`);
  return parts.join(' · ');
}

function topLine(s: ListState, width: number): ScreenLine {
  if (s.prompt === 'project') return promptLine('project: ', s.project, true, width);
  if (s.prompt === 'search' || s.search) return promptLine('/ ', s.search, s.prompt === 'search', width);
  const text = isFiltered(s) ? filterSummary(s) : `all sessions · ${filterSummary(s)}`;
  return { segments: [{ text, tone: 'muted' }] };
}

/**
 * The session list screen, `height` lines of `width` columns. Only the rows in view are read
 * from the source: the cost of a frame does not grow with the history.
 */
export function listScreen(
  s: ListState,
  d: ListData,
  o: { width: number; height: number; now: Date; theme: Theme },
): ListScreen {
  const { width, height, now, theme } = o;
  const searching = d.hits !== null;
  const visible = Math.max(1, Math.floor((height - CHROME) / (searching ? 2 : 1)));
  const total = d.hits ? d.hits.length : d.source.total;
  const cols = listColumns(width);
  const { top, cursor } = s.view;

  const rows: ScreenLine[] = [];
  if (d.hits) {
    const terms = ftsTerms(d.searchFor).terms;
    for (let i = top; i < Math.min(d.hits.length, top + visible); i++) {
      const h = d.hits[i]!;
      const [a, b] = hitRows(h, terms, cols, now, width, theme.tool(h.tool));
      rows.push({ segments: a, inverse: i === cursor }, { segments: b });
    }
  } else {
    for (const [i, item] of d.source.rows(top, visible).entries()) {
      rows.push({ segments: sessionRow(item, cols, now, theme.tool(item.tool)), inverse: top + i === cursor });
    }
  }

  const pending = d.pending ? ' · searching…' : '';
  const left = d.error
    ? `search failed: ${d.error}`
    : searching
      ? `${total}${d.capped ? '+' : ''} matching messages for “${d.searchFor}”${pending}`
      : `${d.source.total.toLocaleString('en-US')} sessions${isFiltered(s) ? ` (${filterSummary(s)})` : ''}${pending}`;
  const right = `${total ? cursor + 1 : 0}/${total} · ? help · q quit`;
  const header: ScreenLine = searching
    ? { segments: [{ text: 'matching messages (Enter opens at the message)', bold: true }] }
    : { segments: headerRow(cols) };

  return {
    lines: [topLine(s, width), header, ...padLines(rows, height - CHROME), statusLine(left, right, width)],
    visible,
    total,
  };
}
