import { setFlagsFromString } from 'node:v8';
import { loadDaemonConfig } from '../../daemon/config.js';
import { ConfigInvalidError, Daemon } from '../../daemon/daemon.js';
import { AlreadyRunningError, daemonFiles } from '../../daemon/daemon-files.js';
import { createLogger, type Logger } from '../../daemon/logger.js';
import type { SettingsLoad } from '../../daemon/settings.js';
import { resolveDataDir } from '../../store/db.js';
import { loadCliConfig } from '../config/cli-config.js';
import { cliConfigPath } from '../config/paths.js';
import type { CliContext } from '../context.js';
import { CliError, ConfigError } from '../errors.js';
import { readVersion } from '../version.js';
import { daemonConfigPath, rootsOf, serverTarget } from './server-connection.js';

export interface DaemonRunOptions {
  foreground: boolean;
  dataDir?: string;
}

/** daemon.toml merged with config.toml (server, team, excluded tools); failures named, not thrown. */
export async function loadRuntimeSettings(ctx: CliContext): Promise<SettingsLoad> {
  const daemon = await loadDaemonConfig(daemonConfigPath(ctx));
  if (!daemon.ok) return daemon;
  let cli: Awaited<ReturnType<typeof loadCliConfig>>['config'];
  try {
    ({ config: cli } = await loadCliConfig(rootsOf(ctx)));
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  return {
    ok: true,
    settings: {
      config: daemon.config,
      warnings: daemon.warnings,
      server: serverTarget({ cli, daemon: daemon.config }),
      extraExcludedTools: cli.privacy.exclude_tools,
    },
  };
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => resolve(sig));
  });
}

/** A long-running process logs what went wrong and keeps going; only a truly fatal error ends it. */
function guardProcess(log: Logger, stop: () => Promise<void>): void {
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection', { error: reason instanceof Error ? reason.message : String(reason) });
  });
  process.once('uncaughtException', (err) => {
    log.error('fatal error', { error: err.message });
    void stop().finally(() => process.exit(1));
  });
}

/**
 * `daemon [--foreground]`: the daemon process (what `ops daemon start` launches, and what a
 * systemd or launchd unit runs). Logs go to the log file under the data dir, and with
 * --foreground to stderr as well. Runs until SIGINT, SIGTERM or SIGHUP.
 */
export async function handleDaemonRun(opts: DaemonRunOptions, ctx: CliContext): Promise<void> {
  const dataDir = resolveDataDir({ dataDir: opts.dataDir, env: ctx.env as NodeJS.ProcessEnv, home: ctx.home });
  const files = daemonFiles(dataDir);
  const log = createLogger({ file: files.log, mirror: opts.foreground ? ctx.stderr : undefined });
  const daemon = new Daemon({
    dataDir,
    roots: { home: ctx.home, env: ctx.env, platform: process.platform },
    loadSettings: () => loadRuntimeSettings(ctx),
    configFiles: [daemonConfigPath(ctx), cliConfigPath(rootsOf(ctx))],
    log,
    version: readVersion(),
  });
  // Listening before start: a SIGTERM while starting up still ends in a clean stop.
  const signal = untilSignal();
  try {
    await daemon.start();
  } catch (err) {
    if (err instanceof AlreadyRunningError)
      throw new CliError(err.message, 'stop it with `opensession ops daemon stop`');
    if (err instanceof ConfigInvalidError) throw new ConfigError(err.message);
    log.error('daemon failed to start', { error: (err as Error).message });
    throw err;
  }
  // The first index pass (possibly a cold index of the whole history) ran with the full JIT;
  // from here on the daemon mostly waits. Measured on the 10,000-session history: idle RSS
  // ~180 MB without this, ~90 MB with it, at a small cost to later (incremental) passes.
  setFlagsFromString('--optimize-for-size');
  guardProcess(log, () => daemon.stop());
  log.info('stopping', { signal: await signal });
  await daemon.stop();
  // Idle keep-alive sockets may hold the event loop a few seconds more; nothing is left to do.
  setTimeout(() => process.exit(0), 500).unref();
}
