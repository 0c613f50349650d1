import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../context.js';
import type { Database } from '../db/schema.js';
import type { SessionFilter } from '../db/session-list.js';
import { versionedCache } from '../db/versioned-cache.js';

/**
 * Totals of session lists. Counting every visible session is a scan (200 ms at 100k sessions)
 * that each page of a list would otherwise repeat. Where the database has a data version, a
 * total is kept while it holds (see below). Otherwise (PostgreSQL while it does not listen for
 * writes) a total is reused briefly: while no session was added or changed anywhere (the
 * highest sync_seq, an indexed look-up, is the same), this instance served no write, and it is
 * younger than TOTAL_TTL_MS: deletions and team changes made through other instances show up
 * within that time.
 */
export const TOTAL_TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  total: number;
  version: number;
  expires: number;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

function cacheOf(database: Database): Map<string, Entry> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  return cache;
}

const keyOf = (f: SessionFilter) =>
  JSON.stringify([f.viewer?.id ?? null, f.teamId, f.search, f.tool, f.model, f.createdSince]);

/**
 * Where the database has a data version, totals are kept until the next write through any
 * connection (list pages holding them are kept as long): exact on SQLite, on PostgreSQL as
 * fresh as its write notifications.
 */
const exactTotals = versionedCache<number>(MAX_ENTRIES, () => 1);

export async function cachedTotal(
  database: Database,
  clock: Clock,
  filter: SessionFilter,
  version: () => Promise<number>,
  count: () => Promise<number>,
): Promise<number> {
  const key = keyOf(filter);
  if (database.dataVersion?.() !== undefined) return exactTotals.get(database, key, count);
  const cache = cacheOf(database);
  const v = await version();
  const now = clock().getTime();
  const hit = cache.get(key);
  if (hit && hit.version === v && hit.expires > now) return hit.total;
  const total = await count();
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, { total, version: v, expires: now + TOTAL_TTL_MS });
  return total;
}

/** Forgets the cached totals after every request that may write (deletes, team changes…). */
export function forgetTotalsOnWrite(database: Database): MiddlewareHandler {
  return async function forgetTotalsOnWrite(c, next) {
    try {
      await next();
    } finally {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') caches.get(database)?.clear();
    }
  };
}
