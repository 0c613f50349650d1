import { toHailJsonl } from '../../hail/jsonl-write.js';
import type { Session } from '../../hail/session.js';
import type { CliContext } from '../context.js';
import { formatTokens, writeJson, writeLine } from '../output.js';
import { readSessionFile } from '../session-file.js';

export interface SessionParseOptions {
  path: string;
  tool?: string;
  format: 'hail' | 'json' | 'summary';
}

/** `session parse`: one file through the parsers, printed as HAIL JSONL, JSON or a summary. */
export async function handleSessionParse(opts: SessionParseOptions, ctx: CliContext): Promise<void> {
  const { tool, sessions, warnings } = await readSessionFile(opts.path, { tool: opts.tool }, ctx);
  if (opts.format === 'hail') {
    // One HAIL document per session, back to back: each starts with its own header line.
    for (const s of sessions) ctx.stdout.write(toHailJsonl(s));
    return;
  }
  if (opts.format === 'json') {
    writeJson(ctx.stdout, { tool, sessions, warnings });
    return;
  }
  writeLine(ctx.stdout, `${opts.path}: ${sessions.length} session(s) as ${tool}, ${warnings.length} warning(s)`);
  for (const s of sessions) writeLine(ctx.stdout, summaryLine(s));
}

function summaryLine(s: Session): string {
  const st = s.stats;
  const title = s.context.title ? `  ${s.context.title}` : '';
  return (
    `  ${s.session_id} [${s.agent.tool}] (${s.agent.model || 'unknown model'})${title}\n` +
    `    ${s.context.created_at} | events ${st.event_count} | messages ${st.message_count} | ` +
    `tools ${st.tool_call_count} | tokens ${formatTokens(st.total_input_tokens)} in / ${formatTokens(st.total_output_tokens)} out`
  );
}
