// The commander program and the one place errors become output and exit codes.
import { type Command, CommanderError } from 'commander';
import { commandPath, resolveCommand, wantsJson } from './command-path.js';
import { reportError, UsageError } from './errors.js';
import { buildProgram } from './program.js';
import { readVersion } from './version.js';

export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram(readVersion());
  let active: Command | undefined;
  program.hook('preAction', (_root, actionCommand) => {
    active = actionCommand;
  });
  // No command opens the TUI, as in the reference; with no terminal to draw on, the help.
  const args = argv.length === 0 ? [process.stdout.isTTY ? 'ui' : '--help'] : [...argv];
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (thrown) {
    let err = thrown;
    if (thrown instanceof CommanderError) {
      // Help and version were printed by commander. `commander.help` with a non-zero code is
      // help printed to stderr because a group was called without its subcommand.
      if (thrown.exitCode === 0) return 0;
      if (thrown.code === 'commander.help') return 2;
      const at = commandPath(resolveCommand(program, args));
      err = new UsageError(
        thrown.message.replace(/^error: /, ''),
        `run 'opensession${at ? ` ${at}` : ''} --help' for usage`,
      );
    }
    const cmd = active ?? resolveCommand(program, args);
    const json = active ? active.opts().json === true : wantsJson(args);
    const report = reportError(err, {
      json,
      command: commandPath(cmd),
      debug: process.env.OPENSESSION_DEBUG === '1',
    });
    if (report.stdout) process.stdout.write(report.stdout);
    if (report.stderr) process.stderr.write(report.stderr);
    return report.exitCode;
  }
}
