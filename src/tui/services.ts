import type { Session } from '../hail/session.js';
import type { SessionFilters } from '../store/queries/filters.js';
import type { SessionListItem } from '../store/queries/log.js';
import type { SearchHit } from '../store/queries/search.js';
import type { StatsGroup, StatsReport } from '../store/queries/stats.js';

export const SORTS = ['newest', 'oldest', 'tokens', 'events', 'duration', 'title'] as const;
export type SortKey = (typeof SORTS)[number];

export const WINDOWS = ['all', '24h', '7d', '30d'] as const;
export type TimeWindow = (typeof WINDOWS)[number];

export interface ListQuery {
  filters: SessionFilters;
  sort: SortKey;
}

/** The rows of a list, read a window at a time so a screen never holds more than it draws. */
export interface RowSource {
  total: number;
  rows(offset: number, limit: number): SessionListItem[];
}

/**
 * Everything the screens read or do, passed in (house rule 3): the CLI builds it over the
 * local index; tests build the same over a temporary one. Strings in the results are already
 * cleaned of terminal escapes, except `loadSession`, which returns the session as stored
 * (exports must be faithful): the detail screen cleans what it draws.
 */
export interface TuiServices {
  now(): Date;
  sessions(q: ListQuery): RowSource;
  /** Tools with at least one session, for the tool filter. */
  tools(): string[];
  search(text: string, filters: SessionFilters, limit: number): SearchHit[];
  sessionItem(id: string): SessionListItem | undefined;
  loadSession(id: string): Promise<Session>;
  stats(by: StatsGroup | 'total', filters: SessionFilters): StatsReport;
  /** Writes a file next to where the UI was started; returns its path. */
  saveFile(name: string, text: string): Promise<string>;
  /** Puts text on the terminal's clipboard (OSC 52); works over SSH where the terminal allows it. */
  copy(text: string): void;
}
