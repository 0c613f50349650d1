import { localServices } from '../../tui/local-services.js';
import { startTui } from '../../tui/start.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { openLocalIndex } from '../local-index.js';
import { writeLine } from '../output.js';

export interface UiOptions {
  dataDir?: string;
}

/** `ui`: browse the local index in the terminal. */
export async function handleUi(opts: UiOptions, ctx: CliContext): Promise<void> {
  // Ink needs raw keys and a screen to draw on: piped, it would hang on input or print frames.
  if (!ctx.stdout.isTTY || !process.stdin.isTTY)
    throw new UsageError(
      'the terminal UI needs an interactive terminal',
      "run 'opensession --help' for the commands; 'opensession session log' lists sessions as text",
    );
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  try {
    const services = localServices({ db, cwd: ctx.cwd, terminal: ctx.stdout, env: ctx.env });
    const printed = await startTui({ services, env: ctx.env });
    for (const line of printed) writeLine(ctx.stdout, line);
  } finally {
    db.close();
  }
}
