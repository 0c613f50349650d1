import { Hono } from 'hono';
import { SyncPullQuerySchema } from '../../api/sync.js';
import { requireViewer } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../context.js';
import { syncPull } from '../services/sync-service.js';
import { parseQuery } from '../validate.js';

export function syncRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/pull', async (c) => {
    const viewer = requireViewer(c);
    return c.json(await syncPull(deps, viewer, parseQuery(c, SyncPullQuerySchema)));
  });
}
