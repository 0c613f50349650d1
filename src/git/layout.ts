import { GitError } from './git-exec.js';

// Where sessions live in a repository (reference spec §7): an orphan branch whose tree is
// `v1/<first two chars of the id>/<id>.hail.jsonl` plus `<id>.meta.json`. A branch rather than a
// hidden ref so it can be pushed, fetched and browsed like any other (`git push origin opensession/sessions`).

export const SESSIONS_BRANCH = 'opensession/sessions';
export const SESSIONS_REF = `refs/heads/${SESSIONS_BRANCH}`;
export const LAYOUT_ROOT = 'v1';
export const HAIL_SUFFIX = '.hail.jsonl';
export const META_SUFFIX = '.meta.json';

// Session ids become file names: anything that could climb out of the bucket, hide the file,
// or break on another OS's checkout is refused rather than rewritten (a rewrite could make
// two sessions share one file).
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function assertStorableId(id: string): void {
  if (!SAFE_ID.test(id)) {
    throw new GitError(
      'failed',
      `session id ${JSON.stringify(id.slice(0, 80))} cannot be a file name in git storage (letters, digits, '.', '_' and '-' only)`,
    );
  }
}

export const bucketOf = (id: string): string => id.slice(0, 2);

/** `v1/ab/abcdef….hail.jsonl`, relative to the root of the sessions branch. */
export function hailPath(id: string): string {
  assertStorableId(id);
  return `${LAYOUT_ROOT}/${bucketOf(id)}/${id}${HAIL_SUFFIX}`;
}
