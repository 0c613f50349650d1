import { type GitEnv, runGit, splitNul } from './git-exec.js';
import { HAIL_SUFFIX } from './layout.js';

/** One line of a pre-push hook's stdin: `<local ref> <local oid> <remote ref> <remote oid>`. */
export interface RefUpdate {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

const isZero = (oid: string): boolean => /^0+$/.test(oid);

export function parsePrePushInput(text: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of text.split('\n')) {
    const [localRef, localOid, remoteRef, remoteOid] = line.trim().split(' ');
    if (localRef && localOid && remoteRef && remoteOid) updates.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return updates;
}

/** A session file a pushed commit adds or changes. */
export interface PushedFile {
  path: string;
  oid: string;
  commit: string;
}

/** The remote's current tips that exist here: what the remote already has needs no scan. */
async function knownOids(repo: string, oids: readonly string[], env?: GitEnv): Promise<string[]> {
  if (oids.length === 0) return [];
  const { stdout } = await runGit(repo, ['cat-file', '--batch-check'], { input: `${oids.join('\n')}\n`, env });
  return stdout
    .toString('utf8')
    .split('\n')
    .filter((l) => l && !l.endsWith(' missing'))
    .map((l) => l.split(' ')[0] as string);
}

/** Commits the push sends: reachable from the pushed tips, not from what the remote (as far as we know) has. */
async function pushedCommits(
  repo: string,
  remote: string,
  updates: readonly RefUpdate[],
  env?: GitEnv,
): Promise<string> {
  const tips = updates.filter((u) => !isZero(u.localOid)).map((u) => u.localOid);
  if (tips.length === 0) return '';
  const have = await knownOids(
    repo,
    updates.map((u) => u.remoteOid).filter((o) => !isZero(o)),
    env,
  );
  // --remotes=<name> matches only a named remote's tracking refs; a push to a bare URL scans
  // everything not excluded by the remote tips (slower, never wrong).
  const name = remote.replace(/[*?[\]\\]/g, '');
  const args = ['rev-list', ...tips, '--not', ...have, ...(name ? [`--remotes=${name}`] : [])];
  return (await runGit(repo, args, { env })).stdout.toString('utf8');
}

/**
 * Session files (`*.hail.jsonl`, including the sessions branch's `v1/…` files) added or
 * modified by the commits a push sends, one per distinct blob.
 */
export async function pushedSessionFiles(
  repo: string,
  remote: string,
  updates: readonly RefUpdate[],
  env?: GitEnv,
): Promise<PushedFile[]> {
  const commits = await pushedCommits(repo, remote, updates, env);
  if (!commits) return [];
  const { stdout } = await runGit(
    repo,
    [
      'diff-tree',
      '--stdin',
      '-r',
      '--root',
      '--raw',
      '-z',
      '--no-renames',
      '--diff-filter=AM',
      '--',
      `*${HAIL_SUFFIX}`,
    ],
    { input: commits, env },
  );
  const records = splitNul(stdout);
  const files = new Map<string, PushedFile>();
  let commit = '';
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as string;
    if (!rec.startsWith(':')) {
      commit = rec; // diff-tree --stdin names each commit before its changes
      continue;
    }
    const oid = rec.split(' ')[3];
    const path = records[++i];
    if (oid && path && !files.has(oid)) files.set(oid, { path, oid, commit });
  }
  return [...files.values()];
}
