import type { Command } from 'commander';
import { processContext } from '../context.js';
import { jsonOption } from '../shared-options.js';

interface ConfigFlags {
  server?: string;
  apiKey?: string;
  teamId?: string;
  json?: boolean;
}

export function defineAccount(program: Command): void {
  const account = program.command('account').description('CLI configuration and your server account');

  account
    .command('config')
    .description('show the configuration, or set values with the flags (the API key is always masked)')
    .option('--server <url>', 'server URL, e.g. https://opensession.io')
    .option('--api-key <key>', 'API key (starts with osk_)')
    .option('--team-id <id>', 'team that uploads go to')
    .addOption(jsonOption())
    .action(async (flags: ConfigFlags) => {
      const { handleAccountConfig } = await import('../commands/account-config.js');
      await handleAccountConfig(
        { server: flags.server, apiKey: flags.apiKey, teamId: flags.teamId, json: flags.json === true },
        processContext(),
      );
    });

  const server = account.command('server').description('check the configured server');
  server
    .command('status')
    .description('check that the server answers, and its version')
    .addOption(jsonOption())
    .action(async (flags: { json?: boolean }) => {
      const { handleServerStatus } = await import('../commands/account-server.js');
      await handleServerStatus({ json: flags.json === true }, processContext());
    });
  server
    .command('verify')
    .description('check that the API key is accepted, and who it belongs to')
    .addOption(jsonOption())
    .action(async (flags: { json?: boolean }) => {
      const { handleServerVerify } = await import('../commands/account-server.js');
      await handleServerVerify({ json: flags.json === true }, processContext());
    });
}
