import { hailLines } from '../hail/jsonl-write.js';
import type { Session } from '../hail/session.js';
import { type GitEnv, GitError, gitText } from './git-exec.js';
import { bucketOf, HAIL_SUFFIX, hailPath, LAYOUT_ROOT, META_SUFFIX, SESSIONS_REF } from './layout.js';
import { resolveRevision } from './repo.js';
import { storedMetaJson, storedMetaOf } from './stored-meta.js';
import { blobEntry, listTree, makeTree, treeEntry, upsertEntries } from './tree.js';

export interface StoreResult {
  session_id: string;
  /** Path of the HAIL file on the sessions branch, e.g. `v1/ab/abc….hail.jsonl`. */
  path: string;
  ref: string;
  /** False when the branch already held exactly this session: nothing was written. */
  changed: boolean;
  /** The tip of the sessions branch after the call. */
  commit: string;
}

export interface StoreOptions {
  env?: GitEnv;
  /** Attempts when another writer moves the branch between our read and our update. */
  retries?: number;
}

// Commits are made by a fixed identity (as the reference does): the store works in a repo with
// no user.name configured, and a daemon never signs (signing may prompt for a passphrase).
const IDENTITY = {
  GIT_AUTHOR_NAME: 'opensession',
  GIT_AUTHOR_EMAIL: 'cli@opensession.io',
  GIT_COMMITTER_NAME: 'opensession',
  GIT_COMMITTER_EMAIL: 'cli@opensession.io',
};

/** Lines joined into ~64 KB chunks: one pipe write per line would dominate for big sessions. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let buf = '';
  for (const line of lines) {
    buf += `${line}\n`;
    if (buf.length >= 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

async function writeBlob(repo: string, input: string | Iterable<string>, env?: GitEnv): Promise<string> {
  return gitText(repo, ['hash-object', '-w', '--stdin'], { input, env });
}

/** The new root tree with the bucket updated, built level by level with mktree: the index is never used. */
async function rootTreeWith(
  repo: string,
  tip: string | undefined,
  id: string,
  bucket: ReturnType<typeof upsertEntries>,
  env?: GitEnv,
): Promise<string> {
  const bucketTree = await makeTree(repo, bucket, env);
  const layout = await listTree(repo, tip, `${LAYOUT_ROOT}/`, env);
  const layoutTree = await makeTree(repo, upsertEntries(layout, [treeEntry(bucketOf(id), bucketTree)]), env);
  const root = await listTree(repo, tip, '', env);
  return makeTree(repo, upsertEntries(root, [treeEntry(LAYOUT_ROOT, layoutTree)]), env);
}

/** Another writer moved the branch first: the caller re-reads the tip and tries again. Anything else is thrown. */
function throwUnlessLostRace(e: unknown): void {
  if (e instanceof GitError && /but expected|reference already exists/.test(e.stderr)) return;
  // A branch named `opensession` blocks `opensession/sessions` (a ref cannot be a file and a folder).
  if (e instanceof GitError && /exists; cannot create/.test(e.stderr)) {
    throw new GitError('conflict', `cannot create ${SESSIONS_REF}: ${e.stderr.split('\n').at(-1)}`, e.stderr);
  }
  throw e;
}

/**
 * Stores a session as HAIL JSONL on the repository's `opensession/sessions` branch without
 * touching the work tree, the index or HEAD: blobs, trees and the commit are written with git
 * plumbing and the branch moves by compare-and-swap. Storing an unchanged session writes no
 * commit. The caller sanitizes and redacts first: this stores what it is given.
 */
export async function storeSession(repoDir: string, session: Session, opts: StoreOptions = {}): Promise<StoreResult> {
  const { env } = opts;
  const id = session.session_id;
  const path = hailPath(id);
  const hailOid = await writeBlob(repoDir, chunked(hailLines(session)), env);
  const metaOid = await writeBlob(repoDir, storedMetaJson(storedMetaOf(session)), env);
  const updates = [blobEntry(`${id}${HAIL_SUFFIX}`, hailOid), blobEntry(`${id}${META_SUFFIX}`, metaOid)];

  const attempts = opts.retries ?? 5;
  for (let attempt = 1; ; attempt++) {
    const tip = await resolveRevision(repoDir, `${SESSIONS_REF}^{commit}`, env);
    const bucket = await listTree(repoDir, tip, `${LAYOUT_ROOT}/${bucketOf(id)}/`, env);
    const unchanged = updates.every((u) => bucket.some((e) => e.name === u.name && e.oid === u.oid));
    if (tip && unchanged) return { session_id: id, path, ref: SESSIONS_REF, changed: false, commit: tip };

    const tree = await rootTreeWith(repoDir, tip, id, upsertEntries(bucket, updates), env);
    const parents = tip ? ['-p', tip] : [];
    const commit = await gitText(repoDir, ['commit-tree', '--no-gpg-sign', tree, ...parents, '-m', `session: ${id}`], {
      env,
      extraEnv: IDENTITY,
    });
    try {
      // The old value makes this a compare-and-swap ('' = the ref must not exist yet).
      await gitText(
        repoDir,
        ['update-ref', '--create-reflog', '-m', `opensession: store ${id}`, SESSIONS_REF, commit, tip ?? ''],
        { env },
      );
      return { session_id: id, path, ref: SESSIONS_REF, changed: true, commit };
    } catch (e) {
      throwUnlessLostRace(e);
      if (attempt >= attempts) throw new GitError('conflict', `${SESSIONS_REF} kept moving; gave up storing ${id}`);
    }
  }
}
