import { Command } from 'commander';
import { defineAccount } from './defs/account.js';
import { defineDocs } from './defs/docs.js';
import { defineOps } from './defs/ops.js';
import { definePublish } from './defs/publish.js';
import { defineSession } from './defs/session.js';
import { defineProcesses, defineUi } from './defs/top-level.js';

/**
 * The whole command tree. Definitions import only commander and small local modules: every
 * implementation is loaded inside its action, so building the tree (done on every start except
 * the bare --version) stays cheap. test/cli/startup-graph.test.ts enforces this.
 *
 * Adding a command: write commands/<group>-<name>.ts exporting `handleX(opts, ctx)`; in
 * defs/<group>.ts declare its flags (shared ones from shared-options.ts) and an action that maps
 * flags to opts and does `const { handleX } = await import('../commands/<group>-<name>.js')`.
 * Throw the CliError subclass that fits; main prints it and picks the exit code.
 */
export function buildProgram(version: string): Command {
  const program = new Command('opensession')
    .description('Open-source manager for AI coding sessions: discover, index, search, browse and share them.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .configureHelp({ showGlobalOptions: false })
    // Set before any subcommand exists: commander copies these settings to the commands created
    // under it. Errors are thrown instead of exiting and printed by main, so --json mode can
    // format them and every exit code is decided in one place.
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true);

  defineUi(program);
  defineSession(program);
  definePublish(program);
  defineOps(program);
  defineAccount(program);
  defineDocs(program);
  defineProcesses(program);
  return program;
}
