import type { Database } from '../db/schema.js';
import { assertBlobKey, type BlobStore } from './blob-store.js';

/** Bodies in the `session_bodies` table: lets stateless instances share them through PostgreSQL. */
export function createDbBlobStore(database: Database): BlobStore {
  const { db } = database;
  return {
    async put(key, data) {
      assertBlobKey(key);
      await db
        .insertInto('session_bodies')
        .values({ key, data })
        .onConflict((oc) => oc.column('key').doUpdateSet({ data }))
        .execute();
    },
    async get(key) {
      assertBlobKey(key);
      const row = await db.selectFrom('session_bodies').select('data').where('key', '=', key).executeTakeFirst();
      return row ? Buffer.from(row.data) : undefined;
    },
    async delete(key) {
      assertBlobKey(key);
      await db.deleteFrom('session_bodies').where('key', '=', key).execute();
    },
  };
}
