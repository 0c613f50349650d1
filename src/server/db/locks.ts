import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, Dialect } from './schema.js';

const LOCK_IDS = { syncSeq: 7_424_201, firstUser: 7_424_202 } as const;
export type LockName = keyof typeof LOCK_IDS;

/**
 * Serialises transactions that take the same lock until they commit. SQLite already runs one
 * write transaction at a time; PostgreSQL needs a transaction-scoped advisory lock.
 */
export async function lockInTransaction(trx: Transaction<DB>, dialect: Dialect, name: LockName): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_IDS[name]})`.execute(trx);
}

/**
 * The next sync sequence number. Called under the `syncSeq` lock, so numbers are handed out in
 * commit order: a reader that has seen N can never later find a committed row below N.
 */
export async function nextSyncSeq(trx: Kysely<DB>): Promise<number> {
  const row = await trx
    .selectFrom('sessions')
    .select((eb) => eb.fn.max('sync_seq').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}
