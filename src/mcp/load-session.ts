import type { Session } from '../hail/session.js';
import { readArchive } from '../store/archive.js';
import type { Db } from '../store/db.js';
import { getSessionItem, type SessionListItem } from '../store/queries/log.js';
import { RefError, resolveRef } from '../store/queries/refs.js';

export const REF_DESCRIPTION = 'a session id, a unique id prefix, HEAD (latest) or HEAD~N';

export interface LoadedSession {
  item: SessionListItem;
  /** As archived: not redacted yet. */
  session: Session;
}

/** An indexed session by reference, read from its archived copy. Files are not read: only the index is served. */
export async function loadIndexedSession(db: Db, ref: string): Promise<LoadedSession> {
  let id: string | undefined;
  try {
    const r = resolveRef(db, ref);
    if (r.kind === 'session') id = r.id;
  } catch (e) {
    if (!(e instanceof RefError)) throw e;
    if (e.candidates.length) throw new Error(`${e.message}: ${e.candidates.join(', ')}`);
    if (/^HEAD/.test(ref)) throw e;
  }
  const item = id === undefined ? undefined : getSessionItem(db, id);
  if (!item)
    throw new Error(
      `${ref}: no indexed session with this id or id prefix (search_sessions and list_recent_sessions give ids)`,
    );
  const archive = db.prepare('SELECT archive_path FROM sessions WHERE id = ?').pluck().get(item.id) as string | null;
  if (!archive) throw new Error(`${item.id}: the session has no archived copy; run \`opensession session index\``);
  return { item, session: (await readArchive(archive)).session };
}
