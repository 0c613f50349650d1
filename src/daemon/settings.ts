import { z } from 'zod';
import { type DaemonConfig, DaemonConfigSchema, effectiveMode, type PublishMode } from './config.js';
import { readJsonFile, writeJsonFile } from './daemon-files.js';
import { type PrivacySettings, privacyOf } from './prepare-upload.js';

export interface ServerRef {
  url: string;
  apiKey?: string;
  teamId?: string;
}

/** Everything the daemon runs on, resolved from daemon.toml and the CLI's config.toml. */
export interface RuntimeSettings {
  config: DaemonConfig;
  /** Unknown keys and other non-fatal remarks about the files. */
  warnings: string[];
  server?: ServerRef;
  /** Tools `account config` excludes, on top of daemon.toml's privacy.exclude_tools. */
  extraExcludedTools: string[];
}

export type SettingsLoad = { ok: true; settings: RuntimeSettings } | { ok: false; error: string };

export const privacyFor = (s: RuntimeSettings): PrivacySettings => privacyOf(s.config, s.extraExcludedTools);

/** What the settings mean for publishing, in words for the log and `status`. */
export function notices(s: RuntimeSettings): string[] {
  const out: string[] = [];
  const d = s.config.daemon;
  if (!d.auto_publish && d.publish_on !== 'manual')
    out.push(`daemon.auto_publish is false: publish_on = "${d.publish_on}" is ignored and nothing is uploaded`);
  if (effectiveMode(s.config) !== 'manual' && !s.server?.url)
    out.push('no server configured (account config --server, or [server] url): nothing is uploaded');
  else if (effectiveMode(s.config) !== 'manual' && !s.server?.apiKey)
    out.push('no API key configured: uploads will be refused');
  if (s.config.git_storage.method === 'platform_api')
    out.push(
      'git_storage.method = "platform_api" (GitHub/GitLab REST) is not supported: sessions are not stored in git; use "native" to keep them on a hidden branch of each project',
    );
  return out;
}

export const modeOf = (s: RuntimeSettings): PublishMode => effectiveMode(s.config);

const LastGoodSchema = z.object({
  config: DaemonConfigSchema,
  warnings: z.array(z.string()),
  server: z.object({ url: z.string(), apiKey: z.string().optional(), teamId: z.string().optional() }).optional(),
  extraExcludedTools: z.array(z.string()),
});

/** Kept (mode 0600: it holds the API key) so a daemon started with a broken file still runs. */
export function saveLastGood(file: string, s: RuntimeSettings): void {
  try {
    writeJsonFile(file, s, 0o600);
  } catch {
    // Only a fallback; the daemon runs without it.
  }
}

export function readLastGood(file: string): RuntimeSettings | undefined {
  const parsed = LastGoodSchema.safeParse(readJsonFile(file));
  return parsed.success ? parsed.data : undefined;
}
