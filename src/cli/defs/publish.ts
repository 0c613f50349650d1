import type { Command } from 'commander';
import type { ToolName } from '../../parsers/types.js';
import { processContext } from '../context.js';
import { dataDirOption, jsonOption, toolOption } from '../shared-options.js';

interface PublishFlags {
  dryRun?: boolean;
  dataDir?: string;
  json?: boolean;
  tool?: ToolName;
}

export function definePublish(program: Command): void {
  const publish = program.command('publish').description('upload sessions to an OpenSession server');

  publish
    .command('upload')
    .description('upload one session (sanitized and redacted first)')
    .argument('<source>', 'session file or ref (id, HEAD, HEAD~N)')
    .option('--dry-run', 'show what would be uploaded and what was redacted, upload nothing')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (source: string, flags: PublishFlags) => {
      const { handlePublishUpload } = await import('../commands/publish-upload.js');
      await handlePublishUpload(
        { source, dryRun: flags.dryRun === true, dataDir: flags.dataDir, json: flags.json === true },
        processContext(),
      );
    });

  publish
    .command('upload-all')
    .description('discover and upload every session not uploaded yet')
    .addOption(toolOption('only this tool'))
    .option('--dry-run', 'list what would be uploaded and what would be redacted, upload nothing')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (flags: PublishFlags) => {
      const { handlePublishUploadAll } = await import('../commands/publish-upload-all.js');
      await handlePublishUploadAll(
        { tool: flags.tool, dryRun: flags.dryRun === true, dataDir: flags.dataDir, json: flags.json === true },
        processContext(),
      );
    });
}
