import { isErrorEvent } from '../hail/extract.js';
import type { HailEvent, Session } from '../hail/session.js';
import { recomputeStats, secondsBetween } from '../hail/stats.js';
import { type EventRow, eventRow } from './event-row.js';
import { type SessionRow, sessionRow } from './session-row.js';

/**
 * A session reduced to the rows the index stores. Everything derived from the events is
 * computed here, so the writer (possibly on another thread: see write-queue.ts) only runs
 * SQL, and what crosses threads is rows, not whole sessions.
 */
export interface PreparedInsert {
  kind: 'insert';
  id: string;
  model: string;
  row: SessionRow;
  events: EventRow[];
}

/** What an append changes besides the counters its rows carry. */
export interface AppendFacts {
  updated_at: string;
  duration_seconds: number;
  lines_added: number;
  lines_removed: number;
  has_errors: number;
  title: string | null;
}

export interface PreparedAppend {
  kind: 'append';
  id: string;
  model: string;
  facts: AppendFacts;
  events: EventRow[];
}

export type PreparedSession = PreparedInsert | PreparedAppend;

const rowsOf = (s: Session): EventRow[] => s.events.map((e) => eventRow(e, s.agent.model));

export function prepareInsert(s: Session): PreparedInsert {
  return { kind: 'insert', id: s.session_id, model: s.agent.model, row: sessionRow(s), events: rowsOf(s) };
}

/** `s` holds only the events read from the end of an append-only source. */
export function prepareAppend(s: Session): PreparedAppend {
  const { events } = s;
  const st = recomputeStats(events);
  const last = events[events.length - 1] as HailEvent | undefined;
  const facts: AppendFacts = {
    updated_at: last?.timestamp ?? s.context.updated_at,
    duration_seconds: last ? secondsBetween(s.context.created_at, last.timestamp) : 0,
    lines_added: st.lines_added,
    lines_removed: st.lines_removed,
    has_errors: events.some(isErrorEvent) ? 1 : 0,
    // A title line (Claude's ai-title, summary) often comes late: a later read may know better.
    title: s.context.title ?? null,
  };
  return { kind: 'append', id: s.session_id, model: s.agent.model, facts, events: rowsOf(s) };
}
