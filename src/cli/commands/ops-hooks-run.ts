import { HOOK_NAMES, type HookName } from '../../git/hook-scripts.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { withGitErrors } from './git-cli-error.js';

export interface HooksRunOptions {
  hook: string;
  /** The arguments git gave the hook. */
  args: string[];
  /** The hook's stdin (pre-push: the refs being pushed). */
  input: string;
}

/**
 * `ops hooks run <hook>`: what the installed hook scripts call (hidden from help). Each hook
 * loads only its own modules: a commit waits for this, and the secret detectors are not small.
 */
export async function handleHooksRun(opts: HooksRunOptions, ctx: CliContext): Promise<void> {
  if (!HOOK_NAMES.includes(opts.hook as HookName)) {
    throw new UsageError(`unknown hook ${JSON.stringify(opts.hook)}`, `one of: ${HOOK_NAMES.join(', ')}`);
  }
  const hook = opts.hook as HookName;
  await withGitErrors(async () => {
    if (hook === 'pre-push') {
      const { prePush } = await import('./ops-hooks-push.js');
      return prePush(opts.args, opts.input, ctx);
    }
    const { postCommit, prepareCommitMsg } = await import('./ops-hooks-commit.js');
    return hook === 'prepare-commit-msg' ? prepareCommitMsg(opts.args, ctx) : postCommit(ctx);
  });
}
