import { renderTimelineJsonl, renderTimelineText, timelineRows } from '../../hail/timeline.js';
import type { CliContext } from '../context.js';
import { readOneSession } from '../session-file.js';

export interface SessionTimelineOptions {
  file: string;
  tool?: string;
  format: 'text' | 'jsonl';
  collapse: boolean;
  maxRows?: number;
}

/** `session timeline`: one line per event (or collapsed run), for grep and friends. */
export async function handleSessionTimeline(opts: SessionTimelineOptions, ctx: CliContext): Promise<void> {
  const session = await readOneSession(opts.file, { tool: opts.tool }, ctx);
  const rows = timelineRows(session, { collapse: opts.collapse, maxRows: opts.maxRows });
  const render = opts.format === 'jsonl' ? renderTimelineJsonl : renderTimelineText;
  ctx.stdout.write(render(session, rows));
}
