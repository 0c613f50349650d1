import { Box } from 'ink';
import { type Dispatch, useMemo } from 'react';
import { Lines } from '../components/line.js';
import { actionOf, type Binding, type KeyPress, MOVE_KEYS, type MoveAction, moveTarget, useKeys } from '../keys.js';
import type { TuiServices } from '../services.js';
import { useTheme } from '../theme-context.js';
import { type ListData, listScreen } from './list-screen.js';
import { filtersOf, type ListAction, type ListState } from './list-state.js';
import { SEARCH_LIMIT, useSearch } from './use-search.js';

export interface OpenTarget {
  id: string;
  /** The event to show first (a search hit). */
  seq?: number;
}

type ListKeyAction = MoveAction | 'open' | 'search' | 'tool' | 'project' | 'window' | 'sort' | 'clear' | 'cancel';

export const LIST_KEYS: readonly Binding<ListKeyAction>[] = [
  ...MOVE_KEYS,
  {
    keys: ['enter', 'l', 'right'],
    label: 'Enter l →',
    action: 'open',
    help: 'open the session (at the matching message)',
  },
  { keys: ['/'], action: 'search', help: 'search every message as you type (Enter keeps, Esc clears)' },
  { keys: ['t'], action: 'tool', help: 'filter by tool (cycles through the tools present)' },
  { keys: ['p'], action: 'project', help: 'filter by project (type part of its name or directory)' },
  { keys: ['w'], action: 'window', help: 'time window: all, 24h, 7d, 30d' },
  { keys: ['s'], action: 'sort', help: 'sort: newest, oldest, tokens, events, duration, title' },
  { keys: ['c'], action: 'clear', help: 'clear filters and search' },
  { keys: ['esc'], action: 'cancel', help: 'end the search' },
];

export interface SessionListProps {
  services: TuiServices;
  state: ListState;
  /** The state as of the last dispatch, for key handlers (see use-live-reducer.ts). */
  current: () => ListState;
  dispatch: Dispatch<ListAction>;
  width: number;
  height: number;
  active: boolean;
  onOpen: (t: OpenTarget) => void;
  /** Keys this screen does not use (quit, tabs, help). */
  onOtherKey: (k: KeyPress) => void;
}

export function SessionList(p: SessionListProps) {
  const { services, state, dispatch, width, height } = p;
  const theme = useTheme();
  const now = useMemo(() => services.now(), [services]);
  const filters = useMemo(() => filtersOf(state, now), [state, now]);
  const filtersKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the filters' value, not identity
  const source = useMemo(() => services.sessions({ filters, sort: state.sort }), [services, filtersKey, state.sort]);
  const tools = useMemo(() => services.tools(), [services]);
  const search = useSearch(services, state.search, filters);
  const data: ListData = {
    source,
    hits: search.hits,
    searchFor: search.for,
    pending: search.pending,
    error: search.error,
    capped: search.hits?.length === SEARCH_LIMIT,
  };
  const screen = listScreen(state, data, { width, height, now, theme });
  const { total, visible } = screen;

  const cursor = () => p.current().view.cursor;
  const move = (to: number) => dispatch({ type: 'move', to, total, height: visible });
  const open = () => {
    if (search.hits) {
      const h = search.hits[cursor()];
      if (h) p.onOpen({ id: h.session_id, seq: h.seq });
      return;
    }
    const item = source.rows(cursor(), 1)[0];
    if (item) p.onOpen({ id: item.id });
  };

  const onPrompt = (k: KeyPress) => {
    if (k.name === 'esc') dispatch({ type: 'cancel' });
    else if (k.name === 'enter') dispatch({ type: 'submit' });
    else if (k.name === 'backspace') dispatch({ type: 'erase' });
    else if (k.name === 'down' || k.name === 'up') move(cursor() + (k.name === 'down' ? 1 : -1));
    else if (k.name === 'wheeldown' || k.name === 'wheelup') move(moveTarget(k.name, cursor(), total, visible));
    else if (k.input && !k.name.startsWith('ctrl+')) dispatch({ type: 'type', text: k.input.replace(/[\r\n]/g, '') });
  };

  const onKey = (k: KeyPress) => {
    const action = actionOf(LIST_KEYS, k);
    switch (action) {
      case undefined:
        return p.onOtherKey(k);
      case 'open':
        return open();
      case 'search':
        return dispatch({ type: 'prompt', prompt: 'search' });
      case 'project':
        return dispatch({ type: 'prompt', prompt: 'project' });
      case 'tool':
        return dispatch({ type: 'cycle-tool', tools });
      case 'window':
        return dispatch({ type: 'cycle-window' });
      case 'sort':
        return dispatch({ type: 'cycle-sort' });
      case 'clear':
        return dispatch({ type: 'clear' });
      case 'cancel':
        return search.hits || p.current().search ? dispatch({ type: 'cancel' }) : p.onOtherKey(k);
      default:
        return move(moveTarget(action, cursor(), total, visible));
    }
  };

  useKeys((k) => (p.current().prompt !== 'none' ? onPrompt(k) : onKey(k)), p.active);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Lines lines={screen.lines} />
    </Box>
  );
}
