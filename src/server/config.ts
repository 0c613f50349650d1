import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensureJwtSecret } from './auth/jwt-secret.js';
import { type OAuthProviderConfig, oauthProvidersFromEnv } from './auth/oauth-providers.js';
import {
  ConfigError,
  checkSecret,
  corsOrigins,
  emptyAsUndefined,
  envIssue,
  intFrom,
  type LogLevel,
  LogLevelSchema,
  MAX_JSON_DEPTH,
  MAX_LINE_BYTES,
} from './config-env.js';

export { ConfigError, type LogLevel };

const EnvSchema = z.object({
  OPENSESSION_DATA_DIR: z.string().default('data'),
  OPENSESSION_WEB_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  OPENSESSION_BASE_URL: z.url().default('http://localhost:3000'),
  OPENSESSION_CORS_ORIGINS: z.string().default(''),
  OPENSESSION_HOST: z.string().default('0.0.0.0'),
  PORT: intFrom(3000, 0, 65535),
  JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().optional()),
  OPENSESSION_LOG_LEVEL: z.preprocess(emptyAsUndefined, LogLevelSchema.optional()),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, LogLevelSchema.optional()),
  OPENSESSION_MAX_UPLOAD_BYTES: intFrom(64 * 1024 * 1024, 1024, 2 ** 31),
  OPENSESSION_MAX_JSON_BYTES: intFrom(1024 * 1024, 1024, 64 * 1024 * 1024),
  OPENSESSION_RATE_LIMIT_MAX: intFrom(20, 1, 1_000_000),
  OPENSESSION_RATE_LIMIT_WINDOW_SECONDS: intFrom(60, 1, 86_400),
  OPENSESSION_BLOB_STORE: z.preprocess(emptyAsUndefined, z.enum(['disk', 'db']).optional()),
  OPENSESSION_TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
});

export interface ServerConfig {
  version: string;
  dataDir: string;
  webDir: string;
  baseUrl: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  dialect: 'sqlite' | 'postgres';
  /** postgres://… URL, or the SQLite file path. */
  databaseUrl: string;
  jwtSecret: string;
  blobStore: 'disk' | 'db';
  maxUploadBytes: number;
  maxJsonBytes: number;
  /** JSONL lines longer than this are refused (a line is one event; 16 MiB is generous). */
  maxLineBytes: number;
  /** Deeper JSON nesting is refused: it only serves to exhaust stacks. */
  maxJsonDepth: number;
  rateLimit: { max: number; windowSeconds: number };
  corsOrigins: string[];
  /** Use X-Forwarded-For for the client address (only behind a trusted proxy). */
  trustProxy: boolean;
  oauth: OAuthProviderConfig[];
  /** scrypt cost parameter N; tests lower it. */
  scryptN: number;
  /** How often SSE viewers look for events written by other instances. */
  streamPollMs: number;
}

// src/server or dist/server: the package root is two levels up either way.
const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');
/** Where `npm run build` puts the web app, inside the package so an installed copy serves it. */
export const DEFAULT_WEB_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');

function packageVersion(): string {
  try {
    const pkgPath = path.join(PACKAGE_ROOT, 'package.json');
    return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface LoadedConfig {
  config: ServerConfig;
  /** Things the operator should know (logged once at startup). */
  notices: string[];
}

/** Environment -> validated config. Generates and keeps a JWT secret in the data dir for the embedded (SQLite) mode. */
export function loadConfig(env: Record<string, string | undefined> = process.env): LoadedConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw envIssue(parsed.error);
  const e = parsed.data;
  const notices: string[] = [];
  const dataDir = path.resolve(e.OPENSESSION_DATA_DIR);
  const isPg = /^postgres(ql)?:\/\//.test(e.DATABASE_URL ?? '');
  let jwtSecret = e.JWT_SECRET;
  if (jwtSecret === undefined) {
    // Several instances must share one secret, which a per-instance file cannot guarantee.
    if (isPg) throw new ConfigError('JWT_SECRET is required with PostgreSQL (all instances must share it)');
    const got = ensureJwtSecret(dataDir);
    jwtSecret = got.secret;
    if (got.created) notices.push(`generated a JWT secret in ${got.file} (mode 0600); set JWT_SECRET to override`);
  }
  const oauth = oauthProvidersFromEnv(env);
  const config: ServerConfig = {
    version: packageVersion(),
    dataDir,
    webDir: e.OPENSESSION_WEB_DIR ? path.resolve(e.OPENSESSION_WEB_DIR) : DEFAULT_WEB_DIR,
    baseUrl: e.OPENSESSION_BASE_URL.replace(/\/+$/, ''),
    host: e.OPENSESSION_HOST,
    port: e.PORT,
    logLevel: e.OPENSESSION_LOG_LEVEL ?? e.LOG_LEVEL ?? 'info',
    dialect: isPg ? 'postgres' : 'sqlite',
    databaseUrl: isPg ? (e.DATABASE_URL as string) : path.join(dataDir, 'opensession.db'),
    jwtSecret: checkSecret(jwtSecret),
    blobStore: e.OPENSESSION_BLOB_STORE ?? (isPg ? 'db' : 'disk'),
    maxUploadBytes: e.OPENSESSION_MAX_UPLOAD_BYTES,
    maxJsonBytes: e.OPENSESSION_MAX_JSON_BYTES,
    maxLineBytes: MAX_LINE_BYTES,
    maxJsonDepth: MAX_JSON_DEPTH,
    rateLimit: { max: e.OPENSESSION_RATE_LIMIT_MAX, windowSeconds: e.OPENSESSION_RATE_LIMIT_WINDOW_SECONDS },
    corsOrigins: corsOrigins(e.OPENSESSION_BASE_URL, e.OPENSESSION_CORS_ORIGINS),
    trustProxy: e.OPENSESSION_TRUST_PROXY === 'true',
    oauth,
    scryptN: 2 ** 15,
    streamPollMs: 1000,
  };
  return { config, notices };
}
