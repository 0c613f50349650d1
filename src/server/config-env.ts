import { z } from 'zod';

// Environment parsing shared by the Node server's config (config.ts) and the Cloudflare Worker's
// (worker/src/config.ts). No Node APIs here: the Worker bundles this module.

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const MIN_SECRET_BYTES = 32;
/** JSONL lines longer than this are refused (a line is one event; 16 MiB is generous). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Deeper JSON nesting is refused: it only serves to exhaust stacks. */
export const MAX_JSON_DEPTH = 64;

export const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
export const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

export function checkSecret(secret: string): string {
  const bytes = new TextEncoder().encode(secret).length;
  if (bytes < MIN_SECRET_BYTES)
    throw new ConfigError(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (got ${bytes})`);
  return secret;
}

/** The base URL's origin plus the comma-separated extra ones, without duplicates. */
export function corsOrigins(baseUrl: string, extra: string): string[] {
  const list = [new URL(baseUrl).origin, ...extra.split(',').map((s) => s.trim())].filter(Boolean);
  return [...new Set(list)];
}

/** The first issue of a failed parse, naming its variable. */
export function envIssue(error: z.ZodError): ConfigError {
  const i = error.issues[0];
  return new ConfigError(`invalid environment: ${i?.path.join('.')}: ${i?.message}`);
}
