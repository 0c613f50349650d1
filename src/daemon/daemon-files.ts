import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The daemon's files under the data dir. */
export interface DaemonFiles {
  pid: string;
  log: string;
  status: string;
  /** The last config that validated, used when daemon.toml is broken at start. */
  lastGoodConfig: string;
}

export function daemonFiles(dataDir: string): DaemonFiles {
  return {
    pid: join(dataDir, 'daemon.pid'),
    log: join(dataDir, 'daemon.log'),
    status: join(dataDir, 'daemon-status.json'),
    lastGoodConfig: join(dataDir, 'daemon-config.last-good.json'),
  };
}

/** Whether a process with this id exists (EPERM: it does, but is someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in the pid file when that process is alive; undefined otherwise. */
export function runningPid(pidFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

export class AlreadyRunningError extends Error {
  constructor(readonly pid: number) {
    super(`the daemon is already running (pid ${pid})`);
    this.name = 'AlreadyRunningError';
  }
}

/**
 * Claims the pid file for this process: created exclusively, so two daemons starting at once
 * cannot both win; a file left by a dead daemon (kill -9) is replaced.
 */
export function acquirePidFile(pidFile: string, pid = process.pid): void {
  mkdirSync(join(pidFile, '..'), { recursive: true });
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(pidFile, 'wx', 0o644);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const other = runningPid(pidFile);
    if (other !== undefined && other !== pid) throw new AlreadyRunningError(other);
    // Stale: move it aside (atomic) rather than delete, so a racing starter's fresh file is not removed.
    try {
      renameSync(pidFile, `${pidFile}.stale`);
    } catch {
      // Someone else moved it first; try again.
    }
  }
  throw new Error(`cannot claim ${pidFile}`);
}

/** Removes the pid file if it is still ours. */
export function releasePidFile(pidFile: string, pid = process.pid): void {
  try {
    if (Number.parseInt(readFileSync(pidFile, 'utf8'), 10) === pid) rmSync(pidFile, { force: true });
  } catch {
    // Already gone.
  }
}

/** Writes JSON atomically (temp file + rename): readers never see half a file. */
export function writeJsonFile(file: string, value: unknown, mode = 0o644): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode });
  renameSync(tmp, file);
}

export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
