import type { Query } from './api.js';

export const SORTS = ['recent', 'popular', 'longest'] as const;
export const RANGES = ['all', '24h', '7d', '30d'] as const;
export type ListSort = (typeof SORTS)[number];
export type ListRange = (typeof RANGES)[number];
export const PER_PAGE = 20;

/** The session list's state, all of it in the URL so a view can be shared and reloaded. */
export interface ListQuery {
  q: string;
  tool: string;
  model: string;
  team: string;
  range: ListRange;
  sort: ListSort;
  page: number;
}

export const DEFAULT_QUERY: ListQuery = { q: '', tool: '', model: '', team: '', range: 'all', sort: 'recent', page: 1 };

const oneOf = <T extends string>(list: readonly T[], v: string | null, def: T): T =>
  list.includes(v as T) ? (v as T) : def;

const MAX_TEXT = 256;
const text = (v: string | null) => (v ?? '').trim().slice(0, MAX_TEXT);

export function parseListQuery(search: string): ListQuery {
  const p = new URLSearchParams(search);
  const page = Number.parseInt(p.get('page') ?? '1', 10);
  return {
    q: text(p.get('q')),
    tool: text(p.get('tool')),
    model: text(p.get('model')),
    team: text(p.get('team')),
    range: oneOf(RANGES, p.get('range'), 'all'),
    sort: oneOf(SORTS, p.get('sort'), 'recent'),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 100_000) : 1,
  };
}

/** Only what differs from the defaults, in a fixed order: equal views get equal URLs. */
export function listQueryToSearch(q: ListQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of ['q', 'tool', 'model', 'team', 'range', 'sort', 'page'] as const) {
    const v = q[key];
    if (v !== DEFAULT_QUERY[key] && v !== '') p.set(key, String(v));
  }
  return p;
}

/** The GET /api/sessions parameters for a view. */
export function listQueryToApi(q: ListQuery): Query {
  return {
    search: q.q || undefined,
    tool: q.tool || undefined,
    model: q.model || undefined,
    team_id: q.team || undefined,
    time_range: q.range,
    sort: q.sort,
    page: q.page,
    per_page: PER_PAGE,
  };
}

/** A changed filter starts again at page 1; turning pages keeps the filters. */
export function withChange(q: ListQuery, change: Partial<ListQuery>): ListQuery {
  const next = { ...q, ...change };
  if (!('page' in change)) next.page = 1;
  return next;
}

export const pageCount = (total: number, perPage = PER_PAGE): number => Math.max(1, Math.ceil(total / perPage));
