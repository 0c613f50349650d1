import { type GitEnv, gitText, runGit, splitNul } from './git-exec.js';

/** One row of `git ls-tree`: `<mode> <type> <oid>\t<name>`. */
export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  name: string;
}

export function parseTreeEntries(records: readonly string[], prefix = ''): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const rec of records) {
    const tab = rec.indexOf('\t');
    const [mode, type, oid] = rec.slice(0, tab).split(' ');
    const path = rec.slice(tab + 1);
    if (!mode || !type || !oid || tab < 0 || !path.startsWith(prefix)) continue;
    entries.push({ mode, type, oid, name: path.slice(prefix.length) });
  }
  return entries;
}

/**
 * The entries of directory `dir` (`''` for the root, else ending in `/`) in `treeish`; none
 * when the directory or the tree-ish does not exist yet.
 */
export async function listTree(
  repo: string,
  treeish: string | undefined,
  dir: string,
  env?: GitEnv,
): Promise<TreeEntry[]> {
  if (!treeish) return [];
  const args = ['ls-tree', '-z', '--full-tree', treeish];
  if (dir) args.push('--', dir);
  return parseTreeEntries(splitNul((await runGit(repo, args, { env })).stdout), dir);
}

/** Writes a tree object from entries (mktree sorts them) and returns its id. */
export async function makeTree(repo: string, entries: readonly TreeEntry[], env?: GitEnv): Promise<string> {
  const input = entries.map((e) => `${e.mode} ${e.type} ${e.oid}\t${e.name}\0`).join('');
  return gitText(repo, ['mktree', '-z'], { input, env });
}

/** `entries` with each of `updates` replacing the entry of the same name, or added. */
export function upsertEntries(entries: readonly TreeEntry[], updates: readonly TreeEntry[]): TreeEntry[] {
  const names = new Set(updates.map((u) => u.name));
  return [...entries.filter((e) => !names.has(e.name)), ...updates];
}

export const blobEntry = (name: string, oid: string): TreeEntry => ({ mode: '100644', type: 'blob', oid, name });
export const treeEntry = (name: string, oid: string): TreeEntry => ({ mode: '040000', type: 'tree', oid, name });
