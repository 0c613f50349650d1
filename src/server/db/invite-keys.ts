import type { Kysely, Selectable } from 'kysely';
import type { DB, TeamInviteKeysTable } from './schema.js';

export type InviteKeyRow = Selectable<TeamInviteKeysTable>;

export async function insertInviteKey(db: Kysely<DB>, row: InviteKeyRow): Promise<void> {
  await db.insertInto('team_invite_keys').values(row).execute();
}

export function inviteKeysOfTeam(db: Kysely<DB>, teamId: string) {
  return db
    .selectFrom('team_invite_keys')
    .innerJoin('users', 'users.id', 'team_invite_keys.created_by')
    .selectAll('team_invite_keys')
    .select('users.nickname as created_by_nickname')
    .where('team_invite_keys.team_id', '=', teamId)
    .orderBy('team_invite_keys.created_at')
    .execute();
}

export function findInviteKeyByHash(db: Kysely<DB>, hash: string) {
  return db.selectFrom('team_invite_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
}

/** Spends a key: one atomic update, so two racing joins cannot both use it. */
export async function spendInviteKey(db: Kysely<DB>, id: string, userId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('team_invite_keys')
    .set({ used_by: userId, used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function revokeInviteKey(db: Kysely<DB>, teamId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('team_invite_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('team_id', '=', teamId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
