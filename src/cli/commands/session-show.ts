import { hailLines } from '../../hail/jsonl-write.js';
import type { Session } from '../../hail/session.js';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import { renderTranscriptMarkdown } from '../../hail/transcript.js';
import { readArchive } from '../../store/archive.js';
import { RefError, resolveRef } from '../../store/queries/refs.js';
import type { CliContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { openLocalIndex } from '../local-index.js';
import { writeJson, writeLine } from '../output.js';
import { readOneSession } from '../session-file.js';

export interface SessionShowOptions {
  ref: string;
  format: 'md' | 'hail' | 'json';
  dataDir?: string;
}

/** A reference to a session: from the archive when indexed, else a file path. */
async function loadRef(opts: SessionShowOptions, ctx: CliContext): Promise<Session> {
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  let archive: string | undefined;
  try {
    const ref = resolveRef(db, opts.ref);
    if (ref.kind === 'file') return readOneSession(ref.path, {}, ctx);
    archive = db.prepare('SELECT archive_path FROM sessions WHERE id = ?').pluck().get(ref.id) as string | undefined;
  } catch (e) {
    if (e instanceof RefError)
      throw new NotFoundError(e.message, e.candidates.length ? `candidates: ${e.candidates.join(', ')}` : undefined);
    throw e;
  } finally {
    db.close();
  }
  if (!archive)
    throw new NotFoundError(`${opts.ref}: the session has no archived copy; run \`opensession session index\``);
  return (await readArchive(archive)).session;
}

/** `session show`: one session as a readable transcript, HAIL or JSON. */
export async function handleSessionShow(opts: SessionShowOptions, ctx: CliContext): Promise<void> {
  const session = await loadRef(opts, ctx);
  if (opts.format === 'json') return writeJson(ctx.stdout, session);
  if (opts.format === 'hail') {
    for (const line of hailLines(session)) writeLine(ctx.stdout, line);
    return;
  }
  // Markdown is read in a terminal: untrusted escapes must not reach it.
  ctx.stdout.write(stripTerminalEscapes(renderTranscriptMarkdown(session)));
}
