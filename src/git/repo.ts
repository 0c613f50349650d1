import { isAbsolute, resolve } from 'node:path';
import { type GitEnv, GitError, gitText, runGit } from './git-exec.js';

/** The top directory of the work tree that holds `dir`. */
export async function workTreeRoot(dir: string, env?: GitEnv): Promise<string> {
  const root = await gitText(dir, ['rev-parse', '--show-toplevel'], { env });
  if (!root) throw new GitError('not-a-repo', `${dir} is inside a git directory, not a work tree`);
  return root;
}

/** Where git looks for hooks: `.git/hooks`, or `core.hooksPath` when set (husky and friends). */
export async function hooksDir(dir: string, env?: GitEnv): Promise<string> {
  const path = await gitText(dir, ['rev-parse', '--git-path', 'hooks'], { env });
  return isAbsolute(path) ? path : resolve(dir, path);
}

/** One value of the repository's config, or undefined when unset. */
export async function configValue(dir: string, key: string, env?: GitEnv): Promise<string | undefined> {
  const r = await runGit(dir, ['config', '--get', key], { env, okCodes: [1] });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

export async function setConfigValue(dir: string, key: string, value: string, env?: GitEnv): Promise<void> {
  await runGit(dir, ['config', '--local', key, value], { env });
}

/** Removes a key; unsetting a key that is not there (exit 5) is fine. */
export async function unsetConfigValue(dir: string, key: string, env?: GitEnv): Promise<void> {
  await runGit(dir, ['config', '--local', '--unset-all', key], { env, okCodes: [5] });
}

/** The committer date of HEAD, or undefined on an unborn branch (first commit). */
export async function headCommitTime(dir: string, env?: GitEnv): Promise<Date | undefined> {
  const r = await runGit(dir, ['log', '-1', '--format=%cI', 'HEAD'], { env, okCodes: [128] });
  const text = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || !text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The object id a revision names, or undefined when there is none. */
export async function resolveRevision(dir: string, rev: string, env?: GitEnv): Promise<string | undefined> {
  const r = await runGit(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', rev], { env, okCodes: [1] });
  const oid = r.stdout.toString('utf8').trim();
  return r.code === 0 && oid ? oid : undefined;
}
