import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CreateInviteKeyRequestSchema, Invitation, InviteRequestSchema } from '../../api/teams.js';
import { newInviteKey, sha256 } from '../auth/secrets.js';
import { type AppDeps, nowIso, type Viewer } from '../context.js';
import {
  findInvitation,
  type InvitationRow,
  insertInvitation,
  pendingInvitationsFor,
  pendingInvitationsOfTeam,
  settleInvitation,
} from '../db/invitations.js';
import {
  findInviteKeyByHash,
  insertInviteKey,
  inviteKeysOfTeam,
  revokeInviteKey,
  spendInviteKey,
} from '../db/invite-keys.js';
import { listIdentitiesOfUser } from '../db/oauth.js';
import { findMembership, findTeam } from '../db/teams.js';
import { findUserById } from '../db/users.js';
import { badRequest, conflict, forbidden, notFound } from '../http-error.js';
import { administeredTeam } from './team-access.js';
import { joinTeam } from './team-service.js';

const INVITATION_TTL_MS = 7 * 24 * 3600e3;
const DAY_MS = 24 * 3600e3;

type InvitationWithNames = InvitationRow & { team_name: string; invited_by_nickname: string };

function toInvitation(r: InvitationWithNames): Invitation {
  return {
    id: r.id,
    team_id: r.team_id,
    team_name: r.team_name,
    email: r.email ?? undefined,
    oauth_provider: r.oauth_provider ?? undefined,
    oauth_provider_username: r.oauth_provider_username ?? undefined,
    invited_by_nickname: r.invited_by_nickname,
    role: r.role,
    status: r.status,
    created_at: r.created_at,
    expires_at: r.expires_at,
  };
}

export async function invite(deps: AppDeps, teamId: string, viewer: Viewer, req: z.output<typeof InviteRequestSchema>) {
  await administeredTeam(deps, teamId, viewer);
  const now = deps.clock();
  const pending = await pendingInvitationsOfTeam(deps.database.db, teamId, now.toISOString());
  const username = req.oauth_provider_username?.toLowerCase();
  const same = pending.find((p) =>
    req.email
      ? p.email === req.email
      : p.oauth_provider === req.oauth_provider && p.oauth_provider_username?.toLowerCase() === username,
  );
  if (same) conflict('an invitation is already pending for this person');
  const id = randomUUID();
  await insertInvitation(deps.database.db, {
    id,
    team_id: teamId,
    email: req.email ?? null,
    oauth_provider: req.email ? null : (req.oauth_provider ?? null),
    oauth_provider_username: req.email ? null : (req.oauth_provider_username ?? null),
    invited_by: viewer.id,
    role: req.role,
    status: 'pending',
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
  });
  return toInvitation((await findInvitation(deps.database.db, id)) as InvitationWithNames);
}

export async function teamInvitations(deps: AppDeps, teamId: string, viewer: Viewer) {
  await administeredTeam(deps, teamId, viewer);
  const rows = await pendingInvitationsOfTeam(deps.database.db, teamId, nowIso(deps.clock));
  return { invitations: rows.map(toInvitation) };
}

export async function cancelInvitation(deps: AppDeps, teamId: string, viewer: Viewer, invitationId: string) {
  await administeredTeam(deps, teamId, viewer);
  const inv = await findInvitation(deps.database.db, invitationId);
  if (!inv || inv.team_id !== teamId || !(await settleInvitation(deps.database.db, inv.id, 'cancelled')))
    notFound('pending invitation');
}

async function inviteeOf(deps: AppDeps, viewer: Viewer) {
  const { db } = deps.database;
  const [user, identities] = await Promise.all([findUserById(db, viewer.id), listIdentitiesOfUser(db, viewer.id)]);
  return {
    email: user?.email ?? null,
    identities: identities
      .filter((i) => i.provider_username)
      .map((i) => ({ provider: i.provider, username: (i.provider_username as string).toLowerCase() })),
  };
}

