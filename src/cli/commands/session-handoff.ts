import { buildHandoff, renderHandoffMarkdown } from '../../hail/handoff.js';
import type { CliContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { writeOutput } from '../output.js';
import { loadSessionRefs } from '../session-ref.js';

export interface SessionHandoffOptions {
  refs: string[];
  tool?: string;
  format: 'md' | 'json';
  output?: string;
  dataDir?: string;
}

/** `session handoff`: a briefing for the next agent from one or more sessions (merged). */
export async function handleSessionHandoff(opts: SessionHandoffOptions, ctx: CliContext): Promise<void> {
  const refs = opts.refs.length > 0 ? opts.refs : ['HEAD'];
  const handoffs = [];
  for (const ref of refs) handoffs.push(...(await loadSessionRefs(ref, opts, ctx)).map(buildHandoff));
  if (handoffs.length === 0) throw new NotFoundError(`no session in ${refs.join(', ')}`);
  // JSON is always a list, so a script's parsing does not depend on how many sessions it named.
  const text = opts.format === 'json' ? `${JSON.stringify(handoffs, null, 2)}\n` : renderHandoffMarkdown(handoffs);
  await writeOutput(text, opts.output, ctx);
}
