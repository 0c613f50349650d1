import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, describe } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadConfig, type ServerConfig } from '../../src/server/config.js';
import type { AppDeps, AppEnv } from '../../src/server/context.js';
import type { Dialect } from '../../src/server/db/schema.js';
import { createDeps } from '../../src/server/deps.js';
import { createLogger } from '../../src/server/logger.js';
import { call } from './http-calls.js';
import { createTempDatabase, PG_MISSING_MESSAGE, pgAdminUrl, stopWorkerCluster } from './postgres.js';

export { type CallOptions, call, http } from './http-calls.js';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public now = new Date('2026-02-01T12:00:00.000Z')) {}
  readonly read = (): Date => new Date(this.now);
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface TestConfigOptions {
  dialect: Dialect;
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** A config over a temp data dir, with cheap password hashing and a high rate limit unless overridden. */
export function testConfig(dataDir: string, opts: TestConfigOptions): ServerConfig {
  const { config } = loadConfig({
    OPENSESSION_DATA_DIR: dataDir,
    OPENSESSION_BASE_URL: 'http://localhost:3000',
    JWT_SECRET: TEST_SECRET,
    OPENSESSION_RATE_LIMIT_MAX: '1000',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
  return { ...config, scryptN: 1024, streamPollMs: 50, logLevel: 'silent' };
}

export interface TestApp {
  app: Hono<AppEnv>;
  deps: AppDeps;
  clock: TestClock;
  config: ServerConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  configure?: (c: ServerConfig) => ServerConfig;
}

/** An app on a fresh database of the dialect (a temp SQLite file, or a new PostgreSQL database). */
export async function createTestApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opensession-server-'));
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const admin = await pgAdminUrl();
    if (!admin) throw new Error(PG_MISSING_MESSAGE);
    const tmp = await createTempDatabase(admin);
    databaseUrl = tmp.url;
    dropDb = tmp.drop;
  }
  const base = testConfig(dataDir, { dialect, databaseUrl, env: opts.env });
  const config = opts.configure ? opts.configure(base) : base;
  const clock = new TestClock();
  const deps = await createDeps(config, { clock: clock.read, log: createLogger('silent') });
  return {
    app: createApp(deps),
    deps,
    clock,
    config,
    async close() {
      await deps.database.close();
      await dropDb?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when PostgreSQL tests can run here (binaries or a cluster URL from the global setup). */
export async function postgresAvailable(): Promise<boolean> {
  return (await pgAdminUrl()) !== undefined;
}

const pgAvailable = await postgresAvailable();
if (!pgAvailable) console.warn(PG_MISSING_MESSAGE);
// Without the global setup each test file starts its own cluster: stop it when the file is done.
afterAll(stopWorkerCluster);

/** Declares the same suite once per dialect; the PostgreSQL copy is skipped (with a message) only when binaries are missing. */
export function describeEachDialect(name: string, fn: (dialect: Dialect) => void): void {
  describe(`${name} [sqlite]`, () => fn('sqlite'));
  (pgAvailable ? describe : describe.skip)(`${name} [postgres]`, () => fn('postgres'));
}

/** Registers a nickname user; returns its API key and id. */
export async function registerUser(app: Hono<AppEnv>, nickname: string): Promise<{ token: string; id: string }> {
  const r = await call(app, 'POST', '/api/register', { json: { nickname } });
  if (r.status !== 201) throw new Error(`register ${nickname}: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.api_key, id: r.body.user_id };
}

export interface TestServer {
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/** A real HTTP server (node-server on 127.0.0.1, ephemeral port) over a fresh database of the dialect. */
export async function startTestServer(
  dialect: Dialect,
  opts: TestAppOptions & { databaseUrl?: string } = {},
): Promise<TestServer> {
  const { startServer } = await import('../../src/server/serve.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opensession-serve-'));
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  if (dialect === 'postgres' && !databaseUrl) {
    const admin = await pgAdminUrl();
    if (!admin) throw new Error(PG_MISSING_MESSAGE);
    const tmp = await createTempDatabase(admin);
    databaseUrl = tmp.url;
    dropDb = tmp.drop;
  }
  const base = { ...testConfig(dataDir, { dialect, databaseUrl, env: opts.env }), host: '127.0.0.1', port: 0 };
  const config = opts.configure ? opts.configure(base) : base;
  const server = await startServer(config, { log: createLogger('silent') });
  return {
    url: server.url,
    deps: server.deps,
    async close() {
      await server.close();
      await dropDb?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
