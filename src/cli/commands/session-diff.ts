import { diffSessions, renderDiffText } from '../../hail/diff.js';
import type { CliContext } from '../context.js';
import { writeJson } from '../output.js';
import { loadSessionRef } from '../session-ref.js';

export interface SessionDiffOptions {
  a: string;
  b: string;
  tool?: string;
  json: boolean;
  dataDir?: string;
}

/** `session diff`: two sessions side by side. */
export async function handleSessionDiff(opts: SessionDiffOptions, ctx: CliContext): Promise<void> {
  const a = await loadSessionRef(opts.a, opts, ctx);
  const b = await loadSessionRef(opts.b, opts, ctx);
  const diff = diffSessions(a, b);
  if (opts.json) writeJson(ctx.stdout, diff);
  else ctx.stdout.write(ensureNewline(renderDiffText(diff)));
}

const ensureNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
