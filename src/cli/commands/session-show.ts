import { resolve } from 'node:path';
import { hailLines } from '../../hail/jsonl-write.js';
import type { Session } from '../../hail/session.js';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import { renderTranscriptMarkdown } from '../../hail/transcript.js';
import type { CliContext } from '../context.js';
import { writeJson, writeLine } from '../output.js';
import { loadSessionRef } from '../session-ref.js';
import { withGitErrors } from './git-cli-error.js';

export interface SessionShowOptions {
  ref: string;
  format: 'md' | 'hail' | 'json';
  dataDir?: string;
  /** Read the session from a repository's sessions branch (`true`: the current directory). */
  git?: string | true;
}

async function loadStored(ref: string, repoFlag: string | true, ctx: CliContext): Promise<Session> {
  const { readStoredSession, resolveStoredId } = await import('../../git/read-stored.js');
  const repo = resolve(ctx.cwd, repoFlag === true ? '.' : repoFlag);
  return withGitErrors(async () =>
    readStoredSession(repo, await resolveStoredId(repo, ref, { env: ctx.env }), { env: ctx.env }),
  );
}

/** `session show`: one session as a readable transcript, HAIL or JSON. */
export async function handleSessionShow(opts: SessionShowOptions, ctx: CliContext): Promise<void> {
  const session =
    opts.git === undefined ? await loadSessionRef(opts.ref, opts, ctx) : await loadStored(opts.ref, opts.git, ctx);
  if (opts.format === 'json') return writeJson(ctx.stdout, session);
  if (opts.format === 'hail') {
    for (const line of hailLines(session)) writeLine(ctx.stdout, line);
    return;
  }
  // Markdown is read in a terminal: untrusted escapes must not reach it.
  ctx.stdout.write(stripTerminalEscapes(renderTranscriptMarkdown(session)));
}
