import type { Session } from '../hail/session.js';
import type { GitEnv } from './git-exec.js';
import { rawUrl } from './raw-url.js';
import { configValue, workTreeRoot } from './repo.js';
import { type StoreResult, storeSession } from './store-session.js';

export interface NativeStoreResult extends StoreResult {
  /** The repository the session was stored in. */
  repo: string;
  /** Where the file can be downloaded once the branch is pushed to `origin` (none without a web remote). */
  body_url?: string;
}

/**
 * `[git_storage] method = "native"`: stores a session in the repository its working directory
 * belongs to, and says where the server can fetch it. Throws GitError `not-a-repo` when that
 * directory is not in a repository (the caller skips native storage for that session).
 */
export async function storeSessionInRepoOf(
  cwd: string,
  session: Session,
  opts: { env?: GitEnv } = {},
): Promise<NativeStoreResult> {
  const repo = await workTreeRoot(cwd, opts.env);
  const stored = await storeSession(repo, session, opts);
  const origin = await configValue(repo, 'remote.origin.url', opts.env);
  const url = origin ? rawUrl(origin, stored.path) : undefined;
  return url ? { ...stored, repo, body_url: url } : { ...stored, repo };
}
