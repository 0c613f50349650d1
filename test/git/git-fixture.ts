import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, REPO_ROOT } from '../cli/run-cli.js';

// Real git repositories in temp dirs, with a pinned environment: HOME is a temp dir and the
// system config is off, so the developer's git config (hooks paths, signing, templates) cannot
// change what the tests see.

export interface Sandbox {
  root: string;
  home: string;
  /** Holds an `opensession` wrapper that runs this checkout's CLI (what the hook scripts call). */
  bin: string;
  env: Record<string, string>;
  dispose(): void;
}

export function sandbox(): Sandbox {
  // realpath: macOS-style /tmp symlinks would make git's paths differ from ours.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'os-git-')));
  const home = join(root, 'home');
  const bin = join(root, 'bin');
  mkdirSync(home);
  mkdirSync(bin);
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const wrapper = join(bin, 'opensession');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --import ${loader} ${JSON.stringify(CLI_ENTRY)} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    NO_COLOR: '1',
    TZ: 'UTC',
  };
  return { root, home, bin, env, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs git in `dir` and returns stdout; throws with stderr on failure. */
export function git(dir: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs git and returns its exit status and both outputs, for commands expected to fail. */
export function gitStatus(
  dir: string,
  env: Record<string, string>,
  ...args: string[]
): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: git(dir, env, ...args), stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A new repository with one commit (README.md) on `main`. */
export function initRepo(sb: Sandbox, name = 'repo'): string {
  const dir = join(sb.root, name);
  mkdirSync(dir);
  git(dir, sb.env, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), '# test\n');
  git(dir, sb.env, 'add', 'README.md');
  git(dir, sb.env, 'commit', '-q', '-m', 'initial');
  return dir;
}
