import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_WEB_DIR, loadConfig } from './config.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'opensession-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('generates a JWT secret once in the data dir with mode 0600, and says so', () => {
    const dir = tempDir();
    const first = loadConfig({ OPENSESSION_DATA_DIR: dir });
    const file = path.join(dir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.notices.join()).toContain('generated a JWT secret');
    expect(Buffer.byteLength(first.config.jwtSecret)).toBeGreaterThanOrEqual(32);
    const second = loadConfig({ OPENSESSION_DATA_DIR: dir });
    expect(second.config.jwtSecret).toBe(first.config.jwtSecret);
    expect(second.notices).toEqual([]);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.config.jwtSecret);
  });

  it('serves the web build inside the package unless OPENSESSION_WEB_DIR says otherwise', () => {
    const dir = tempDir();
    const root = path.resolve(import.meta.dirname, '../..');
    expect(loadConfig({ OPENSESSION_DATA_DIR: dir }).config.webDir).toBe(path.join(root, 'dist', 'web'));
    expect(DEFAULT_WEB_DIR).toBe(path.join(root, 'dist', 'web'));
    expect(loadConfig({ OPENSESSION_DATA_DIR: dir, OPENSESSION_WEB_DIR: 'elsewhere' }).config.webDir).toBe(
      path.resolve('elsewhere'),
    );
  });

  it('refuses a JWT secret shorter than 32 bytes', () => {
    expect(() => loadConfig({ OPENSESSION_DATA_DIR: tempDir(), JWT_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('selects PostgreSQL from a postgres:// DATABASE_URL and then requires JWT_SECRET', () => {
    const env = { OPENSESSION_DATA_DIR: tempDir(), DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };
    expect(() => loadConfig(env)).toThrow(/JWT_SECRET is required/);
    const { config } = loadConfig({ ...env, JWT_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ dialect: 'postgres', blobStore: 'db', databaseUrl: env.DATABASE_URL });
  });

  it('defaults to SQLite in the data dir, 64 MiB uploads and CORS for the base URL only', () => {
    const dir = tempDir();
    const { config } = loadConfig({
      OPENSESSION_DATA_DIR: dir,
      JWT_SECRET: 'y'.repeat(40),
      OPENSESSION_BASE_URL: 'https://s.example.com/',
    });
    expect(config).toMatchObject({
      dialect: 'sqlite',
      blobStore: 'disk',
      databaseUrl: path.join(dir, 'opensession.db'),
      maxUploadBytes: 64 * 1024 * 1024,
      baseUrl: 'https://s.example.com',
      corsOrigins: ['https://s.example.com'],
      port: 3000,
    });
  });

  it('reads OAuth presets from the environment', () => {
    const { config } = loadConfig({
      OPENSESSION_DATA_DIR: tempDir(),
      JWT_SECRET: 'z'.repeat(32),
      GITHUB_CLIENT_ID: 'a',
      GITHUB_CLIENT_SECRET: 'b',
      GOOGLE_CLIENT_ID: 'c',
      GOOGLE_CLIENT_SECRET: 'd',
      GITLAB_CLIENT_ID: 'e',
      GITLAB_CLIENT_SECRET: 'f',
      GITLAB_URL: 'https://git.example.com',
      OIDC_ISSUER: 'https://idp.example.com/',
      OIDC_CLIENT_ID: 'g',
      OIDC_CLIENT_SECRET: 'h',
    });
    expect(config.oauth.map((p) => [p.id, p.kind])).toEqual([
      ['github', 'github'],
      ['gitlab', 'gitlab'],
      ['google', 'oidc'],
      ['oidc', 'oidc'],
    ]);
    expect(config.oauth[1]?.tokenUrl).toBe('https://git.example.com/oauth/token');
    expect(config.oauth[3]?.issuer).toBe('https://idp.example.com');
  });

  it('rejects invalid values', () => {
    expect(() => loadConfig({ OPENSESSION_DATA_DIR: tempDir(), JWT_SECRET: 'z'.repeat(32), PORT: 'abc' })).toThrow(
      ConfigError,
    );
  });
});
