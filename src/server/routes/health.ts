import { Hono } from 'hono';
import { sql } from 'kysely';
import type { HealthResponse } from '../../api/health.js';
import type { AppDeps, AppEnv } from '../context.js';

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/health', async (c) => {
    let db: HealthResponse['db'] = 'ok';
    try {
      await sql`SELECT 1`.execute(deps.database.db);
    } catch (e) {
      db = 'error';
      deps.log.error('health check: database unreachable', { error: (e as Error).message });
    }
    const body: HealthResponse = {
      status: db === 'ok' ? 'ok' : 'degraded',
      version: deps.config.version,
      db,
      dialect: deps.database.dialect,
    };
    return c.json(body, db === 'ok' ? 200 : 503);
  });
}
