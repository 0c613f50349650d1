import { Hono } from 'hono';
import type { ProvidersResponse } from '../../api/auth.js';
import { requireViewer } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../context.js';
import { finishOAuth, provider, startOAuth } from '../oauth/oauth-service.js';

/** Mounted at /api/auth. */
export function oauthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/providers', (c) => {
      const body: ProvidersResponse = {
        email_password: true,
        oauth: deps.config.oauth.map((p) => ({ id: p.id, display_name: p.displayName })),
      };
      return c.json(body);
    })
    .get('/oauth/:provider', async (c) =>
      c.redirect(await startOAuth(deps, provider(deps, c.req.param('provider'))), 302),
    )
    .get('/oauth/:provider/callback', async (c) => {
      const p = provider(deps, c.req.param('provider'));
      c.header('Cache-Control', 'no-store');
      return c.redirect(await finishOAuth(deps, p, c.req.query()), 302);
    })
    .post('/oauth/:provider/link', async (c) => {
      const viewer = requireViewer(c);
      return c.json({ url: await startOAuth(deps, provider(deps, c.req.param('provider')), viewer) });
    });
}
