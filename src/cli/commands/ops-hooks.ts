import { resolve } from 'node:path';
import { BACKUP_SUFFIX } from '../../git/hook-scripts.js';
import {
  type HookReport,
  type InstallOutcome,
  installHooks,
  type UninstallOutcome,
  uninstallHooks,
} from '../../git/hooks-install.js';
import { configValue, hooksDir, setConfigValue, unsetConfigValue, workTreeRoot } from '../../git/repo.js';
import type { CliContext } from '../context.js';
import { AlreadyReported, UsageError } from '../errors.js';
import { writeJson, writeLine } from '../output.js';
import { withGitErrors } from './git-cli-error.js';
import { DEFAULT_WINDOW, WINDOW_KEY, windowStart } from './ops-hooks-window.js';

export interface HooksInstallOptions {
  repo?: string;
  window?: string;
  json: boolean;
}

export interface HooksUninstallOptions {
  repo?: string;
  json: boolean;
}

const INSTALL_NOTES: Record<InstallOutcome, string> = {
  installed: 'installed',
  updated: 'updated',
  chained: `installed; the hook that was here runs first (kept as <hook>${BACKUP_SUFFIX})`,
  blocked: `skipped: both a hook and a <hook>${BACKUP_SUFFIX} exist; move one away and install again`,
};

const UNINSTALL_NOTES: Record<UninstallOutcome, string> = {
  removed: 'removed',
  restored: 'removed; the previous hook is back',
  foreign: 'left alone (not an OpenSession hook)',
  absent: 'not installed',
};

function printReports<T extends string>(ctx: CliContext, reports: HookReport<T>[], notes: Record<T, string>): void {
  for (const r of reports) writeLine(ctx.stdout, `  ${r.hook.padEnd(20)}${notes[r.outcome].replace('<hook>', r.hook)}`);
}

/** `ops hooks install`: AI-Session trailers, commit links and the pre-push secret check for one repository. */
export async function handleHooksInstall(opts: HooksInstallOptions, ctx: CliContext): Promise<void> {
  if (opts.window !== undefined && !windowStart(opts.window, new Date())) {
    throw new UsageError(`--window: ${JSON.stringify(opts.window)} is not a duration`, 'e.g. 30m, 12h, 2d');
  }
  const repo = resolve(ctx.cwd, opts.repo ?? '.');
  const { root, dir, reports, window } = await withGitErrors(async () => {
    const root = await workTreeRoot(repo, ctx.env);
    const dir = await hooksDir(root, ctx.env);
    const reports = await installHooks(dir);
    if (opts.window !== undefined) await setConfigValue(root, WINDOW_KEY, opts.window, ctx.env);
    return { root, dir, reports, window: (await configValue(root, WINDOW_KEY, ctx.env)) ?? DEFAULT_WINDOW };
  });
  const blocked = reports.some((r) => r.outcome === 'blocked');
  if (opts.json) writeJson(ctx.stdout, { repo: root, hooks_dir: dir, window, hooks: reports });
  else {
    writeLine(ctx.stdout, `OpenSession git hooks in ${dir}:`);
    printReports(ctx, reports, INSTALL_NOTES);
    writeLine(
      ctx.stdout,
      `Commits name the sessions run in ${root} and active in the last ${window} (and since the previous commit);` +
        ` change with: git config ${WINDOW_KEY} <duration>`,
    );
    writeLine(
      ctx.stdout,
      'Pushing a session file that holds secrets is refused; override: OPENSESSION_ALLOW_SECRETS=1 git push',
    );
  }
  if (blocked) throw new AlreadyReported('some hooks were not installed');
}

/** `ops hooks uninstall`: removes our hooks and puts back the ones they replaced, byte for byte. */
export async function handleHooksUninstall(opts: HooksUninstallOptions, ctx: CliContext): Promise<void> {
  const repo = resolve(ctx.cwd, opts.repo ?? '.');
  const { dir, reports } = await withGitErrors(async () => {
    const root = await workTreeRoot(repo, ctx.env);
    const dir = await hooksDir(root, ctx.env);
    const reports = await uninstallHooks(dir);
    await unsetConfigValue(root, WINDOW_KEY, ctx.env);
    return { dir, reports };
  });
  if (opts.json) return writeJson(ctx.stdout, { hooks_dir: dir, hooks: reports });
  writeLine(ctx.stdout, `OpenSession git hooks in ${dir}:`);
  printReports(ctx, reports, UNINSTALL_NOTES);
}
