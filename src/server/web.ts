import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

const isApiPath = (p: string) => p === '/api' || p.startsWith('/api/') || p.startsWith('/docs') || p === '/llms.txt';

/**
 * Serves the web build: files as they are, and index.html for any other GET that is not an API
 * path, so client-side routes (/session/<id>, /settings …) load the app. A no-op when the dir is absent.
 */
export function mountWebApp(app: Hono<AppEnv>, webDir: string): boolean {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  app.use('*', async (c, next) => (isApiPath(c.req.path) ? next() : serveStatic({ root: webDir })(c, next)));
  app.get('*', async (c, next) =>
    isApiPath(c.req.path) ? next() : serveStatic({ root: webDir, path: 'index.html' })(c, next),
  );
  return true;
}
