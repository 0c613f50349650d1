import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  listQueryToApi,
  listQueryToSearch,
  pageCount,
  parseListQuery,
  withChange,
} from './list-query.js';

describe('list query', () => {
  it('round-trips through the URL, writing only what differs from the defaults', () => {
    const q = {
      ...DEFAULT_QUERY,
      q: 'auth bug',
      tool: 'codex',
      range: '7d' as const,
      sort: 'longest' as const,
      page: 3,
    };
    const search = listQueryToSearch(q).toString();
    expect(search).toBe('q=auth+bug&tool=codex&range=7d&sort=longest&page=3');
    expect(parseListQuery(`?${search}`)).toEqual(q);
    expect(listQueryToSearch(DEFAULT_QUERY).toString()).toBe('');
  });

  it('falls back to defaults for unknown or hostile values', () => {
    expect(parseListQuery('?sort=drop&range=1y&page=-4')).toEqual(DEFAULT_QUERY);
    expect(parseListQuery('?page=abc').page).toBe(1);
    expect(parseListQuery(`?q=${'x'.repeat(1000)}`).q).toHaveLength(256);
  });

  it('maps to the API parameters', () => {
    expect(listQueryToApi({ ...DEFAULT_QUERY, q: 'x', team: 't1' })).toEqual({
      search: 'x',
      tool: undefined,
      model: undefined,
      team_id: 't1',
      time_range: 'all',
      sort: 'recent',
      page: 1,
      per_page: 20,
    });
  });

  it('goes back to page 1 when a filter changes, not when the page does', () => {
    const q = { ...DEFAULT_QUERY, page: 4 };
    expect(withChange(q, { tool: 'amp' }).page).toBe(1);
    expect(withChange(q, { page: 5 }).page).toBe(5);
  });

  it('counts pages', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });
});
