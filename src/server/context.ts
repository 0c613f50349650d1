import type { AccessTokenSigner } from './auth/access-tokens.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { ServerConfig } from './config.js';
import type { Database } from './db/schema.js';
import type { LiveNotifier } from './live-notifier.js';
import type { Logger } from './logger.js';

export type Clock = () => Date;

/** The authenticated caller. */
export interface Viewer {
  id: string;
  nickname: string;
  isAdmin: boolean;
}

/** Everything the app needs from outside; injected so tests use temp dirs, real databases and a fixed clock. */
export interface AppDeps {
  database: Database;
  blobs: BlobStore;
  config: ServerConfig;
  clock: Clock;
  log: Logger;
  tokens: AccessTokenSigner;
  live: LiveNotifier;
}

export interface AppEnv {
  Variables: { viewer: Viewer | undefined; requestId: string };
}

export const nowIso = (clock: Clock): string => clock().toISOString();
