import type { Command } from 'commander';
import { renderBash } from '../completion/bash.js';
import { renderFish } from '../completion/fish.js';
import { completionTree } from '../completion/spec.js';
import { renderZsh } from '../completion/zsh.js';
import type { CliContext } from '../context.js';

export type Shell = 'bash' | 'zsh' | 'fish';

export interface DocsCompletionOptions {
  shell: Shell;
  /** The live command tree, so the script always matches this build's commands and flags. */
  program: Command;
}

const RENDERERS = { bash: renderBash, zsh: renderZsh, fish: renderFish } as const;

export function handleDocsCompletion(opts: DocsCompletionOptions, ctx: Pick<CliContext, 'stdout'>): void {
  ctx.stdout.write(RENDERERS[opts.shell](completionTree(opts.program), opts.program.name()));
}
