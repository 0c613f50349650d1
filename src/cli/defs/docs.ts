import { Argument, type Command } from 'commander';
import { rootOf } from '../command-path.js';
import { processContext } from '../context.js';

export function defineDocs(program: Command): void {
  const docs = program.command('docs').description('documentation helpers');

  docs
    .command('completion')
    .description('print a shell completion script (e.g. source <(opensession docs completion bash))')
    .addArgument(new Argument('<shell>', 'target shell').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish', _flags: unknown, cmd: Command) => {
      const { handleDocsCompletion } = await import('../commands/docs-completion.js');
      handleDocsCompletion({ shell, program: rootOf(cmd) }, processContext());
    });
}
