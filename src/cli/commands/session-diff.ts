import { diffSessions, renderDiffText } from '../../hail/diff.js';
import type { CliContext } from '../context.js';
import { writeJson } from '../output.js';
import { readOneSession } from '../session-file.js';

export interface SessionDiffOptions {
  a: string;
  b: string;
  tool?: string;
  json: boolean;
}

/** `session diff`: two sessions side by side. */
export async function handleSessionDiff(opts: SessionDiffOptions, ctx: CliContext): Promise<void> {
  const a = await readOneSession(opts.a, { tool: opts.tool }, ctx);
  const b = await readOneSession(opts.b, { tool: opts.tool }, ctx);
  const diff = diffSessions(a, b);
  if (opts.json) writeJson(ctx.stdout, diff);
  else ctx.stdout.write(ensureNewline(renderDiffText(diff)));
}

const ensureNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
