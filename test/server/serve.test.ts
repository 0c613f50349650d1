import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { http, testConfig } from '../support/server-harness.js';

describe('startServer (real HTTP, SQLite)', () => {
  let dir: string;
  let server: RunningServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opensession-serve-web-'));
    const web = path.join(dir, 'web');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>OpenSession</title>');
    writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(web, 'assets', 'app.js.gz'), gzipSync('console.log(1)'));
    const config = {
      ...testConfig(path.join(dir, 'data'), { dialect: 'sqlite' }),
      webDir: web,
      host: '127.0.0.1',
      port: 0,
    };
    server = await startServer(config, { log: createLogger('info', (l) => logLines.push(l)) });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on an ephemeral loopback port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the web build with a single-page-app fallback, but not for API paths', async () => {
    const asset = await http(server.url, 'GET', '/assets/app.js');
    expect(asset.body).toBe('console.log(1)');
    const route = await http(server.url, 'GET', '/session/abc');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>OpenSession</title>');
    const api = await http(server.url, 'GET', '/api/does-not-exist');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
  });

  it('sends precompressed assets to clients that accept them, cached for good; index.html revalidated', async () => {
    // node:http, not fetch: fetch would decompress the body before the test sees it.
    const gz = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      get(`${server.url}/assets/app.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.body).toString()).toBe('console.log(1)');
    const plain = await http(server.url, 'GET', '/assets/app.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(plain.body).toBe('console.log(1)');
    for (const p of ['/', '/session/abc']) {
      const page = await http(server.url, 'GET', p);
      expect(page.res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('logs one structured line per request, without credentials or query strings', async () => {
    const reg = await http(server.url, 'POST', '/api/register', { json: { nickname: 'logged' } });
    await http(server.url, 'GET', '/api/sessions?search=topsecretquery', { token: reg.body.api_key });
    const requests = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests.some((l) => l.path === '/api/sessions' && l.status === 200 && l.user_id === reg.body.user_id)).toBe(
      true,
    );
    const all = logLines.join('\n');
    expect(all).not.toContain(reg.body.api_key);
    expect(all).not.toContain('topsecretquery');
  });
});
