import { homedir } from 'node:os';

/** Where a command writes. Only `write` is used, so tests can pass a string collector. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/**
 * Everything a handler may take from the machine, passed in rather than read from globals
 * (house rule 3), so handlers run in-process in tests with temp homes and captured output.
 */
export interface CliContext {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: OutStream;
  stderr: OutStream;
}

export function processContext(): CliContext {
  return {
    // HOME first so a pinned HOME wins over the passwd entry (tests, sudo -E).
    home: process.env.HOME || homedir(),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