export async function myInvitations(deps: AppDeps, viewer: Viewer) {
  const rows = await pendingInvitationsFor(deps.database.db, await inviteeOf(deps, viewer), nowIso(deps.clock));
  return { invitations: rows.map(toInvitation) };
}

/** An invitation addressed to the caller, still pending; others' invitations are 403 (reference behaviour). */
async function myPendingInvitation(deps: AppDeps, viewer: Viewer, id: string) {
  const inv = await findInvitation(deps.database.db, id);
  if (inv?.status !== 'pending' || inv.expires_at <= nowIso(deps.clock)) return notFound('pending invitation');
  const mine = await myInvitations(deps, viewer);
  if (!mine.invitations.some((i) => i.id === id)) forbidden('this invitation is not for you');
  return inv;
}

export async function acceptInvitation(deps: AppDeps, viewer: Viewer, id: string) {
  const inv = await myPendingInvitation(deps, viewer, id);
  if (await findMembership(deps.database.db, inv.team_id, viewer.id)) conflict('already a member of this team');
  if (!(await settleInvitation(deps.database.db, inv.id, 'accepted'))) notFound('pending invitation');
  await joinTeam(deps, inv.team_id, viewer.id, inv.role);
  return { team_id: inv.team_id, role: inv.role };
}

export async function declineInvitation(deps: AppDeps, viewer: Viewer, id: string) {
  const inv = await myPendingInvitation(deps, viewer, id);
  if (!(await settleInvitation(deps.database.db, inv.id, 'declined'))) notFound('pending invitation');
}

export async function createInviteKey(
  deps: AppDeps,
  teamId: string,
  viewer: Viewer,
  req: z.output<typeof CreateInviteKeyRequestSchema>,
) {
  await administeredTeam(deps, teamId, viewer);
  const now = deps.clock();
  const key = newInviteKey();
  const id = randomUUID();
  const expires_at = new Date(now.getTime() + req.expires_in_days * DAY_MS).toISOString();
  await insertInviteKey(deps.database.db, {
    id,
    team_id: teamId,
    key_hash: sha256(key),
    role: req.role,
    created_by: viewer.id,
    created_at: now.toISOString(),
    expires_at,
    used_by: null,
    used_at: null,
    revoked_at: null,
  });
  return { key_id: id, invite_key: key, role: req.role, expires_at };
}

export async function listInviteKeys(deps: AppDeps, teamId: string, viewer: Viewer) {
  await administeredTeam(deps, teamId, viewer);
  const rows = await inviteKeysOfTeam(deps.database.db, teamId);
  return {
    keys: rows.map((k) => ({
      id: k.id,
      role: k.role,
      created_by_nickname: k.created_by_nickname,
      created_at: k.created_at,
      expires_at: k.expires_at,
      used_at: k.used_at ?? undefined,
      revoked_at: k.revoked_at ?? undefined,
    })),
  };
}

export async function revokeKey(deps: AppDeps, teamId: string, viewer: Viewer, keyId: string) {
  await administeredTeam(deps, teamId, viewer);
  if (!(await revokeInviteKey(deps.database.db, teamId, keyId, nowIso(deps.clock)))) notFound('unused invite key');
}

/** Spends a single-use key. Unknown, used, revoked and expired keys all look alike (400/404). */
export async function joinWithKey(deps: AppDeps, viewer: Viewer, inviteKey: string) {
  const { db } = deps.database;
  if (!inviteKey.startsWith('ostk_')) badRequest('not an invite key');
  const key = (await findInviteKeyByHash(db, sha256(inviteKey))) ?? notFound('invite key');
  const team = (await findTeam(db, key.team_id)) ?? notFound('invite key');
  if (await findMembership(db, key.team_id, viewer.id)) conflict('already a member of this team');
  if (!(await spendInviteKey(db, key.id, viewer.id, nowIso(deps.clock)))) notFound('invite key');
  await joinTeam(deps, key.team_id, viewer.id, key.role);
  return { team_id: team.id, team_name: team.name, role: key.role };
}
