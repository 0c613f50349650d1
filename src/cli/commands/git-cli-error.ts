import { GitError } from '../../git/git-exec.js';
import { CliError, NotFoundError, UsageError } from '../errors.js';

/** Runs git-backed work, turning expected git failures into CLI errors by kind (never by message). */
export async function withGitErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    switch (e.kind) {
      case 'git-missing':
        throw new CliError(e.message, 'install git (https://git-scm.com) and make sure it is on PATH');
      case 'not-a-repo':
        throw new UsageError(
          e.message,
          'run this inside a git repository, or name one (e.g. --git <dir>, --repo <dir>)',
        );
      case 'not-found':
        throw new NotFoundError(e.message);
      default:
        throw new CliError(e.message);
    }
  }
}
