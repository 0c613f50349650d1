import { chmod, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_SUFFIX, HOOK_NAMES, type HookName, hookScript, isOurHook } from './hook-scripts.js';

export type InstallOutcome =
  /** Written where there was no hook. */
  | 'installed'
  /** Ours was already there: rewritten with the current script. */
  | 'updated'
  /** A hook was there: kept as `<name>.pre-opensession`, ours runs it first. */
  | 'chained'
  /** A foreign hook and a backup both exist: touching either could lose one, so nothing was done. */
  | 'blocked';

export type UninstallOutcome =
  /** Ours removed, nothing to restore. */
  | 'removed'
  /** Ours removed (if present) and the previous hook put back, byte for byte. */
  | 'restored'
  /** Not ours: left alone (and the backup, if any, too). */
  | 'foreign'
  | 'absent';

export interface HookReport<T> {
  hook: HookName;
  path: string;
  outcome: T;
}

type Existing = 'none' | 'ours' | 'foreign';

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Symlinks are never ours (we write plain files), so they are moved aside as they are, not followed. */
async function existing(path: string): Promise<Existing> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return 'none';
  if (!st.isFile()) return 'foreign';
  return isOurHook(await readFile(path, 'utf8')) ? 'ours' : 'foreign';
}

/** Temp file then rename: a hook is never seen half-written by a commit running meanwhile. */
async function writeHook(path: string, name: HookName): Promise<void> {
  const tmp = `${path}.opensession-tmp-${process.pid}`;
  await writeFile(tmp, hookScript(name), { mode: 0o755 });
  await chmod(tmp, 0o755); // the umask may have masked the mode above
  await rename(tmp, path);
}

async function installOne(dir: string, name: HookName): Promise<HookReport<InstallOutcome>> {
  const path = join(dir, name);
  const backup = `${path}${BACKUP_SUFFIX}`;
  const state = await existing(path);
  if (state === 'foreign') {
    if (await exists(backup)) return { hook: name, path, outcome: 'blocked' };
    // rename keeps the bytes, mode, and symlinks exactly: uninstall renames it back.
    await rename(path, backup);
  }
  await writeHook(path, name);
  return { hook: name, path, outcome: state === 'foreign' ? 'chained' : state === 'ours' ? 'updated' : 'installed' };
}

async function uninstallOne(dir: string, name: HookName): Promise<HookReport<UninstallOutcome>> {
  const path = join(dir, name);
  const backup = `${path}${BACKUP_SUFFIX}`;
  const state = await existing(path);
  if (state === 'foreign') return { hook: name, path, outcome: 'foreign' };
  if (state === 'ours') await rm(path);
  if (await exists(backup)) {
    await rename(backup, path);
    return { hook: name, path, outcome: 'restored' };
  }
  return { hook: name, path, outcome: state === 'ours' ? 'removed' : 'absent' };
}

/** Installs our hooks in a hooks directory, keeping any hook already there (see {@link InstallOutcome}). */
export async function installHooks(
  dir: string,
  names: readonly HookName[] = HOOK_NAMES,
): Promise<HookReport<InstallOutcome>[]> {
  await mkdir(dir, { recursive: true });
  const reports: HookReport<InstallOutcome>[] = [];
  for (const name of names) reports.push(await installOne(dir, name));
  return reports;
}

/** Removes our hooks and restores the ones they replaced. */
export async function uninstallHooks(
  dir: string,
  names: readonly HookName[] = HOOK_NAMES,
): Promise<HookReport<UninstallOutcome>[]> {
  const reports: HookReport<UninstallOutcome>[] = [];
  for (const name of names) reports.push(await uninstallOne(dir, name));
  return reports;
}
