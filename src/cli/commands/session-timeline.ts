import { renderTimelineJsonl, renderTimelineText, timelineRows } from '../../hail/timeline.js';
import type { CliContext } from '../context.js';
import { loadSessionRef } from '../session-ref.js';

export interface SessionTimelineOptions {
  ref: string;
  dataDir?: string;
  tool?: string;
  format: 'text' | 'jsonl';
  collapse: boolean;
  maxRows?: number;
}

/** `session timeline`: one line per event (or collapsed run), for grep and friends. */
export async function handleSessionTimeline(opts: SessionTimelineOptions, ctx: CliContext): Promise<void> {
  const session = await loadSessionRef(opts.ref, opts, ctx);
  const rows = timelineRows(session, { collapse: opts.collapse, maxRows: opts.maxRows });
  const render = opts.format === 'jsonl' ? renderTimelineJsonl : renderTimelineText;
  ctx.stdout.write(render(session, rows));
}
