import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TimeRange } from '../../api/sessions.js';
import type {
  AddMemberRequestSchema,
  Aggregate,
  CreateTeamRequestSchema,
  Team,
  TeamStats,
  UpdateTeamRequestSchema,
} from '../../api/teams.js';
import { type AppDeps, nowIso, type Viewer } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { listSessionRows, rangeStart } from '../db/session-list.js';
import { nicknamesOf } from '../db/sessions.js';
import { aggregateSessions } from '../db/team-stats.js';
import {
  adminCount,
  deleteMember,
  findMembership,
  findTeam,
  insertMember,
  insertTeam,
  memberCount,
  membersOf,
  type Role,
  type TeamRow,
  teamsOfUser,
  updateTeam,
} from '../db/teams.js';
import { findUserById, findUserByNickname } from '../db/users.js';
import { conflict, notFound } from '../http-error.js';
import { toSummary } from './session-view.js';
import { administeredTeam, readableTeam } from './team-access.js';

const TEAM_DETAIL_SESSIONS = 50;

export function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? undefined,
    is_public: row.is_public === 1,
    created_by: row.created_by,
    created_at: row.created_at,
  };
}

export async function createTeam(deps: AppDeps, viewer: Viewer, req: z.output<typeof CreateTeamRequestSchema>) {
  const row: TeamRow = {
    id: randomUUID(),
    name: req.name,
    description: req.description ?? null,
    is_public: req.is_public ? 1 : 0,
    created_by: viewer.id,
    created_at: nowIso(deps.clock),
  };
  await insertTeam(deps.database.db, row);
  return toTeam(row);
}

export async function listMyTeams(deps: AppDeps, viewer: Viewer) {
  const rows = await teamsOfUser(deps.database.db, viewer.id);
  return { teams: rows.map((r) => ({ ...toTeam(r), role: r.role, member_count: Number(r.member_count) })) };
}

export async function teamDetail(deps: AppDeps, teamId: string, viewer: Viewer | undefined) {
  const { team, role } = await readableTeam(deps, teamId, viewer);
  const rows = await listSessionRows(
    deps.database,
    { viewer, teamId },
    { sort: 'recent', limit: TEAM_DETAIL_SESSIONS, offset: 0 },
  );
  const names = await nicknamesOf(
    deps.database.db,
    rows.map((r) => r.user_id),
  );
  return {
    ...toTeam(team),
    member_count: await memberCount(deps.database.db, teamId),
    my_role: role,
    sessions: rows.map((r) => toSummary(r, names.get(r.user_id))),
  };
}

export async function patchTeam(
  deps: AppDeps,
  teamId: string,
  viewer: Viewer,
  req: z.output<typeof UpdateTeamRequestSchema>,
) {
  await administeredTeam(deps, teamId, viewer);
  await updateTeam(deps.database.db, teamId, {
    ...(req.name !== undefined && { name: req.name }),
    ...(req.description !== undefined && { description: req.description }),
    ...(req.is_public !== undefined && { is_public: req.is_public ? 1 : 0 }),
  });
  return toTeam((await findTeam(deps.database.db, teamId)) ?? notFound('team'));
}

type AggregateRow = Aggregate & { key: string };
const aggregate = ({ key: _key, ...a }: AggregateRow): Aggregate => ({
  session_count: Number(a.session_count),
  message_count: Number(a.message_count),
  event_count: Number(a.event_count),
  tool_call_count: Number(a.tool_call_count),
  duration_seconds: Number(a.duration_seconds),
  total_input_tokens: Number(a.total_input_tokens),
  total_output_tokens: Number(a.total_output_tokens),
});

export async function teamStats(
  deps: AppDeps,
  teamId: string,
  viewer: Viewer | undefined,
  range: TimeRange,
): Promise<TeamStats> {
  await readableTeam(deps, teamId, viewer);
  const scope = { teamId, viewer, createdSince: rangeStart(range, deps.clock()) };
  const [totals, byUser, byTool, byModel] = await Promise.all([
    aggregateSessions(deps.database, scope),
    aggregateSessions(deps.database, scope, 'sessions.user_id'),
    aggregateSessions(deps.database, scope, 'sessions.tool'),
    aggregateSessions(deps.database, scope, 'sessions.agent_model'),
  ]);
  const names = await nicknamesOf(
    deps.database.db,
    byUser.map((r) => r.key),
  );
  return {
    team_id: teamId,
    time_range: range,
    totals: aggregate(totals[0] as AggregateRow),
    by_user: byUser.map((r) => ({ user_id: r.key, nickname: names.get(r.key) ?? 'unknown', ...aggregate(r) })),
    by_tool: byTool.map((r) => ({ tool: r.key, ...aggregate(r) })),
    by_model: byModel.map((r) => ({ model: r.key, ...aggregate(r) })),
  };
}

export async function listMembers(deps: AppDeps, teamId: string, viewer: Viewer | undefined) {
  await readableTeam(deps, teamId, viewer);
  return { members: await membersOf(deps.database.db, teamId) };
}

/** Adds a user to a team (or fails with 409 when already there). */
export async function joinTeam(deps: AppDeps, teamId: string, userId: string, role: Role) {
  const joined_at = nowIso(deps.clock);
  try {
    await insertMember(deps.database.db, { team_id: teamId, user_id: userId, role, joined_at });
  } catch (e) {
    if (isUniqueViolation(e)) conflict('already a member of this team');
    throw e;
  }
  return joined_at;
}

export async function addMember(
  deps: AppDeps,
  teamId: string,
  viewer: Viewer,
  req: z.output<typeof AddMemberRequestSchema>,
) {
  await administeredTeam(deps, teamId, viewer);
  const { db } = deps.database;
  const user = req.user_id ? await findUserById(db, req.user_id) : await findUserByNickname(db, req.nickname ?? '');
  if (!user) return notFound('user');
  const role = req.role ?? 'member';
  const joined_at = await joinTeam(deps, teamId, user.id, role);
  return { user_id: user.id, nickname: user.nickname, role, joined_at };
}

/** Team admins remove anyone; members may remove themselves (leave). A team keeps at least one admin. */
export async function removeMember(deps: AppDeps, teamId: string, viewer: Viewer, userId: string): Promise<void> {
  const { db } = deps.database;
  if (userId !== viewer.id) await administeredTeam(deps, teamId, viewer);
  else await readableTeam(deps, teamId, viewer);
  const membership = (await findMembership(db, teamId, userId)) ?? notFound('member');
  if (membership.role === 'admin' && (await adminCount(db, teamId)) <= 1) conflict('a team needs at least one admin');
  await deleteMember(db, teamId, userId);
}
