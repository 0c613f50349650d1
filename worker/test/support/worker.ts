import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { parse } from 'smol-toml';
import { inject } from 'vitest';
import type { D1Database, R2ObjectBody } from '../../src/bindings.js';
import { WORKER_DIR } from './paths.js';

export const TEST_SECRET = 'worker-test-secret-that-is-at-least-32-bytes';

/** Test settings: cheap password hashing, generous rate limits, quick stream polling. */
const TEST_VARS: Record<string, string> = {
  OPENSESSION_BASE_URL: 'http://localhost:3000',
  JWT_SECRET: TEST_SECRET,
  OPENSESSION_LOG_LEVEL: 'silent',
  OPENSESSION_RATE_LIMIT_MAX: '1000',
  OPENSESSION_SCRYPT_N: '1024',
  OPENSESSION_STREAM_POLL_MS: '50',
  // Far below D1's 100, so the suite also runs every larger query with inlined literals.
  OPENSESSION_D1_MAX_PARAMETERS: '12',
};

export interface WorkerTarget {
  url: string;
  mf: Miniflare;
  close(): Promise<void>;
}

/** The bucket as tests look into it (miniflare's own types need @cloudflare/workers-types). */
export interface TestBucket {
  list(opts: { prefix: string }): Promise<{ objects: Array<{ key: string }> }>;
  get(key: string): Promise<R2ObjectBody | null>;
}

export const d1Of = async (w: WorkerTarget) => (await w.mf.getD1Database('DB')) as unknown as D1Database;
export const bodiesOf = async (w: WorkerTarget) => (await w.mf.getR2Bucket('BODIES')) as unknown as TestBucket;

interface WranglerToml {
  compatibility_date: string;
  compatibility_flags?: string[];
}

/** The statements of a generated migration file, one per `;` that ends a line. */
export function migrationStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Applies worker/migrations in order, each file as one batch, as `wrangler d1 migrations apply` does. */
async function migrate(mf: Miniflare): Promise<void> {
  const db = (await mf.getD1Database('DB')) as unknown as D1Database;
  const dir = path.join(WORKER_DIR, 'migrations');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = migrationStatements(readFileSync(path.join(dir, file), 'utf8'));
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}

/**
 * The bundled Worker in workerd (miniflare) with in-memory D1 and R2, migrated, listening on an
 * ephemeral 127.0.0.1 port. Compatibility settings come from wrangler.toml.
 */
export async function startWorker(vars: Record<string, string> = {}): Promise<WorkerTarget> {
  const toml = parse(readFileSync(path.join(WORKER_DIR, 'wrangler.toml'), 'utf8')) as unknown as WranglerToml;
  const script = inject('workerScript');
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: path.dirname(script),
    compatibilityDate: toml.compatibility_date,
    compatibilityFlags: toml.compatibility_flags ?? [],
    d1Databases: ['DB'],
    r2Buckets: ['BODIES'],
    bindings: { ...TEST_VARS, ...vars },
    host: '127.0.0.1',
    port: 0,
  });
  const url = (await mf.ready).origin;
  await migrate(mf);
  return { url, mf, close: () => mf.dispose() };
}
