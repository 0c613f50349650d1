import { createAccessTokens } from '../../src/server/auth/access-tokens.js';
import type { AppDeps } from '../../src/server/context.js';
import type { Database, DB } from '../../src/server/db/schema.js';
import { createLiveNotifier } from '../../src/server/live-notifier.js';
import { createLogger } from '../../src/server/logger.js';
import type { WorkerEnv } from './bindings.js';
import { workerConfig } from './config.js';
import { D1Dialect, D1Kysely } from './d1/dialect.js';
import { createR2BlobStore } from './r2-store.js';

/**
 * The server's dependencies from the Worker's bindings: D1 for data, R2 for bodies, secrets and
 * vars for config. The schema comes from `wrangler d1 migrations apply`, not from a migrator here.
 */
export function workerDeps(env: WorkerEnv): AppDeps {
  const { server: config, d1MaxParameters } = workerConfig(env);
  const db = new D1Kysely<DB>({ dialect: new D1Dialect({ database: env.DB, maxParameters: d1MaxParameters }) });
  const database: Database = { db, dialect: 'sqlite', close: () => db.destroy() };
  return {
    database,
    blobs: createR2BlobStore(env.BODIES),
    config,
    clock: () => new Date(),
    // Workers Logs keep what the Worker writes to the console.
    log: createLogger(config.logLevel, (line) => console.log(line)),
    tokens: createAccessTokens(config.jwtSecret, config.baseUrl),
    // Wakes streams served by this isolate at once; the others see changes by polling D1.
    live: createLiveNotifier(),
  };
}
