import { type GitEnv, gitText, runGit } from './git-exec.js';

export const SESSION_TRAILER = 'AI-Session';

// Ids that git may write into a message unquoted, and that a hand-edited trailer must match
// before it is trusted as a link.
const TRAILER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$/;

export const isTrailerId = (id: string): boolean => TRAILER_ID.test(id);

/**
 * Appends `AI-Session: <id>` trailers to a commit message file. git interpret-trailers places
 * them (after existing trailers, before comments and the scissors line) and skips ids already
 * there, so an amended commit does not collect duplicates.
 */
export async function addSessionTrailers(
  repo: string,
  messageFile: string,
  ids: readonly string[],
  env?: GitEnv,
): Promise<void> {
  const valid = ids.filter(isTrailerId);
  if (valid.length === 0) return;
  const trailers = valid.flatMap((id) => ['--trailer', `${SESSION_TRAILER}: ${id}`]);
  await runGit(repo, ['interpret-trailers', '--in-place', '--if-exists', 'addIfDifferent', ...trailers, messageFile], {
    env,
  });
}

/** The commit `rev` names and the session ids in its AI-Session trailers. */
export async function commitSessionTrailers(
  repo: string,
  rev = 'HEAD',
  env?: GitEnv,
): Promise<{ commit: string; ids: string[] }> {
  const out = await gitText(
    repo,
    ['log', '-1', `--format=%H%n%(trailers:key=${SESSION_TRAILER},valueonly)`, '--end-of-options', rev],
    { env },
  );
  const [commit = '', ...values] = out.split('\n');
  const ids = [...new Set(values.map((v) => v.trim()).filter(isTrailerId))];
  return { commit, ids };
}
