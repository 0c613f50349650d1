import { join } from 'node:path';
import { ApiClient } from '../../client/api-client.js';
import { ApiError, ConnectionError } from '../../client/errors.js';
import type { RetryPolicy } from '../../client/retry.js';
import { type DaemonConfig, loadDaemonConfig } from '../../daemon/config.js';
import { type PrivacySettings, privacyOf } from '../../daemon/prepare-upload.js';
import { type CliConfig, loadCliConfig } from '../config/cli-config.js';
import { configDir, type Roots } from '../config/paths.js';
import type { CliContext } from '../context.js';
import { AuthError, CliError, ConfigError, NetworkError } from '../errors.js';
import { readVersion } from '../version.js';

// The one place the CLI decides which server it talks to and with which key: `account config`
// (config.toml) first, then daemon.toml's [server] for a setup made for the daemon only.

export interface ServerTarget {
  url: string;
  apiKey?: string;
  teamId?: string;
}

export interface Settings {
  cli: CliConfig;
  daemon: DaemonConfig;
  daemonConfigPath: string;
}

export const rootsOf = (ctx: CliContext): Roots => ({ home: ctx.home, env: ctx.env });

export const daemonConfigPath = (ctx: CliContext): string => join(configDir(rootsOf(ctx)), 'daemon.toml');

/** Both config files, validated; a broken one is a ConfigError naming the file and key. */
export async function loadSettings(ctx: CliContext): Promise<Settings> {
  const { config: cli } = await loadCliConfig(rootsOf(ctx));
  const path = daemonConfigPath(ctx);
  const daemon = await loadDaemonConfig(path);
  if (!daemon.ok) throw new ConfigError(daemon.error, 'fix the file, or delete it to use the defaults');
  return { cli, daemon: daemon.config, daemonConfigPath: path };
}

/** The server of config.toml, else of daemon.toml; undefined when neither names one. */
export function serverTarget(s: Pick<Settings, 'cli' | 'daemon'>): ServerTarget | undefined {
  const d = s.daemon;
  const url = s.cli.server.url ?? (d.server.url || undefined);
  if (!url) return undefined;
  return {
    url: url.replace(/\/+$/, ''),
    apiKey: s.cli.server.api_key ?? (d.server.api_key || undefined),
    teamId: d.identity.team_id || s.cli.server.team_id,
  };
}

export function requireServer(s: Pick<Settings, 'cli' | 'daemon'>, needKey: boolean): ServerTarget {
  const target = serverTarget(s);
  if (!target)
    throw new ConfigError('no server configured', 'set one with `opensession account config --server <url>`');
  if (needKey && !target.apiKey)
    throw new AuthError('no API key configured', 'set one with `opensession account config --api-key osk_…`');
  return target;
}

/** daemon.toml's [privacy], plus the tools `account config` excludes. */
export function privacySettings(s: Pick<Settings, 'cli' | 'daemon'>): PrivacySettings {
  return privacyOf(s.daemon, s.cli.privacy.exclude_tools);
}

export function clientFor(target: ServerTarget, retry?: RetryPolicy): ApiClient {
  return new ApiClient({
    baseUrl: target.url,
    apiKey: target.apiKey,
    retry,
    userAgent: `opensession/${readVersion()}`,
  });
}

/** A client failure as the CLI error (and exit code) that says what to do about it. */
export function cliErrorOf(err: unknown): unknown {
  if (err instanceof ConnectionError) return new NetworkError(err.message, 'check the URL with `account config`');
  if (!(err instanceof ApiError)) return err;
  if (err.status === 401)
    return new AuthError(
      `the server refused the API key (${err.message})`,
      'create a new key in the web UI and set it with `opensession account config --api-key`',
    );
  if (err.status === 403) return new AuthError(`not allowed: ${err.message}`);
  if (err.code === 'invalid_response') return new NetworkError(err.message);
  return new CliError(`server error ${err.status}: ${err.message}`);
}
