import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Session } from '../hail/session.js';
import { readArchive } from '../store/archive.js';
import { RefError, resolveRef } from '../store/queries/refs.js';
import type { CliContext } from './context.js';
import { NotFoundError } from './errors.js';
import { openLocalIndex } from './local-index.js';
import { readOneSession, readSessionFile } from './session-file.js';

// Session references on the command line: an existing file is read directly (no index needed,
// so handoff/diff/timeline keep working on a fresh machine); anything else (id, id prefix,
// HEAD, HEAD~N) is looked up in the local index and read from its archived copy.

export interface RefOptions {
  tool?: string;
  dataDir?: string;
}

async function loadIndexed(ref: string, opts: RefOptions, ctx: CliContext): Promise<Session> {
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  let archive: string | undefined;
  try {
    const resolved = resolveRef(db, ref);
    if (resolved.kind === 'file') return await readOneSession(resolved.path, opts, ctx);
    archive = db.prepare('SELECT archive_path FROM sessions WHERE id = ?').pluck().get(resolved.id) as
      | string
      | undefined;
  } catch (e) {
    if (e instanceof RefError)
      throw new NotFoundError(e.message, e.candidates.length ? `candidates: ${e.candidates.join(', ')}` : undefined);
    throw e;
  } finally {
    db.close();
  }
  if (!archive) throw new NotFoundError(`${ref}: the session has no archived copy; run \`opensession session index\``);
  return (await readArchive(archive)).session;
}

const isFile = (ref: string, ctx: CliContext) => !/^HEAD(~\d+)?$/.test(ref) && existsSync(resolve(ctx.cwd, ref));

/** The one session a reference names. */
export async function loadSessionRef(ref: string, opts: RefOptions, ctx: CliContext): Promise<Session> {
  return isFile(ref, ctx) ? readOneSession(ref, opts, ctx) : loadIndexed(ref, opts, ctx);
}

/** Every session a reference names: all sessions of a file (a tool's database may hold many), or one indexed session. */
export async function loadSessionRefs(ref: string, opts: RefOptions, ctx: CliContext): Promise<Session[]> {
  return isFile(ref, ctx) ? (await readSessionFile(ref, opts, ctx)).sessions : [await loadIndexed(ref, opts, ctx)];
}
