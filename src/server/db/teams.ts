import type { Kysely, Selectable } from 'kysely';
import type { DB, TeamMembersTable, TeamsTable } from './schema.js';

export type TeamRow = Selectable<TeamsTable>;
export type MemberRow = Selectable<TeamMembersTable>;
export type Role = MemberRow['role'];

export function findTeam(db: Kysely<DB>, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMembership(db: Kysely<DB>, teamId: string, userId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Creates a team with its creator as admin, atomically. */
export async function insertTeam(db: Kysely<DB>, team: TeamRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('teams').values(team).execute();
    await trx
      .insertInto('team_members')
      .values({ team_id: team.id, user_id: team.created_by, role: 'admin', joined_at: team.created_at })
      .execute();
  });
}

export async function updateTeam(db: Kysely<DB>, id: string, patch: Partial<Omit<TeamRow, 'id'>>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('teams').set(patch).where('id', '=', id).execute();
}

export function teamsOfUser(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('teams')
    .innerJoin('team_members', 'team_members.team_id', 'teams.id')
    .selectAll('teams')
    .select('team_members.role')
    .select((eb) =>
      eb
        .selectFrom('team_members as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.team_id', '=', 'teams.id')
        .as('member_count'),
    )
    .where('team_members.user_id', '=', userId)
    .orderBy('teams.created_at')
    .execute();
}

export async function memberCount(db: Kysely<DB>, teamId: string): Promise<number> {
  const r = await db
    .selectFrom('team_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function membersOf(db: Kysely<DB>, teamId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['team_members.user_id', 'users.nickname', 'team_members.role', 'team_members.joined_at'])
    .where('team_members.team_id', '=', teamId)
    .orderBy('team_members.joined_at')
    .execute();
}

export async function insertMember(db: Kysely<DB>, m: MemberRow): Promise<void> {
  await db.insertInto('team_members').values(m).execute();
}

export async function deleteMember(db: Kysely<DB>, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

export async function adminCount(db: Kysely<DB>, teamId: string): Promise<number> {
  const r = await db
    .selectFrom('team_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('team_id', '=', teamId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
