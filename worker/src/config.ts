import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { oauthProvidersFromEnv } from '../../src/server/auth/oauth-providers.js';
import type { ServerConfig } from '../../src/server/config.js';
import {
  ConfigError,
  checkSecret,
  corsOrigins,
  emptyAsUndefined,
  envIssue,
  intFrom,
  LogLevelSchema,
  MAX_JSON_DEPTH,
  MAX_LINE_BYTES,
} from '../../src/server/config-env.js';
import { D1_MAX_PARAMETERS } from './d1/dialect.js';

// Vars come from wrangler.toml [vars], secrets from `wrangler secret put`; both arrive as strings.
const WorkerEnvSchema = z.object({
  OPENSESSION_BASE_URL: z.url(),
  JWT_SECRET: z.string({ error: 'JWT_SECRET is not set: run `wrangler secret put JWT_SECRET`' }),
  OPENSESSION_CORS_ORIGINS: z.string().default(''),
  OPENSESSION_LOG_LEVEL: z.preprocess(emptyAsUndefined, LogLevelSchema.default('info')),
  // Workers accept request bodies up to 100 MB (Free and Pro plans).
  OPENSESSION_MAX_UPLOAD_BYTES: intFrom(64 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  OPENSESSION_MAX_JSON_BYTES: intFrom(1024 * 1024, 1024, 64 * 1024 * 1024),
  OPENSESSION_RATE_LIMIT_MAX: intFrom(20, 1, 1_000_000),
  OPENSESSION_RATE_LIMIT_WINDOW_SECONDS: intFrom(60, 1, 86_400),
  // scrypt's cost is CPU time, which Workers meter; hashes record it, so changing it later is safe.
  OPENSESSION_SCRYPT_N: intFrom(2 ** 15, 2 ** 10, 2 ** 20).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
  OPENSESSION_STREAM_POLL_MS: intFrom(2000, 50, 60_000),
  OPENSESSION_D1_MAX_PARAMETERS: intFrom(D1_MAX_PARAMETERS, 1, D1_MAX_PARAMETERS),
});

export interface WorkerConfig {
  server: ServerConfig;
  d1MaxParameters: number;
}

/** Worker vars and secrets -> the server's config (fields that only mean something on a host stay empty). */
export function workerConfig(env: Record<string, unknown>): WorkerConfig {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const parsed = WorkerEnvSchema.safeParse(strings);
  if (!parsed.success) throw envIssue(parsed.error);
  const e = parsed.data;
  const server: ServerConfig = {
    version: pkg.version,
    dataDir: '',
    webDir: '',
    baseUrl: e.OPENSESSION_BASE_URL.replace(/\/+$/, ''),
    host: '',
    port: 0,
    logLevel: e.OPENSESSION_LOG_LEVEL,
    dialect: 'sqlite',
    databaseUrl: 'd1://DB',
    jwtSecret: checkSecret(e.JWT_SECRET),
    // Not read on Workers: bodies go to the R2 store the entry injects.
    blobStore: 'db',
    maxUploadBytes: e.OPENSESSION_MAX_UPLOAD_BYTES,
    maxJsonBytes: e.OPENSESSION_MAX_JSON_BYTES,
    maxLineBytes: MAX_LINE_BYTES,
    maxJsonDepth: MAX_JSON_DEPTH,
    rateLimit: { max: e.OPENSESSION_RATE_LIMIT_MAX, windowSeconds: e.OPENSESSION_RATE_LIMIT_WINDOW_SECONDS },
    corsOrigins: corsOrigins(e.OPENSESSION_BASE_URL, e.OPENSESSION_CORS_ORIGINS),
    // The Worker entry sets X-Forwarded-For from CF-Connecting-IP, which Cloudflare's edge writes.
    trustProxy: true,
    oauth: oauthProvidersFromEnv(strings),
    scryptN: e.OPENSESSION_SCRYPT_N,
    streamPollMs: e.OPENSESSION_STREAM_POLL_MS,
  };
  return { server, d1MaxParameters: e.OPENSESSION_D1_MAX_PARAMETERS };
}

export { ConfigError };
