import { useEffect, useState } from 'react';
import type { SessionFilters } from '../../store/queries/filters.js';
import type { SearchHit } from '../../store/queries/search.js';
import type { TuiServices } from '../services.js';

/** Pause after the last key before searching: a query on a large index takes a while, one per key would queue up. */
export const SEARCH_DEBOUNCE_MS = 120;
export const SEARCH_LIMIT = 200;

export interface SearchState {
  /** Null when there is no query. */
  hits: SearchHit[] | null;
  /** The query the hits are for. */
  for: string;
  pending: boolean;
  error?: string;
}

/** Search as you type: results for the text once typing pauses; stale results are never shown for a newer query. */
export function useSearch(services: TuiServices, text: string, filters: SessionFilters): SearchState {
  const [state, setState] = useState<SearchState>({ hits: null, for: '', pending: false });
  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setState({ hits: null, for: '', pending: false });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      try {
        const hits = services.search(query, JSON.parse(filtersKey) as SessionFilters, SEARCH_LIMIT);
        setState({ hits, for: query, pending: false });
      } catch (e) {
        setState({ hits: [], for: query, pending: false, error: e instanceof Error ? e.message : String(e) });
      }
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [services, text, filtersKey]);
  return state;
}
