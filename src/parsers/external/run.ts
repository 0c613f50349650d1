import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a converter run ended. */
export interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Could not start at all (command not found, not executable...). */
  spawnError?: string;
  /** The first bytes of stderr (bounded: a chatty converter cannot fill memory). */
  stderr: string;
}

export interface RunningConverter {
  stdout: Readable;
  done: Promise<RunOutcome>;
}

const STDERR_LIMIT = 64 * 1024;

/**
 * Starts `command` (argv, no shell: the path is never interpreted) with the source path as
 * its last argument. The caller streams stdout; `done` settles when the process has exited.
 */
export function runConverter(command: readonly string[], path: string, timeoutMs: number): RunningConverter {
  const [bin, ...args] = command;
  const child = spawn(bin ?? '', [...args, path], {
    shell: false,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  let timedOut = false;
  let spawnError: string | undefined;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += d.slice(0, STDERR_LIMIT - stderr.length);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const done = new Promise<RunOutcome>((resolve) => {
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stderr, ...(spawnError ? { spawnError } : {}) });
    });
  });
  return { stdout: child.stdout, done };
}

/** The first lines of stderr, for a warning. */
export function stderrHead(stderr: string, lines = 5): string {
  const head = stderr.trim().split('\n').slice(0, lines).join('\n');
  return head ? `: ${head}` : '';
}
