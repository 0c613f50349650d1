import type { ApiClient } from '../client/api-client.js';
import { ApiError } from '../client/errors.js';
import { readHailString } from '../hail/jsonl-read.js';
import { archivePath, writeArchive } from '../store/archive.js';
import type { Db } from '../store/db.js';
import { IndexWriter } from '../store/writer.js';

export interface ImportResult {
  imported: number;
  failed: number;
}

interface Pending {
  id: string;
  session_id: string;
  tool: string;
  uploaded_at: string;
}

/** Bodies fetched per run: a large team backlog arrives over several runs. */
const MAX_PER_RUN = 200;

/**
 * Pulled summaries whose current upload is not in the index yet. A session that also exists
 * from a local file is never replaced: the user's own copy is the fuller one.
 */
const PENDING_SQL = `SELECT r.id, r.session_id, r.tool, r.uploaded_at FROM remote_sessions r
  WHERE r.server = ? AND (r.imported_uploaded_at IS NULL OR r.imported_uploaded_at <> r.uploaded_at)
    AND r.import_error IS NULL
    AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = r.session_id AND s.source_id IS NOT NULL)
  ORDER BY r.uploaded_at LIMIT ?`;

/** A body that will not get better by asking again: gone, forbidden, or not HAIL. */
const isPermanent = (e: unknown): boolean =>
  !(e instanceof ApiError) || (e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429);

/**
 * Downloads the HAIL body of each pulled session and indexes it (archive copy included), so
 * team sessions are listed, searched and shown like local ones. A body that cannot be read
 * is recorded on its row and skipped (the next upload of that session clears the mark); an
 * unreachable server ends the run, to be retried on the next.
 */
export async function importPulled(client: ApiClient, db: Db, dataDir: string): Promise<ImportResult> {
  const pending = db.prepare(PENDING_SQL).all(client.baseUrl, MAX_PER_RUN) as Pending[];
  const writer = new IndexWriter(db);
  const done = db.prepare(
    'UPDATE remote_sessions SET imported_uploaded_at = ?, import_error = NULL WHERE server = ? AND id = ?',
  );
  const failed = db.prepare('UPDATE remote_sessions SET import_error = ? WHERE server = ? AND id = ?');
  const result: ImportResult = { imported: 0, failed: 0 };
  for (const p of pending) {
    try {
      const { session } = await readHailString(await client.rawSession(p.id));
      const file = archivePath(dataDir, session.agent.tool || p.tool, session.session_id);
      await writeArchive(file, session);
      db.transaction(() => {
        writer.insertSession(session, null, file);
        done.run(p.uploaded_at, client.baseUrl, p.id);
      })();
      result.imported++;
    } catch (e) {
      // The server down or overloaded: the rest waits for the next run, unmarked.
      if (!isPermanent(e)) throw e;
      failed.run((e as Error).message.slice(0, 500), client.baseUrl, p.id);
      result.failed++;
    }
  }
  return result;
}
