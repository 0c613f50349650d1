import { type Command, Option } from 'commander';
import { processContext } from '../context.js';
import { notAvailable } from '../not-available.js';
import { dataDirOption, jsonOption } from '../shared-options.js';

const DAEMON = 'coming with the daemon';

export function defineOps(program: Command): void {
  const ops = program.command('ops').description('background daemon, live streaming and git hooks');

  const daemon = ops.command('daemon').description('manage the background daemon (watch, index, publish)');
  daemon
    .command('start')
    .description('start the daemon in the background')
    .addOption(dataDirOption())
    .action(notAvailable(DAEMON));
  daemon.command('stop').description('stop the background daemon').action(notAvailable(DAEMON));
  daemon
    .command('status')
    .description('show whether the daemon runs, and its queue')
    .addOption(jsonOption())
    .action(notAvailable(DAEMON));
  daemon
    .command('logs')
    .description("print the daemon's log")
    .option('-f, --follow', 'keep printing new lines')
    .option('-n, --lines <n>', 'print the last <n> lines', '50')
    .action(notAvailable(DAEMON));

  const stream = ops.command('stream').description("live-stream a tool's session while it runs");
  for (const [name, description] of [
    ['enable', 'install the hook that streams sessions live'],
    ['disable', 'remove the streaming hook'],
  ] as const) {
    stream
      .command(name)
      .description(description)
      .addOption(
        new Option('--agent <tool>', 'tool whose hook to change').choices(['claude-code']).default('claude-code'),
      )
      .action(notAvailable(DAEMON));
  }

  const hooks = ops.command('hooks').description("manage this repository's git hooks");
  const repoOption = () => new Option('--repo <dir>', 'the repository (default: the current directory)');
  hooks
    .command('install')
    .description(
      'name active AI sessions in commits (AI-Session trailer) and refuse pushing secrets; existing hooks are kept',
    )
    .addOption(repoOption())
    .addOption(
      new Option('--window <duration>', 'how recently a session must have been active to be named (default 12h)'),
    )
    .addOption(jsonOption())
    .action(async (flags: { repo?: string; window?: string; json?: boolean }) => {
      const { handleHooksInstall } = await import('../commands/ops-hooks.js');
      await handleHooksInstall({ ...flags, json: flags.json === true }, processContext());
    });
  hooks
    .command('uninstall')
    .description('remove the OpenSession git hooks and restore the hooks they replaced')
    .addOption(repoOption())
    .addOption(jsonOption())
    .action(async (flags: { repo?: string; json?: boolean }) => {
      const { handleHooksUninstall } = await import('../commands/ops-hooks.js');
      await handleHooksUninstall({ ...flags, json: flags.json === true }, processContext());
    });
  hooks
    .command('run', { hidden: true })
    .description('run one hook (called by the installed hook scripts)')
    .argument('<hook>', 'prepare-commit-msg, post-commit or pre-push')
    .argument('[args...]', 'the arguments git passed to the hook')
    .action(async (hook: string, args: string[]) => {
      const { handleHooksRun } = await import('../commands/ops-hooks-run.js');
      // Only pre-push gets data on stdin; elsewhere stdin may be the terminal and must not be read.
      const input = hook === 'pre-push' ? await readStdin() : '';
      await handleHooksRun({ hook, args, input }, processContext());
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
