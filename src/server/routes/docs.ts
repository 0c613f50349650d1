import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { apiHtml } from '../docs/html.js';
import { apiMarkdown, llmsTxt } from '../docs/markdown.js';
import { openApiDocument } from '../docs/openapi.js';

const CACHE = 'public, max-age=3600';

/** Mounted at the root: /docs, /docs/openapi.json, /llms.txt. Documents are built once. */
export function docsRoutes(deps: AppDeps) {
  const { version, baseUrl } = deps.config;
  const openapi = openApiDocument(version, baseUrl);
  const markdown = apiMarkdown(version, baseUrl);
  const html = apiHtml(version);
  const llms = llmsTxt(version, baseUrl);
  return new Hono<AppEnv>()
    .get('/docs', (c) => {
      c.header('Cache-Control', CACHE);
      if ((c.req.header('accept') ?? '').includes('text/markdown'))
        return c.body(markdown, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
      return c.html(html);
    })
    .get('/docs/openapi.json', (c) => {
      c.header('Cache-Control', CACHE);
      return c.json(openapi);
    })
    .get('/llms.txt', (c) =>
      c.body(llms, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': CACHE }),
    );
}
