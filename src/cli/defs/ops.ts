import { type Command, Option } from 'commander';
import { processContext } from '../context.js';
import { dataDirOption, jsonOption, positiveInt } from '../shared-options.js';

interface DaemonFlags {
  dataDir?: string;
  json?: boolean;
}

export function defineOps(program: Command): void {
  const ops = program.command('ops').description('background daemon, live streaming and git hooks');

  const daemon = ops.command('daemon').description('manage the background daemon (watch, index, publish)');
  daemon
    .command('start')
    .description('start the daemon in the background')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (flags: DaemonFlags) => {
      const { handleDaemonStart } = await import('../commands/ops-daemon.js');
      await handleDaemonStart(flags, processContext());
    });
  daemon
    .command('stop')
    .description('stop the background daemon')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (flags: DaemonFlags) => {
      const { handleDaemonStop } = await import('../commands/ops-daemon.js');
      await handleDaemonStop(flags, processContext());
    });
  daemon
    .command('status')
    .description('show whether the daemon runs: uptime, watched paths, queue, last sync and error')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (flags: DaemonFlags) => {
      const { handleDaemonStatus } = await import('../commands/ops-daemon-status.js');
      await handleDaemonStatus({ dataDir: flags.dataDir, json: flags.json === true }, processContext());
    });
  daemon
    .command('logs')
    .description("print the daemon's log")
    .option('-f, --follow', 'keep printing new lines')
    .addOption(new Option('-n, --lines <n>', 'print the last <n> lines').argParser(positiveInt).default(50))
    .addOption(dataDirOption())
    .action(async (flags: { follow?: boolean; lines: number; dataDir?: string }) => {
      const { handleDaemonLogs } = await import('../commands/ops-daemon-logs.js');
      await handleDaemonLogs({ ...flags, follow: flags.follow === true }, processContext());
    });

  const stream = ops
    .command('stream')
    .description('stream sessions to the server live, as they are written (daemon.toml publish_on)');
  for (const [name, description] of [
    ['enable', 'set publish_on = "realtime": new events reach the live view within seconds'],
    ['disable', 'set publish_on = "session_end": sessions are uploaded once they end'],
  ] as const) {
    stream
      .command(name)
      .description(description)
      .addOption(dataDirOption())
      .addOption(jsonOption())
      .action(async (flags: DaemonFlags) => {
        const { handleStream } = await import('../commands/ops-stream.js');
        await handleStream(
          { enable: name === 'enable', dataDir: flags.dataDir, json: flags.json === true },
          processContext(),
        );
      });
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
