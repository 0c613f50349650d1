import { buildHandoff, renderHandoffMarkdown } from '../../hail/handoff.js';
import type { CliContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { writeOutput } from '../output.js';
import { readSessionFile } from '../session-file.js';

export interface SessionHandoffOptions {
  files: string[];
  tool?: string;
  format: 'md' | 'json';
  output?: string;
}

/** `session handoff`: a briefing for the next agent from one or more session files (merged). */
export async function handleSessionHandoff(opts: SessionHandoffOptions, ctx: CliContext): Promise<void> {
  const handoffs = [];
  for (const file of opts.files) {
    const { sessions } = await readSessionFile(file, { tool: opts.tool }, ctx);
    handoffs.push(...sessions.map(buildHandoff));
  }
  if (handoffs.length === 0) throw new NotFoundError(`no session in ${opts.files.join(', ')}`);
  // JSON is always a list, so a script's parsing does not depend on how many files it passed.
  const text = opts.format === 'json' ? `${JSON.stringify(handoffs, null, 2)}\n` : renderHandoffMarkdown(handoffs);
  await writeOutput(text, opts.output, ctx);
}
