import type { Command } from 'commander';
import { notAvailable } from '../not-available.js';
import { dataDirOption, jsonOption, toolOption } from '../shared-options.js';

const CLIENT = 'coming with the server client';

export function definePublish(program: Command): void {
  const publish = program.command('publish').description('upload sessions to an OpenSession server');

  publish
    .command('upload')
    .description('upload one session (sanitized and redacted first)')
    .argument('<source>', 'session file or ref (id, HEAD, HEAD~N)')
    .option('--dry-run', 'show what would be uploaded and what was redacted, upload nothing')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(notAvailable(CLIENT));

  publish
    .command('upload-all')
    .description('discover and upload every session not uploaded yet')
    .addOption(toolOption('only this tool'))
    .option('--dry-run', 'list what would be uploaded, upload nothing')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(notAvailable(CLIENT));
}
