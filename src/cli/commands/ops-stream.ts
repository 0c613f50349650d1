import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseDaemonConfig } from '../../daemon/config.js';
import { setTomlKeys } from '../../daemon/config-edit.js';
import { runningPid } from '../../daemon/daemon-files.js';
import type { CliContext } from '../context.js';
import { ConfigError } from '../errors.js';
import { writeJson, writeLine } from '../output.js';
import { daemonFilesOf } from './daemon-paths.js';
import { daemonConfigPath, loadSettings, serverTarget } from './server-connection.js';

export interface StreamOptions {
  enable: boolean;
  dataDir?: string;
  json: boolean;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Temp file then rename: a crash never leaves half a config for the daemon to reload. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * `ops stream enable|disable`: switches daemon.toml to `publish_on = "realtime"` (new events
 * go to the server's live endpoint as they are written) or back to `session_end`. The file is
 * edited in place, comments kept; a running daemon reloads it by itself.
 */
export async function handleStream(opts: StreamOptions, ctx: CliContext): Promise<void> {
  const path = daemonConfigPath(ctx);
  const values: Record<string, string | boolean> = opts.enable
    ? { auto_publish: true, publish_on: 'realtime' }
    : { publish_on: 'session_end' };
  const next = setTomlKeys(await readText(path), 'daemon', values);
  const checked = parseDaemonConfig(next, path);
  if (!checked.ok) throw new ConfigError(checked.error, 'fix the file first (or delete it to start from the defaults)');
  await writeAtomically(path, next);
  const running = runningPid(daemonFilesOf(opts, ctx).pid) !== undefined;
  const server = serverTarget(await loadSettings(ctx))?.url ?? null;
  const mode = checked.config.daemon.auto_publish ? checked.config.daemon.publish_on : 'manual';
  if (opts.json) {
    writeJson(ctx.stdout, {
      config: path,
      publish_on: checked.config.daemon.publish_on,
      mode,
      daemon_running: running,
      server,
    });
    return;
  }
  writeLine(
    ctx.stdout,
    opts.enable
      ? `live streaming on: sessions stream to ${server ?? 'the server'} as they are written`
      : `live streaming off: ${mode === 'manual' ? 'nothing is uploaded automatically' : 'sessions are uploaded once they end'}`,
  );
  writeLine(ctx.stdout, `updated ${path} (publish_on = "${checked.config.daemon.publish_on}")`);
  if (!server)
    writeLine(ctx.stdout, 'no server configured yet: set one with `opensession account config --server <url>`');
  writeLine(
    ctx.stdout,
    running ? 'the running daemon picks this up now' : 'the daemon is not running: `opensession ops daemon start`',
  );
}
