import { hailLines } from '../../hail/jsonl-write.js';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import { renderTranscriptMarkdown } from '../../hail/transcript.js';
import type { CliContext } from '../context.js';
import { writeJson, writeLine } from '../output.js';
import { loadSessionRef } from '../session-ref.js';

export interface SessionShowOptions {
  ref: string;
  format: 'md' | 'hail' | 'json';
  dataDir?: string;
}

/** `session show`: one session as a readable transcript, HAIL or JSON. */
export async function handleSessionShow(opts: SessionShowOptions, ctx: CliContext): Promise<void> {
  const session = await loadSessionRef(opts.ref, opts, ctx);
  if (opts.format === 'json') return writeJson(ctx.stdout, session);
  if (opts.format === 'hail') {
    for (const line of hailLines(session)) writeLine(ctx.stdout, line);
    return;
  }
  // Markdown is read in a terminal: untrusted escapes must not reach it.
  ctx.stdout.write(stripTerminalEscapes(renderTranscriptMarkdown(session)));
}
