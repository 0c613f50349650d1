import type { Kysely, Selectable } from 'kysely';
import { lockInTransaction } from './locks.js';
import type { Database, DB, UsersTable } from './schema.js';

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  id: string;
  nickname: string;
  email?: string;
  password_hash?: string;
  api_key_hash?: string;
  api_key_prefix?: string;
  avatar_url?: string;
  created_at: string;
}

/** Inserts a user; the first user of the instance becomes its admin (decided under a lock). */
export function insertUser(database: Database, u: NewUser): Promise<UserRow> {
  return database.db.transaction().execute(async (trx) => {
    await lockInTransaction(trx, database.dialect, 'firstUser');
    const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const row: UserRow = {
      id: u.id,
      nickname: u.nickname,
      email: u.email ?? null,
      password_hash: u.password_hash ?? null,
      api_key_hash: u.api_key_hash ?? null,
      api_key_prefix: u.api_key_prefix ?? null,
      avatar_url: u.avatar_url ?? null,
      is_admin: any ? 0 : 1,
      created_at: u.created_at,
    };
    await trx.insertInto('users').values(row).execute();
    return row;
  });
}

const byColumn =
  (col: 'id' | 'nickname' | 'email' | 'api_key_hash') =>
  (db: Kysely<DB>, value: string): Promise<UserRow | undefined> =>
    db.selectFrom('users').selectAll().where(col, '=', value).executeTakeFirst();

export const findUserById = byColumn('id');
export const findUserByNickname = byColumn('nickname');
export const findUserByEmail = byColumn('email');
export const findUserByApiKeyHash = byColumn('api_key_hash');

export async function setApiKey(db: Kysely<DB>, userId: string, hash: string, prefix: string): Promise<void> {
  await db.updateTable('users').set({ api_key_hash: hash, api_key_prefix: prefix }).where('id', '=', userId).execute();
}

export async function setPasswordHash(db: Kysely<DB>, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}
