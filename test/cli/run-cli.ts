import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_ENTRY = join(REPO_ROOT, 'src/cli/main.ts');
/** The CLI as a shell command line, for tests that need a shell around it. */
export const CLI_COMMAND = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(CLI_ENTRY)}`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (source via tsx) with a pinned environment: nothing is inherited except
 * PATH, so the developer's HOME, XDG dirs, OPENSESSION_* or NO_COLOR cannot change the outputs.
 */
export function runCli(
  args: readonly string[],
  opts: { home: string; env?: Record<string, string> },
): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: opts.home,
    XDG_CONFIG_HOME: join(opts.home, '.config'),
    XDG_DATA_HOME: join(opts.home, '.local', 'share'),
    NO_COLOR: '1',
    TZ: 'UTC',
    COLUMNS: '100',
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh temp directory used as HOME; call the returned function to delete it. */
export function tempHome(): { home: string; dispose: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'opensession-cli-'));
  return { home, dispose: () => rmSync(home, { recursive: true, force: true }) };
}
