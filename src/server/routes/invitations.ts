import { Hono } from 'hono';
import { requireViewer } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../context.js';
import * as inv from '../services/invitation-service.js';

export function invitationRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await inv.myInvitations(deps, requireViewer(c))))
    .post('/:id/accept', async (c) => c.json(await inv.acceptInvitation(deps, requireViewer(c), c.req.param('id'))))
    .post('/:id/decline', async (c) => {
      await inv.declineInvitation(deps, requireViewer(c), c.req.param('id'));
      return c.json({ ok: true as const });
    });
}
