import { Hono } from 'hono';
import {
  AddMemberRequestSchema,
  CreateInviteKeyRequestSchema,
  CreateTeamRequestSchema,
  InviteRequestSchema,
  JoinWithKeyRequestSchema,
  TeamStatsQuerySchema,
  UpdateTeamRequestSchema,
} from '../../api/teams.js';
import { requireViewer } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../context.js';
import * as inv from '../services/invitation-service.js';
import * as teams from '../services/team-service.js';
import { parseJsonBody, parseQuery } from '../validate.js';

export function teamRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const viewer = requireViewer(c);
      return c.json(await teams.createTeam(deps, viewer, await parseJsonBody(c, CreateTeamRequestSchema)), 201);
    })
    .get('/', async (c) => c.json(await teams.listMyTeams(deps, requireViewer(c))))
    .post('/join-with-key', async (c) => {
      const viewer = requireViewer(c);
      const { invite_key } = await parseJsonBody(c, JoinWithKeyRequestSchema);
      return c.json(await inv.joinWithKey(deps, viewer, invite_key));
    })
    .get('/:id', async (c) => c.json(await teams.teamDetail(deps, c.req.param('id'), c.get('viewer'))))
    .put('/:id', async (c) => {
      const viewer = requireViewer(c);
      return c.json(
        await teams.patchTeam(deps, c.req.param('id'), viewer, await parseJsonBody(c, UpdateTeamRequestSchema)),
      );
    })
    .get('/:id/stats', async (c) => {
      const { time_range } = parseQuery(c, TeamStatsQuerySchema);
      return c.json(await teams.teamStats(deps, c.req.param('id'), c.get('viewer'), time_range));
    })
    .get('/:id/members', async (c) => c.json(await teams.listMembers(deps, c.req.param('id'), c.get('viewer'))))
    .post('/:id/members', async (c) => {
      const viewer = requireViewer(c);
      return c.json(
        await teams.addMember(deps, c.req.param('id'), viewer, await parseJsonBody(c, AddMemberRequestSchema)),
        201,
      );
    })
    .delete('/:id/members/:userId', async (c) => {
      await teams.removeMember(deps, c.req.param('id'), requireViewer(c), c.req.param('userId'));
      return c.body(null, 204);
    })
    .post('/:id/invite', async (c) => {
      const viewer = requireViewer(c);
      return c.json(
        await inv.invite(deps, c.req.param('id'), viewer, await parseJsonBody(c, InviteRequestSchema)),
        201,
      );
    })
    .get('/:id/invitations', async (c) => c.json(await inv.teamInvitations(deps, c.req.param('id'), requireViewer(c))))
    .delete('/:id/invitations/:invitationId', async (c) => {
      await inv.cancelInvitation(deps, c.req.param('id'), requireViewer(c), c.req.param('invitationId'));
      return c.body(null, 204);
    })
    .post('/:id/keys', async (c) => {
      const viewer = requireViewer(c);
      const req = await parseJsonBody(c, CreateInviteKeyRequestSchema);
      return c.json(await inv.createInviteKey(deps, c.req.param('id'), viewer, req), 201);
    })
    .get('/:id/keys', async (c) => c.json(await inv.listInviteKeys(deps, c.req.param('id'), requireViewer(c))))
    .delete('/:id/keys/:keyId', async (c) => {
      await inv.revokeKey(deps, c.req.param('id'), requireViewer(c), c.req.param('keyId'));
      return c.body(null, 204);
    });
}
