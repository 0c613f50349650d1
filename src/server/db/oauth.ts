import type { Kysely, Selectable } from 'kysely';
import type { DB, OAuthIdentitiesTable, OAuthStatesTable } from './schema.js';

export type OAuthIdentityRow = Selectable<OAuthIdentitiesTable>;
export type OAuthStateRow = Selectable<OAuthStatesTable>;

export function listIdentitiesOfUser(db: Kysely<DB>, userId: string): Promise<OAuthIdentityRow[]> {
  return db.selectFrom('oauth_identities').selectAll().where('user_id', '=', userId).orderBy('provider').execute();
}

export function findIdentity(db: Kysely<DB>, provider: string, providerUserId: string) {
  return db
    .selectFrom('oauth_identities')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_user_id', '=', providerUserId)
    .executeTakeFirst();
}

export async function insertIdentity(db: Kysely<DB>, row: OAuthIdentityRow): Promise<void> {
  await db.insertInto('oauth_identities').values(row).execute();
}

export async function insertOAuthState(db: Kysely<DB>, row: OAuthStateRow): Promise<void> {
  await db.insertInto('oauth_states').values(row).execute();
}

/** Deletes and returns a state: each state works once, even when two callbacks race. */
export async function takeOAuthState(db: Kysely<DB>, state: string): Promise<OAuthStateRow | undefined> {
  return db.deleteFrom('oauth_states').where('state', '=', state).returningAll().executeTakeFirst();
}

export async function pruneOAuthStates(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('oauth_states').where('expires_at', '<', now).execute();
}
