import type { AppDeps, Viewer } from '../context.js';
import { findMembership, findTeam, type TeamRow } from '../db/teams.js';
import { forbidden, notFound } from '../http-error.js';

/** The caller's role in a team, or undefined. */
export async function roleIn(deps: AppDeps, teamId: string, viewer: Viewer | undefined) {
  if (!viewer) return undefined;
  return (await findMembership(deps.database.db, teamId, viewer.id))?.role;
}

/** Members may share sessions with a team; for anyone else the team might as well not exist. */
export async function assertMember(deps: AppDeps, teamId: string, viewer: Viewer): Promise<void> {
  if (!(await roleIn(deps, teamId, viewer))) forbidden('not a member of this team');
}

/**
 * A team the caller may look at: members and the instance admin always, anyone when the team is
 * public. Others get 404, so private teams' existence is not revealed. (Looking at a team never
 * shows sessions the caller could not read anyway.)
 */
export async function readableTeam(deps: AppDeps, teamId: string, viewer: Viewer | undefined) {
  const team = await findTeam(deps.database.db, teamId);
  const role = team ? await roleIn(deps, teamId, viewer) : undefined;
  if (!team || (!role && team.is_public !== 1 && !viewer?.isAdmin)) return notFound('team');
  return { team: team as TeamRow, role };
}

/** A team the caller administers (instance admins administer every team); 404 to outsiders of private teams. */
export async function administeredTeam(deps: AppDeps, teamId: string, viewer: Viewer): Promise<TeamRow> {
  const team = (await findTeam(deps.database.db, teamId)) ?? notFound('team');
  const role = await roleIn(deps, teamId, viewer);
  if (role === 'admin' || viewer.isAdmin) return team;
  if (!role && team.is_public !== 1) notFound('team');
  return forbidden('team admin only');
}
