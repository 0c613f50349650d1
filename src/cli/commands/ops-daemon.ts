import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { daemonFiles, isAlive, runningPid } from '../../daemon/daemon-files.js';
import type { CliContext } from '../context.js';
import { CliError, ConfigError } from '../errors.js';
import { writeJson, writeLine } from '../output.js';
import { daemonFilesOf, dataDirOf } from './daemon-paths.js';
import { loadRuntimeSettings } from './daemon-run.js';
import { readLogTail } from './ops-daemon-logs.js';

export interface DaemonControlOptions {
  dataDir?: string;
  json?: boolean;
}

const START_WAIT_MS = 15_000;
const STOP_WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

const LOADER_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/**
 * Node flags of this process, with bare loader specifiers (`--import tsx`) made absolute: the
 * daemon runs from another directory, where `tsx` would not resolve.
 */
function portableExecArgv(): string[] {
  return process.execArgv.map((arg, i) => {
    const prev = process.execArgv[i - 1];
    if (!prev || !LOADER_FLAGS.has(prev) || /^(\.|\/|file:|node:)/.test(arg)) return arg;
    try {
      return import.meta.resolve(arg);
    } catch {
      return arg;
    }
  });
}

/**
 * This same CLI (same Node flags, same entry script: tsx in development, dist when installed)
 * running `daemon`, detached, its output appended to the daemon log.
 */
function spawnDetached(dataDir: string, logFile: string, ctx: CliContext) {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(
      process.execPath,
      [...portableExecArgv(), process.argv[1] as string, 'daemon', '--data-dir', dataDir],
      { detached: true, stdio: ['ignore', fd, fd], env: { ...ctx.env }, cwd: ctx.home },
    );
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

/** `ops daemon start`: starts the daemon in the background, once; waits until it runs. */
export async function handleDaemonStart(opts: DaemonControlOptions, ctx: CliContext): Promise<void> {
  const dataDir = dataDirOf(opts, ctx);
  const files = daemonFiles(dataDir);
  const already = runningPid(files.pid);
  if (already !== undefined) {
    report(
      ctx,
      opts,
      { started: false, running: true, pid: already, log: files.log },
      `already running (pid ${already})`,
    );
    return;
  }
  // Fail here, with the key named, rather than in a background process nobody watches.
  const settings = await loadRuntimeSettings(ctx);
  if (!settings.ok) throw new ConfigError(settings.error, 'fix the file, then start the daemon again');
  mkdirSync(dataDir, { recursive: true });
  const child = spawnDetached(dataDir, files.log, ctx);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const up = await until(() => exited || runningPid(files.pid) === child.pid, START_WAIT_MS);
  if (!up || exited) {
    const tail = (await readLogTail(files.log, 5)).join('\n');
    throw new CliError(`the daemon did not start${tail ? `; its log ends with:\n${tail}` : ''}`, `see ${files.log}`);
  }
  report(ctx, opts, { started: true, running: true, pid: child.pid, log: files.log }, `started (pid ${child.pid})`);
}

/** `ops daemon stop`: SIGTERM, then waits for the process to finish its current work and exit. */
export async function handleDaemonStop(opts: DaemonControlOptions, ctx: CliContext): Promise<void> {
  const files = daemonFilesOf(opts, ctx);
  const pid = runningPid(files.pid);
  if (pid === undefined) {
    rmSync(files.pid, { force: true });
    report(ctx, opts, { stopped: false, running: false }, 'not running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  if (!(await until(() => !isAlive(pid), STOP_WAIT_MS)))
    throw new CliError(`the daemon (pid ${pid}) did not stop within ${STOP_WAIT_MS / 1000}s`, `kill -9 ${pid}`);
  report(ctx, opts, { stopped: true, running: false, pid }, `stopped (pid ${pid})`);
}

function report(ctx: CliContext, opts: DaemonControlOptions, data: Record<string, unknown>, text: string): void {
  if (opts.json) writeJson(ctx.stdout, data);
  else writeLine(ctx.stdout, `daemon ${text}`);
}
