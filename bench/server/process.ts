/**
 * The real server as a child process: built (dist) when the build is newer than the sources,
 * otherwise the TypeScript entry through tsx. Logs go to a file (the default `info` level, one
 * line per request, as deployed); the "server listening" line there gives the URL.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../lib/history.js';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-at-least-32-bytes-long';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set (VmHWM) so far, in MB; undefined where /proc is unavailable. */
  peakRssMb(): number | undefined;
  /** CPU time (user + system) used so far, in ms; undefined where /proc is unavailable. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(ext) || e.name.endsWith(`.test${ext}`)) continue;
    newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** `node dist/server/main.js` when dist is at least as new as src, else `node --import tsx src/server/main.ts`. */
export function serverCommand(): { args: string[]; label: string } {
  const dist = join(REPO, 'dist', 'server', 'main.js');
  if (existsSync(dist) && newestMtime(join(REPO, 'dist'), '.js') >= newestMtime(join(REPO, 'src'), '.ts'))
    return { args: [dist], label: 'dist/server/main.js (built)' };
  const label = existsSync(dist) ? 'tsx src/server/main.ts (dist is older than src)' : 'tsx src/server/main.ts';
  return { args: ['--import', 'tsx', join(REPO, 'src', 'server', 'main.ts')], label };
}

function vmHwmMb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

let clockTicks: number | undefined;

function cpuTimeMs(pid: number): number | undefined {
  try {
    // utime and stime are fields 14 and 15; the command name before them may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000;
  } catch {
    return undefined;
  }
}

const LISTENING = /"msg":"server listening","url":"([^"]+)"/;

async function waitForUrl(child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = readFileSync(logFile, 'utf8');
    const m = LISTENING.exec(log);
    if (m) return m[1] as string;
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`server did not start within ${timeoutMs} ms:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Node flags for the server processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (not allowed
 * in NODE_OPTIONS); a profile is written when the server stops.
 */
const nodeArgs = () => (process.env.OPENSESSION_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts a server on 127.0.0.1 (ephemeral port) with `env` on top of the bench defaults. */
export async function startServerProcess(env: Record<string, string>, logFile: string): Promise<ServerProcess> {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs(), ...serverCommand().args], {
    cwd: REPO,
    env: {
      ...process.env,
      JWT_SECRET: BENCH_JWT_SECRET,
      OPENSESSION_HOST: '127.0.0.1',
      PORT: '0',
      OPENSESSION_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await waitForUrl(child, logFile);
    const pid = child.pid as number;
    return { url, pid, peakRssMb: () => vmHwmMb(pid), cpuMs: () => cpuTimeMs(pid), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Waits until the servers are idle (under 10% of a core over 250 ms; at most 30 s), so
 * requests still queued from one load do not run into the next measurement.
 */
export async function waitIdle(servers: ServerProcess[], maxMs = 30_000): Promise<void> {
  const windowMs = 250;
  const deadline = Date.now() + maxMs;
  const used = () => servers.reduce((sum, s) => sum + (s.cpuMs() ?? 0), 0);
  let before = used();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = used();
    if (now - before < windowMs * 0.1) return;
    before = now;
  }
}
