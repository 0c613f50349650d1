import { type Command, Option } from 'commander';
import { notAvailable } from '../not-available.js';
import { dataDirOption, jsonOption } from '../shared-options.js';

const DAEMON = 'coming with the daemon';
const HOOKS = 'coming with git integration';

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
  hooks
    .command('install')
    .description('add session info to commit messages (prepare-commit-msg; existing hooks are kept)')
    .action(notAvailable(HOOKS));
  hooks.command('uninstall').description('remove the OpenSession git hook').action(notAvailable(HOOKS));
}
