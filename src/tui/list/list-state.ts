import type { SessionFilters } from '../../store/queries/filters.js';
import { SORTS, type SortKey, type TimeWindow, WINDOWS } from '../services.js';
import { moveTo, START, type Viewport } from '../viewport.js';

/** The session list's state: filters, the search text, which prompt has the keyboard, the cursor. */
export interface ListState {
  /** A prompt taking every key: typing the search or the project filter. */
  prompt: 'none' | 'search' | 'project';
  /** Full-text query; when not empty the list shows matching messages instead of sessions. */
  search: string;
  tool?: string;
  project: string;
  window: TimeWindow;
  sort: SortKey;
  view: Viewport;
}

export const INITIAL_LIST: ListState = {
  prompt: 'none',
  search: '',
  project: '',
  window: 'all',
  sort: 'newest',
  view: START,
};

export type ListAction =
  | { type: 'move'; to: number; total: number; height: number }
  | { type: 'prompt'; prompt: 'search' | 'project' }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'cycle-tool'; tools: readonly string[] }
  | { type: 'cycle-window' }
  | { type: 'cycle-sort' }
  | { type: 'clear' };

const next = <T>(xs: readonly T[], x: T): T => xs[(xs.indexOf(x) + 1) % xs.length] as T;

/** Any change to what is listed puts the cursor back on the first row. */
const refilter = (s: ListState, change: Partial<ListState>): ListState => ({ ...s, ...change, view: START });

function editPrompt(s: ListState, edit: (text: string) => string): ListState {
  if (s.prompt === 'search') return refilter(s, { search: edit(s.search) });
  if (s.prompt === 'project') return refilter(s, { project: edit(s.project) });
  return s;
}

export function listReducer(s: ListState, a: ListAction): ListState {
  switch (a.type) {
    case 'move':
      return { ...s, view: moveTo(s.view, a.to, a.total, a.height) };
    case 'prompt':
      return { ...s, prompt: a.prompt };
    case 'type':
      return editPrompt(s, (t) => t + a.text);
    case 'erase':
      return editPrompt(s, (t) => [...t].slice(0, -1).join(''));
    case 'submit':
      return { ...s, prompt: 'none' };
    case 'cancel':
      // Esc in a prompt drops what it typed; Esc on a search result list ends the search.
      if (s.prompt === 'project') return refilter(s, { prompt: 'none', project: '' });
      return s.search || s.prompt === 'search' ? refilter(s, { prompt: 'none', search: '' }) : s;
    case 'cycle-tool': {
      const options = [undefined, ...a.tools];
      return refilter(s, { tool: next(options, s.tool) });
    }
    case 'cycle-window':
      return refilter(s, { window: next(WINDOWS, s.window) });
    case 'cycle-sort':
      return refilter(s, { sort: next(SORTS, s.sort) });
    case 'clear':
      return refilter(s, { tool: undefined, project: '', window: 'all', search: '' });
  }
}

const WINDOW_MS: Record<Exclude<TimeWindow, 'all'>, number> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** The store's filters for the state's tool, project and time window. */
export function filtersOf(s: ListState, now: Date): SessionFilters {
  const f: SessionFilters = {};
  if (s.tool) f.tool = s.tool;
  if (s.project.trim()) f.project = s.project.trim();
  if (s.window !== 'all') f.since = new Date(now.getTime() - WINDOW_MS[s.window]).toISOString();
  return f;
}

/** True when the list shows less than everything (the status line says so). */
export function isFiltered(s: ListState): boolean {
  return s.tool !== undefined || s.project.trim() !== '' || s.window !== 'all';
}
