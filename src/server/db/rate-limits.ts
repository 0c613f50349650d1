import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Counts a hit in a fixed window and returns the count so far. One atomic upsert, so the limit
 * holds across processes sharing the database.
 */
export async function hitRateLimit(db: Kysely<DB>, bucket: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

export async function pruneRateLimits(db: Kysely<DB>, before: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}
