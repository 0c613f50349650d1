import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Viewer } from '../context.js';
import { lockInTransaction, nextSyncSeq } from './locks.js';
import type { Database, DB, SessionsTable } from './schema.js';
import { deleteSearchDocument, type SearchDocument, writeSearchDocument } from './session-search.js';
import { visibleTo } from './visibility.js';

export type SessionRow = Selectable<SessionsTable>;
/** Everything a save writes except the keys the database decides. */
export type SessionFields = Omit<SessionRow, 'id' | 'sync_seq'>;

export interface SaveSessionInput {
  fields: SessionFields;
  /** Session ids this one continues (stored as `handoff` links). */
  links: string[];
  search: SearchDocument;
  /** When set, only update if the stored body is still this one (optimistic lock for appends). */
  expectBodyKey?: string | null;
}

export type SaveResult =
  | { kind: 'saved'; id: string; created: boolean; previousBodyKey: string | null }
  | { kind: 'conflict' };

export function findSessionById(db: Kysely<DB>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisibleSession(db: Kysely<DB>, id: string, viewer: Viewer | undefined) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
}

export function findOwnSession(db: Kysely<DB>, userId: string, sessionId: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

async function replaceLinks(trx: Kysely<DB>, id: string, links: string[], now: string): Promise<void> {
  await trx.deleteFrom('session_links').where('session_id', '=', id).execute();
  const unique = [...new Set(links)].filter((l) => l && l !== id);
  if (unique.length === 0) return;
  await trx
    .insertInto('session_links')
    .values(
      unique.map((linked) => ({ session_id: id, linked_session_id: linked, link_type: 'handoff', created_at: now })),
    )
    .execute();
}

/**
 * Inserts or updates (same owner + session_id) a session with its links and search document in
 * one transaction, giving it the next sync sequence number.
 */
export function saveSession(database: Database, input: SaveSessionInput): Promise<SaveResult> {
  const { fields } = input;
  return database.db.transaction().execute(async (trx): Promise<SaveResult> => {
    await lockInTransaction(trx, database.dialect, 'syncSeq');
    const existing = await findOwnSession(trx, fields.user_id, fields.session_id);
    if (input.expectBodyKey !== undefined && (existing?.body_storage_key ?? null) !== input.expectBodyKey)
      return { kind: 'conflict' };
    const sync_seq = await nextSyncSeq(trx);
    const id = existing?.id ?? randomUUID();
    if (existing)
      await trx
        .updateTable('sessions')
        .set({ ...fields, sync_seq })
        .where('id', '=', id)
        .execute();
    else
      await trx
        .insertInto('sessions')
        .values({ ...fields, id, sync_seq })
        .execute();
    await replaceLinks(trx, id, input.links, fields.uploaded_at);
    await writeSearchDocument(trx, database.dialect, id, input.search);
    return { kind: 'saved', id, created: !existing, previousBodyKey: existing?.body_storage_key ?? null };
  });
}

export function deleteSession(database: Database, id: string): Promise<void> {
  return database.db.transaction().execute(async (trx) => {
    await deleteSearchDocument(trx, database.dialect, id);
    await trx.deleteFrom('sessions').where('id', '=', id).execute();
  });
}

export function linksOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('session_links').selectAll().where('session_id', '=', id).orderBy('created_at').execute();
}

/** id -> nickname for the given user ids. */
export async function nicknamesOf(db: Kysely<DB>, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'nickname']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.nickname]));
}
