import { Hono } from 'hono';
import { authenticate } from './auth/authenticate.js';
import type { AppDeps, AppEnv } from './context.js';
import { bodyLimit } from './middleware/body-limit.js';
import { corsAllowList } from './middleware/cors.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { authRoutes } from './routes/auth.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { invitationRoutes } from './routes/invitations.js';
import { oauthRoutes } from './routes/oauth.js';
import { sessionRoutes } from './routes/sessions.js';
import { syncRoutes } from './routes/sync.js';
import { teamRoutes } from './routes/teams.js';
import { forgetTotalsOnWrite } from './services/list-totals.js';

/** Routes whose bodies are session files rather than small JSON documents. */
const isSessionBodyRoute = (method: string, path: string) =>
  method === 'POST' && (path === '/api/sessions' || /^\/api\/sessions\/[^/]+\/events$/.test(path));

/** The whole HTTP API, built from injected dependencies (no globals, no listening socket). */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config } = deps;
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.log));
  app.notFound(notFoundHandler);
  app.use('*', requestLog(deps.log));
  app.use('*', securityHeaders());
  app.use('/api/*', corsAllowList(config.corsOrigins));
  app.use(
    '*',
    bodyLimit({
      maxBytesFor: (method, path) => (isSessionBodyRoute(method, path) ? config.maxUploadBytes : config.maxJsonBytes),
    }),
  );
  app.use('/api/*', authenticate(deps));
  app.use('/api/*', forgetTotalsOnWrite(deps.database));
  app.route('/api', healthRoutes(deps));
  app.route('/api', authRoutes(deps));
  app.route('/api/auth', oauthRoutes(deps));
  app.route('/api/sessions', sessionRoutes(deps));
  app.route('/api/teams', teamRoutes(deps));
  app.route('/api/invitations', invitationRoutes(deps));
  app.route('/api/sync', syncRoutes(deps));
  app.route('/', docsRoutes(deps));
  return app;
}
