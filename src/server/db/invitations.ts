import type { Kysely, Selectable } from 'kysely';
import type { DB, TeamInvitationsTable } from './schema.js';

export type InvitationRow = Selectable<TeamInvitationsTable>;

export async function insertInvitation(db: Kysely<DB>, row: InvitationRow): Promise<void> {
  await db.insertInto('team_invitations').values(row).execute();
}

/** Invitations joined with what the API shows about them. */
function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('team_invitations')
    .innerJoin('teams', 'teams.id', 'team_invitations.team_id')
    .innerJoin('users', 'users.id', 'team_invitations.invited_by')
    .selectAll('team_invitations')
    .select(['teams.name as team_name', 'users.nickname as invited_by_nickname']);
}

export function findInvitation(db: Kysely<DB>, id: string) {
  return withNames(db).where('team_invitations.id', '=', id).executeTakeFirst();
}

export function pendingInvitationsOfTeam(db: Kysely<DB>, teamId: string, now: string) {
  return withNames(db)
    .where('team_invitations.team_id', '=', teamId)
    .where('team_invitations.status', '=', 'pending')
    .where('team_invitations.expires_at', '>', now)
    .orderBy('team_invitations.created_at')
    .execute();
}

export interface Invitee {
  email: string | null;
  /** provider -> lowercased username */
  identities: Array<{ provider: string; username: string }>;
}

/** Pending, unexpired invitations addressed to this email or to one of these OAuth usernames. */
export function pendingInvitationsFor(db: Kysely<DB>, who: Invitee, now: string) {
  return withNames(db)
    .where('team_invitations.status', '=', 'pending')
    .where('team_invitations.expires_at', '>', now)
    .where((eb) => {
      const ors = who.identities.map((i) =>
        eb.and([
          eb('team_invitations.oauth_provider', '=', i.provider),
          eb(eb.fn('lower', ['team_invitations.oauth_provider_username']), '=', i.username),
        ]),
      );
      if (who.email) ors.push(eb('team_invitations.email', '=', who.email));
      return eb.or(ors);
    })
    .orderBy('team_invitations.created_at')
    .execute();
}

/** Moves a pending invitation to a final status; false when it was no longer pending. */
export async function settleInvitation(db: Kysely<DB>, id: string, status: InvitationRow['status']): Promise<boolean> {
  const r = await db
    .updateTable('team_invitations')
    .set({ status })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
