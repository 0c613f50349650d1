import { readFile } from 'node:fs/promises';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { registeredTools } from '../parsers/registry.js';

// ~/.config/opensession/daemon.toml. One schema gives the defaults, the validation and the
// docs (docs/daemon.md). The reference's daemon watched three tools and never uploaded unless
// told; ours watches every parser's locations and does what this file says.

export const PUBLISH_MODES = ['session_end', 'realtime', 'manual'] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];
export const STORAGE_METHODS = ['platform_api', 'native', 'none'] as const;

/** `claude-code` -> `claude_code`: the [watchers] key of a tool. */
export const watcherKey = (tool: string): string => tool.replace(/-/g, '_');

const secs = (max: number) => z.number().min(0).max(max);

const DaemonSectionSchema = z.object({
  /** Off: nothing is uploaded automatically, whatever publish_on says (as in the reference). */
  auto_publish: z.boolean().default(false),
  publish_on: z.enum(PUBLISH_MODES).default('manual'),
  /** Quiet time after a file change before it is indexed. */
  debounce_secs: secs(3600).default(5),
  /** session_end: a session is uploaded once it has had no new events for this long. */
  idle_secs: secs(86_400).default(120),
  /** realtime: quiet time after a change before new events are streamed. */
  realtime_debounce_ms: z.number().int().min(0).max(60_000).default(500),
  /** A full rescan of every tool's locations (new directories, missed events); ~1 s of CPU per 10k sessions. */
  rescan_secs: z.number().min(1).max(86_400).default(300),
  /** Longest wait between two upload attempts while the server is unreachable. */
  retry_max_secs: z.number().min(1).max(86_400).default(300),
});

const ServerSectionSchema = z.object({
  /** Empty: the server of `opensession account config`. */
  url: z.string().default(''),
  api_key: z.string().default(''),
});

const IdentitySectionSchema = z.object({
  nickname: z.string().default('user'),
  /** Team that uploads go to; empty: the team of `account config`, else private. */
  team_id: z.string().default(''),
});

const WatchersSectionSchema = z.object(
  Object.fromEntries(registeredTools().map((t) => [watcherKey(t), z.boolean().default(true)])) as Record<
    string,
    z.ZodDefault<z.ZodBoolean>
  >,
);

const PrivacySectionSchema = z.object({
  /** Home directories become `~`. */
  strip_paths: z.boolean().default(true),
  /** Values of secret-looking environment variables are removed. */
  strip_env_vars: z.boolean().default(true),
  /** API keys, tokens, passwords and high-entropy strings are replaced by [REDACTED:kind]. */
  redact_secrets: z.boolean().default(true),
  /** Sessions whose working directory or project matches one of these globs are never uploaded. */
  exclude_projects: z.array(z.string().min(1)).default([]),
  /** Tools whose sessions are never uploaded. */
  exclude_tools: z.array(z.string()).default([]),
});

const GitStorageSectionSchema = z.object({
  method: z.enum(STORAGE_METHODS).default('none'),
});

const SyncSectionSchema = z.object({
  /** Pull the team's sessions from /api/sync/pull into the local index (listed, searched, shown like local ones). */
  pull: z.boolean().default(false),
  interval_secs: z.number().min(5).max(86_400).default(60),
});

export const DaemonConfigSchema = z.object({
  daemon: DaemonSectionSchema.prefault({}),
  server: ServerSectionSchema.prefault({}),
  identity: IdentitySectionSchema.prefault({}),
  watchers: WatchersSectionSchema.prefault({}),
  privacy: PrivacySectionSchema.prefault({}),
  git_storage: GitStorageSectionSchema.prefault({}),
  sync: SyncSectionSchema.prefault({}),
});

export type DaemonConfig = z.infer<typeof DaemonConfigSchema>;

export type ConfigResult =
  | { ok: true; config: DaemonConfig /** Unknown keys, named: typos or a newer version's. */; warnings: string[] }
  | { ok: false; error: string };

export const defaultDaemonConfig = (): DaemonConfig => DaemonConfigSchema.parse({});

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys the schema does not know, as `section.key`; they are kept out of the config, not fatal. */
function unknownKeys(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  const shape = DaemonConfigSchema.shape as Record<string, z.ZodType>;
  for (const [section, value] of Object.entries(raw)) {
    const sectionSchema = shape[section];
    if (!sectionSchema) {
      out.push(section);
      continue;
    }
    const inner = (sectionSchema as unknown as { def: { innerType: z.ZodObject } }).def.innerType.shape;
    if (isTable(value)) for (const key of Object.keys(value)) if (!(key in inner)) out.push(`${section}.${key}`);
  }
  return out;
}

/** Validates parsed TOML data; errors name the file and the key (`daemon.publish_on`). */
export function validateDaemonConfig(raw: unknown, file: string): ConfigResult {
  const result = DaemonConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') || '(top level)';
    return { ok: false, error: `${file}: ${key}: ${issue?.message ?? 'invalid value'}` };
  }
  const warnings = isTable(raw) ? unknownKeys(raw).map((k) => `${file}: unknown key ${k} (ignored)`) : [];
  return { ok: true, config: result.data, warnings };
}

/** TOML text to a config; syntax errors name the line and column. */
export function parseDaemonConfig(text: string, file: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    // smol-toml's message repeats the document around the error; its first line is the reason.
    const reason = err.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') || 'invalid TOML';
    return { ok: false, error: `${file}: line ${err.line}, column ${err.column}: ${reason}` };
  }
  return validateDaemonConfig(raw, file);
}

/** Reads daemon.toml; a missing file means the defaults. */
export async function loadDaemonConfig(file: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: true, config: defaultDaemonConfig(), warnings: [] };
    return { ok: false, error: `${file}: cannot read: ${(err as Error).message}` };
  }
  return parseDaemonConfig(text, file);
}

/** The mode the daemon runs in: auto_publish off means manual, whatever publish_on says. */
export function effectiveMode(config: DaemonConfig): PublishMode {
  return config.daemon.auto_publish ? config.daemon.publish_on : 'manual';
}

/** Tools whose locations are watched. */
export function watchedTools(config: DaemonConfig): string[] {
  return registeredTools().filter((t) => config.watchers[watcherKey(t)] !== false);
}
