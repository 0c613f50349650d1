import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './context.js';

const isApiPath = (p: string) => p === '/api' || p.startsWith('/api/') || p.startsWith('/docs') || p === '/llms.txt';

// Vite names built assets by content hash: they never change, so browsers may keep them for good.
// index.html names the current ones, so it must be revalidated on every load.
function cacheHeaders(file: string, c: Context): void {
  const immutable = file.split(path.sep).includes('assets') || file.includes('/assets/');
  c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the web build: files as they are (precompressed .br/.gz when the build wrote them), and
 * index.html for any other GET that is not an API path, so client-side routes (/session/<id>,
 * /settings …) load the app. A no-op when the dir is absent.
 */
export function mountWebApp(app: Hono<AppEnv>, webDir: string): boolean {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  const files = serveStatic({ root: webDir, precompressed: true, onFound: cacheHeaders });
  const fallback = serveStatic({ root: webDir, path: 'index.html', precompressed: true, onFound: cacheHeaders });
  app.use('*', async (c, next) => (isApiPath(c.req.path) ? next() : files(c, next)));
  app.get('*', async (c, next) => (isApiPath(c.req.path) ? next() : fallback(c, next)));
  return true;
}
