import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { configValue, headCommitTime, workTreeRoot } from '../../git/repo.js';
import { addSessionTrailers, commitSessionTrailers } from '../../git/trailers.js';
import type { Db } from '../../store/db.js';
import { activeSessionsIn, recordCommitLinks } from '../../store/queries/commit-links.js';
import type { CliContext } from '../context.js';
import { NotFoundError, UsageError } from '../errors.js';
import { openLocalIndex } from '../local-index.js';
import { activitySince, DEFAULT_WINDOW, WINDOW_KEY, windowStart } from './ops-hooks-window.js';

// The commit hooks: prepare-commit-msg names the sessions active in the repository in an
// AI-Session trailer, post-commit records the trailers of the commit made as links.

/** Most sessions named in one commit: a machine running many agents at once should not flood the message. */
const MAX_TRAILERS = 5;

/** The local index, or undefined before the first `session index`: hooks then have nothing to do. */
function indexIfAny(ctx: CliContext): Db | undefined {
  try {
    return openLocalIndex(ctx, undefined, 'read').db;
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

/** The repository root as the index may have recorded it: as git prints it, and with symlinks resolved. */
function spellings(root: string): string[] {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {}
  return real === root ? [root] : [root, real];
}

export async function prepareCommitMsg(args: string[], ctx: CliContext): Promise<void> {
  const [messageFile, source] = args;
  if (!messageFile) throw new UsageError('prepare-commit-msg: missing the message file argument');
  // Merges and squashes describe other commits; rebases and cherry-picks replay them.
  if (source === 'merge' || source === 'squash') return;
  if (/^(rebase|cherry-pick)/.test(ctx.env.GIT_REFLOG_ACTION ?? '')) return;
  const root = await workTreeRoot(ctx.cwd, ctx.env);
  const now = new Date();
  const configured = (await configValue(root, WINDOW_KEY, ctx.env)) ?? DEFAULT_WINDOW;
  let from = windowStart(configured, now);
  if (!from) {
    ctx.stderr.write(
      `opensession: git config ${WINDOW_KEY}=${configured} is not a duration; using ${DEFAULT_WINDOW}\n`,
    );
    from = windowStart(DEFAULT_WINDOW, now) as Date;
  }
  const since = activitySince(from, await headCommitTime(root, ctx.env));
  const db = indexIfAny(ctx);
  if (!db) return;
  let ids: string[];
  try {
    ids = activeSessionsIn(db, { dirs: spellings(root), since: since.toISOString(), limit: MAX_TRAILERS }).map(
      (s) => s.id,
    );
  } finally {
    db.close();
  }
  if (ids.length > 0) await addSessionTrailers(root, resolve(ctx.cwd, messageFile), ids, ctx.env);
}

export async function postCommit(ctx: CliContext): Promise<void> {
  const root = await workTreeRoot(ctx.cwd, ctx.env);
  const { commit, ids } = await commitSessionTrailers(root, 'HEAD', ctx.env);
  if (!commit || ids.length === 0) return;
  const db = indexIfAny(ctx);
  if (!db) return;
  try {
    const linked_at = new Date().toISOString();
    recordCommitLinks(
      db,
      ids.map((session_id) => ({ repo_root: root, commit_sha: commit, session_id, linked_at })),
    );
  } finally {
    db.close();
  }
}
