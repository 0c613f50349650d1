import { readHailSession } from '../hail/jsonl-read.js';
import type { Session } from '../hail/session.js';
import { type GitEnv, GitError, runGit, splitNul, streamGit } from './git-exec.js';
import { HAIL_SUFFIX, hailPath, LAYOUT_ROOT, META_SUFFIX, SESSIONS_REF } from './layout.js';
import { resolveRevision } from './repo.js';
import { type StoredMeta, StoredMetaSchema } from './stored-meta.js';
import { parseTreeEntries } from './tree.js';

export interface StoredSessionItem {
  session_id: string;
  path: string;
  /** Undefined when the meta file is missing or unreadable (see `issues`). */
  meta?: StoredMeta;
}

export interface StoredListing {
  /** Newest first by created_at; sessions without meta last, by id. */
  sessions: StoredSessionItem[];
  /** One line per file that could not be read, naming it. */
  issues: string[];
}

interface Files {
  hail?: string;
  meta?: { oid: string; path: string };
}

/** Session files under `v1/`, grouped by id. */
async function storedFiles(repo: string, tip: string, env?: GitEnv): Promise<Map<string, Files>> {
  const out = await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', tip, '--', `${LAYOUT_ROOT}/`], { env });
  const byId = new Map<string, Files>();
  for (const e of parseTreeEntries(splitNul(out.stdout))) {
    const file = e.name.slice(e.name.lastIndexOf('/') + 1);
    const suffix = file.endsWith(HAIL_SUFFIX) ? HAIL_SUFFIX : file.endsWith(META_SUFFIX) ? META_SUFFIX : undefined;
    if (!suffix || e.type !== 'blob') continue;
    const id = file.slice(0, -suffix.length);
    const files = byId.get(id) ?? {};
    if (suffix === HAIL_SUFFIX) files.hail = e.name;
    else files.meta = { oid: e.oid, path: e.name };
    byId.set(id, files);
  }
  return byId;
}

/** Reads many small blobs with one `git cat-file --batch`. */
async function readBlobs(repo: string, oids: readonly string[], env?: GitEnv): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  if (oids.length === 0) return blobs;
  const { stdout } = await runGit(repo, ['cat-file', '--batch'], { input: `${oids.join('\n')}\n`, env });
  let pos = 0;
  while (pos < stdout.length) {
    const eol = stdout.indexOf(0x0a, pos);
    if (eol < 0) break;
    const [oid, type, size] = stdout.subarray(pos, eol).toString('utf8').split(' ');
    if (type === 'missing' || !oid) {
      pos = eol + 1;
      continue;
    }
    const n = Number(size);
    blobs.set(oid, stdout.subarray(eol + 1, eol + 1 + n).toString('utf8'));
    pos = eol + 1 + n + 1; // content, then a newline
  }
  return blobs;
}

function parseMeta(text: string | undefined): StoredMeta | string {
  if (text === undefined) return 'unreadable';
  try {
    const r = StoredMetaSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : `${r.error.issues[0]?.path.join('.') || '(root)'}: ${r.error.issues[0]?.message}`;
  } catch (e) {
    return `invalid JSON (${(e as Error).message})`;
  }
}

const byNewest = (a: StoredSessionItem, b: StoredSessionItem): number => {
  if (a.meta && b.meta)
    return b.meta.created_at.localeCompare(a.meta.created_at) || a.session_id.localeCompare(b.session_id);
  if (a.meta || b.meta) return a.meta ? -1 : 1;
  return a.session_id.localeCompare(b.session_id);
};

/** The sessions stored on the repository's sessions branch; none when the branch does not exist. */
export async function listStoredSessions(repoDir: string, opts: { env?: GitEnv } = {}): Promise<StoredListing> {
  const tip = await resolveRevision(repoDir, `${SESSIONS_REF}^{commit}`, opts.env);
  if (!tip) return { sessions: [], issues: [] };
  const files = await storedFiles(repoDir, tip, opts.env);
  const metaOids = [...files.values()].flatMap((f) => (f.meta ? [f.meta.oid] : []));
  const blobs = await readBlobs(repoDir, metaOids, opts.env);
  const sessions: StoredSessionItem[] = [];
  const issues: string[] = [];
  for (const [id, f] of files) {
    if (!f.hail) continue; // a meta file alone is not a session
    const item: StoredSessionItem = { session_id: id, path: f.hail };
    const meta = f.meta ? parseMeta(blobs.get(f.meta.oid)) : 'missing';
    if (typeof meta === 'string') issues.push(`${f.meta?.path ?? `${id}${META_SUFFIX}`}: ${meta}`);
    else item.meta = meta;
    sessions.push(item);
  }
  return { sessions: sessions.sort(byNewest), issues };
}

/**
 * The full id of the one stored session that `ref` names: a whole id or a unique prefix.
 * Throws `not-found` (with the candidates when the prefix is ambiguous).
 */
export async function resolveStoredId(repoDir: string, ref: string, opts: { env?: GitEnv } = {}): Promise<string> {
  const { sessions } = await listStoredSessions(repoDir, opts);
  const exact = sessions.find((s) => s.session_id === ref);
  if (exact) return exact.session_id;
  const matches = sessions.filter((s) => s.session_id.startsWith(ref));
  if (matches.length === 1 && matches[0]) return matches[0].session_id;
  const where = `${repoDir} (${SESSIONS_REF})`;
  if (matches.length === 0) throw new GitError('not-found', `no session ${ref} stored in ${where}`);
  const shown = matches.slice(0, 5).map((s) => s.session_id);
  throw new GitError(
    'not-found',
    `${ref} is ambiguous in ${where}: ${shown.join(', ')}${matches.length > 5 ? ', …' : ''}`,
  );
}

/** One stored session, streamed from git (a large transcript is never held as one string). */
export async function readStoredSession(repoDir: string, id: string, opts: { env?: GitEnv } = {}): Promise<Session> {
  const path = hailPath(id);
  const oid = await resolveRevision(repoDir, `${SESSIONS_REF}:${path}`, opts.env);
  if (!oid) throw new GitError('not-found', `no session ${id} stored in ${repoDir} (${SESSIONS_REF})`);
  const { stdout, done } = streamGit(repoDir, ['cat-file', 'blob', oid], opts);
  try {
    const { session } = await readHailSession(stdout);
    await done;
    return session;
  } catch (e) {
    stdout.destroy();
    if (e instanceof GitError) throw e;
    throw new GitError('failed', `${SESSIONS_REF}:${path}: ${(e as Error).message}`);
  }
}
