import { type Command, Option } from 'commander';
import { processContext } from '../context.js';
import { dataDirOption, positiveInt } from '../shared-options.js';

export function defineUi(program: Command): void {
  program
    .command('ui')
    .description('browse sessions in the terminal UI (the default when no command is given)')
    .addOption(dataDirOption())
    .action(async (flags: { dataDir?: string }) => {
      const { handleUi } = await import('../commands/ui.js');
      await handleUi(flags, processContext());
    });
}

/** Commands that are long-running programs of their own: the server, the MCP server, the daemon process. */
export function defineProcesses(program: Command): void {
  program
    .command('server')
    .description('run the self-hosted server (web UI, API, team sharing)')
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'address to bind').default('127.0.0.1'))
    .addOption(dataDirOption())
    .action(async (flags: { port: string; host: string; dataDir?: string }) => {
      const { handleServer } = await import('../commands/server.js');
      await handleServer(flags, processContext());
    });

  program
    .command('mcp')
    .description('serve your sessions to AI agents over MCP (stdio)')
    .addOption(dataDirOption())
    .addOption(
      new Option('--max-output <chars>', 'largest tool result, in characters').argParser(positiveInt).default(24_000),
    )
    .action(async (flags: { dataDir?: string; maxOutput: number }) => {
      const { handleMcp } = await import('../commands/mcp.js');
      await handleMcp(flags, processContext());
    });

  program
    .command('daemon')
    .description('run the daemon process (what `ops daemon start` launches)')
    .option('--foreground', 'also log to stderr (for systemd/launchd units and terminals)')
    .addOption(dataDirOption())
    .action(async (flags: { foreground?: boolean; dataDir?: string }) => {
      const { handleDaemonRun } = await import('../commands/daemon-run.js');
      await handleDaemonRun({ foreground: flags.foreground === true, dataDir: flags.dataDir }, processContext());
    });
}
