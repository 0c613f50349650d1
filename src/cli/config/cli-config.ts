import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse as parseToml, stringify as stringifyToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { cliConfigPath, type Roots } from './paths.js';

// ~/.config/opensession/config.toml. One schema gives the defaults, the validation and the
// field docs; the reference's daemon.toml is a separate file owned by the daemon.

export const API_KEY_PREFIX = 'osk_';

export const ServerUrlSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL, e.g. https://opensession.io')
  // A trailing slash would double up when paths are appended (https://x//api/...).
  .transform((value) => value.replace(/\/+$/, ''));

export const ApiKeySchema = z
  .string()
  .trim()
  .regex(/^osk_[A-Za-z0-9_-]+$/, `must start with ${API_KEY_PREFIX} followed by letters, digits, _ or -`);

export const TeamIdSchema = z.string().trim().min(1, 'must not be empty');

// Loose objects: keys we do not know (a newer version's, the reference's [[custom_parsers]])
// survive a rewrite instead of being silently dropped.
export const CliConfigSchema = z.looseObject({
  server: z
    .looseObject({
      /** Server base URL. */
      url: ServerUrlSchema.optional(),
      /** API key from /api/register or the web UI; shown masked only. */
      api_key: ApiKeySchema.optional(),
      /** Team that uploads go to. */
      team_id: TeamIdSchema.optional(),
    })
    .default({}),
  daemon: z
    .looseObject({
      /** Start the daemon when discover/upload run. */
      auto_start: z.boolean().default(false),
    })
    .default({ auto_start: false }),
  privacy: z
    .looseObject({
      /** Tools whose sessions are never uploaded. */
      exclude_tools: z.array(z.string()).default([]),
    })
    .default({ exclude_tools: [] }),
});

export type CliConfig = z.infer<typeof CliConfigSchema>;

export interface LoadedConfig {
  path: string;
  /** False when the file does not exist yet and `config` holds the defaults. */
  exists: boolean;
  config: CliConfig;
}

export async function loadCliConfig(roots: Roots): Promise<LoadedConfig> {
  const { path, exists, raw } = await readCliConfigDocument(roots);
  return { path, exists, config: validateCliConfig(raw, path) };
}

/** The file as plain TOML data, not yet validated: setters patch this so they can fix a bad value. */
export async function readCliConfigDocument(
  roots: Roots,
): Promise<{ path: string; exists: boolean; raw: Record<string, unknown> }> {
  const path = cliConfigPath(roots);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, raw: {} };
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return { path, exists: true, raw: parseTomlDocument(text, path) };
}

/** TOML syntax errors name the file, line and column. */
export function parseTomlDocument(text: string, path: string): Record<string, unknown> {
  try {
    return parseToml(text);
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    // smol-toml's message repeats the document around the error; its first line is the reason.
    const reason = err.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') || 'invalid TOML';
    throw new ConfigError(
      `invalid TOML in ${path} at line ${err.line}, column ${err.column}: ${reason}`,
      'fix the file by hand, or delete it and set the values again with `opensession account config`',
    );
  }
}

/** Schema errors name the file and the field. */
export function validateCliConfig(raw: unknown, path: string): CliConfig {
  const result = CliConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(top level)';
  throw new ConfigError(`invalid value in ${path}: ${field} ${issue?.message ?? 'is invalid'}`);
}

export interface ConfigChanges {
  serverUrl?: string;
  apiKey?: string;
  teamId?: string;
}

/** Pure merge into the raw document; other fields and unknown keys are kept as they were. */
export function applyConfigChanges(raw: Record<string, unknown>, changes: ConfigChanges): Record<string, unknown> {
  const current = raw.server;
  const server: Record<string, unknown> =
    current && typeof current === 'object' && !Array.isArray(current) ? { ...current } : {};
  if (changes.serverUrl !== undefined) server.url = changes.serverUrl;
  if (changes.apiKey !== undefined) server.api_key = changes.apiKey;
  if (changes.teamId !== undefined) server.team_id = changes.teamId;
  return { ...raw, server };
}

/**
 * Writes the config atomically (temp file in the same directory, then rename) so a crash never
 * leaves half a file, with mode 0600 because it holds the API key. Comments in a hand-edited
 * file are not preserved: smol-toml does not keep them.
 */
export async function saveCliConfig(roots: Roots, config: CliConfig): Promise<string> {
  const path = cliConfigPath(roots);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, stringifyToml(config), { mode: 0o600, flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return path;
}

/** First 8 characters and an ellipsis; shorter keys show at most half, so no key is ever printed whole. */
export function maskApiKey(key: string): string {
  const shown = Math.min(8, Math.floor(key.length / 2));
  return `${key.slice(0, shown)}…`;
}
