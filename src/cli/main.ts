#!/usr/bin/env node
// Entry point. Every invocation pays for what this file imports, so it imports nothing but the
// version reader: `--version` is answered before commander (about 15 ms of module loading here)
// and the command tree are loaded. Everything else goes through run.ts, whose actions in turn
// import each command's implementation only when that command runs.
import { readVersion } from './version.js';

// `opensession … | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const argv = process.argv.slice(2);
// Only the exact spellings commander gives the version option; any other argv (e.g. `-V` with
// more words) goes through commander, which prints the same text. A test compares both paths.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${readVersion()}\n`);
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(argv);
}
