import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, createTestApp, describeEachDialect, type TestApp } from '../../test/support/server-harness.js';

describeEachDialect('app-wide behaviour', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('reports health with the database state and version', async () => {
    const r = await call(t.app, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', version: t.config.version, db: 'ok', dialect });
  });

  it('sets security headers and a request id', async () => {
    const r = await call(t.app, 'GET', '/api/health');
    expect(r.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS only for the configured origin', async () => {
    const ok = await call(t.app, 'OPTIONS', '/api/sessions', {
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(ok.res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const evil = await call(t.app, 'OPTIONS', '/api/sessions', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight with the allowed methods and headers, and varies API responses by origin', async () => {
    const pre = await call(t.app, 'OPTIONS', '/api/sessions', {
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.res.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE,OPTIONS');
    expect(pre.res.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,Last-Event-ID');
    expect(pre.res.headers.get('access-control-max-age')).toBe('600');
    expect(pre.res.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
    expect(pre.res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const get = await call(t.app, 'GET', '/api/health', { headers: { origin: 'http://localhost:3000' } });
    expect(get.res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(get.res.headers.get('vary')).toBe('Origin');
    const missing = await call(t.app, 'GET', '/api/nope', { headers: { origin: 'http://localhost:3000' } });
    expect(missing.res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(missing.res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers unknown routes and oversized JSON bodies with JSON errors', async () => {
    const nf = await call(t.app, 'GET', '/api/nope');
    expect(nf.status).toBe(404);
    expect(nf.body.error.code).toBe('not_found');
    const big = await call(t.app, 'POST', '/api/register', { json: { nickname: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it('serves an OpenAPI document generated from the schemas, HTML and markdown docs, and llms.txt', async () => {
    const o = await call(t.app, 'GET', '/docs/openapi.json');
    expect(o.body.openapi).toBe('3.1.0');
    expect(o.body.paths['/api/sessions'].post.requestBody.content['application/x-ndjson']).toBeDefined();
    expect(o.body.paths['/api/sync/pull'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'team_id',
      'cursor',
      'since',
      'limit',
    ]);
    expect(
      o.body.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.properties.password,
    ).toMatchObject({ minLength: 8, maxLength: 128 });
    const html = await call(t.app, 'GET', '/docs');
    expect(html.res.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('/api/sessions/{id}/stream');
    const md = await call(t.app, 'GET', '/docs', { headers: { accept: 'text/markdown' } });
    expect(md.body).toContain('| POST | `/api/sessions` | Bearer |');
    const llms = await call(t.app, 'GET', '/llms.txt');
    expect(llms.body).toContain('# OpenSession');
    expect(llms.body).toContain('application/x-ndjson');
  });
});
