import path from 'node:path';
import { createAccessTokens } from './auth/access-tokens.js';
import type { BlobStore } from './blobs/blob-store.js';
import { createDbBlobStore } from './blobs/db-store.js';
import { createDiskBlobStore } from './blobs/disk-store.js';
import type { ServerConfig } from './config.js';
import type { AppDeps, Clock } from './context.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrations.js';
import type { Database } from './db/schema.js';
import { createLiveNotifier } from './live-notifier.js';
import { createLogger, type Logger } from './logger.js';

export function createBlobStore(config: ServerConfig, database: Database): BlobStore {
  return config.blobStore === 'db'
    ? createDbBlobStore(database)
    : createDiskBlobStore(path.join(config.dataDir, 'bodies'));
}

export interface DepsOverrides {
  clock?: Clock;
  log?: Logger;
  database?: Database;
}

/** Opens the database (migrated) and builds the rest of the app's dependencies from the config. */
export async function createDeps(config: ServerConfig, overrides: DepsOverrides = {}): Promise<AppDeps> {
  const database = overrides.database ?? openDatabase({ dialect: config.dialect, url: config.databaseUrl });
  await migrateToLatest(database);
  const log = overrides.log ?? createLogger(config.logLevel);
  await database.watchWrites?.((message, error) => log.warn(message, { error: error.message }));
  return {
    database,
    blobs: createBlobStore(config, database),
    config,
    clock: overrides.clock ?? (() => new Date()),
    log,
    tokens: createAccessTokens(config.jwtSecret, config.baseUrl),
    live: createLiveNotifier(),
  };
}
