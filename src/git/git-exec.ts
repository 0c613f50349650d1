import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export type GitErrorKind = 'git-missing' | 'not-a-repo' | 'not-found' | 'conflict' | 'failed';

/** An expected git failure, with a kind callers branch on (never on the message). */
export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

// Variables that point git at another repository or index. A hook runs with GIT_DIR and
// GIT_INDEX_FILE set; every call here names its repository with -C instead, so a caller
// running inside a hook (or a daemon started from one) cannot act on the wrong repository.
const LOCATION_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

export type GitEnv = Readonly<Record<string, string | undefined>>;

function gitEnv(base: GitEnv, extra: GitEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of LOCATION_VARS) delete env[name];
  // Error messages are classified below: keep them in English whatever the user's locale.
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  return { ...env, ...extra };
}

export interface GitOptions {
  /** Bytes for stdin: a string, or lines produced lazily (a big session is not joined into one string). */
  input?: string | Iterable<string>;
  /** The environment to start from (default process.env); repository-location variables are always dropped. */
  env?: GitEnv;
  /** Added after the scrub, e.g. author identity for commit-tree. */
  extraEnv?: GitEnv;
  /** Exit codes that are answers rather than failures (`rev-parse --verify --quiet` exits 1 for "no such object"). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: Buffer;
  code: number;
}

type GitChild = ChildProcessByStdio<Writable, Readable, Readable>;

function start(repoDir: string, args: readonly string[], opts: GitOptions): GitChild {
  // spawn without a shell: arguments go to git as they are, nothing is interpreted.
  return spawn('git', ['-C', repoDir, ...args], {
    env: gitEnv(opts.env ?? process.env, opts.extraEnv),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function classify(repoDir: string, args: readonly string[], code: number, stderr: string): GitError {
  const text = stderr.trim();
  if (/not a git repository/i.test(text)) return new GitError('not-a-repo', `${repoDir} is not a git repository`, text);
  if (/cannot change to/i.test(text)) return new GitError('not-a-repo', `${repoDir}: no such directory`, text);
  return new GitError('failed', `git ${args[0]} failed (exit ${code}): ${text.split('\n')[0] ?? ''}`, text);
}

const missing = (): GitError =>
  new GitError('git-missing', 'git is not installed or not on PATH (OpenSession runs the git command line)');

async function feed(stdin: Writable, input: GitOptions['input']): Promise<void> {
  if (input === undefined) {
    stdin.end();
    return;
  }
  const chunks = typeof input === 'string' ? [input] : input;
  for (const chunk of chunks) {
    if (!stdin.write(chunk)) await new Promise<void>((resolve) => stdin.once('drain', resolve));
  }
  stdin.end();
}

/** Runs `git -C repoDir args…` to completion. Rejects with a {@link GitError} unless the exit code is 0 or in okCodes. */
export function runGit(repoDir: string, args: readonly string[], opts: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = start(repoDir, args, opts);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    // EPIPE when git exits before reading all of stdin: the exit code tells what happened.
    child.stdin.on('error', () => {});
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? missing() : e));
    child.on('close', (code) => {
      const c = code ?? 128;
      if (c === 0 || opts.okCodes?.includes(c)) resolve({ stdout: Buffer.concat(out), code: c });
      else reject(classify(repoDir, args, c, err));
    });
    feed(child.stdin, opts.input).catch(() => {});
  });
}

/** stdout as text with the final newline removed. */
export async function gitText(repoDir: string, args: readonly string[], opts: GitOptions = {}): Promise<string> {
  return (await runGit(repoDir, args, opts)).stdout.toString('utf8').replace(/\n$/, '');
}

/**
 * stdout as a stream, for blobs too big to buffer. `done` settles when git exits; it rejects
 * like {@link runGit}, and must be awaited after the stream is consumed.
 */
export function streamGit(
  repoDir: string,
  args: readonly string[],
  opts: GitOptions = {},
): { stdout: Readable; done: Promise<void> } {
  const child = start(repoDir, args, opts);
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  child.stdin.end();
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? missing() : e));
    child.on('close', (code) => (code === 0 ? resolve() : reject(classify(repoDir, args, code ?? 128, err))));
  });
  // The caller may stop reading early (a parse error): the rejection is theirs to observe or not.
  done.catch(() => {});
  return { stdout: child.stdout, done };
}

/** NUL-separated records (`-z` output) without the trailing empty one. */
export function splitNul(buf: Buffer): string[] {
  const parts = buf.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
