import { cellText, columnNames, type Db, openSqlite, safeAll, tableNames } from '../shared/sqlite.js';
import { isRecord, num, str, tryParseJson } from '../shared/text.js';
import type { WarningSink } from '../shared/warnings.js';
import {
  MessageInfoSchema,
  type OcMessage,
  type OcOtherRecord,
  type OcPart,
  type OcSession,
  type SessionInfo,
  toPart,
} from './schema.js';

interface Row {
  id: string;
  time_created?: number;
  data?: unknown;
}
interface PartRow extends Row {
  message_id: string;
}

/** The session table's columns become the shape the JSON layout stores in session files. */
function sessionInfo(row: Record<string, unknown>): SessionInfo | undefined {
  const id = str(row.id);
  if (!id) return undefined;
  return {
    id,
    title: str(row.title),
    version: str(row.version),
    directory: str(row.directory),
    parentID: str(row.parent_id) ?? null,
    time: { created: num(row.time_created), updated: num(row.time_updated) },
  };
}

function jsonCell(row: Row, what: string, sink: WarningSink): Record<string, unknown> | undefined {
  const value = tryParseJson(cellText(row.data) ?? '');
  if (isRecord(value)) return value;
  sink.add('invalid', `${what} ${row.id}: data is not a JSON object`);
  return undefined;
}

/** How parts are found: by their own session_id column (1.x), by joining messages, or not at all. */
type PartLookup = 'session' | 'join' | 'none';

function partsBySession(db: Db, sessionId: string, sink: WarningSink, lookup: PartLookup): Map<string, OcPart[]> {
  const out = new Map<string, OcPart[]>();
  if (lookup === 'none') return out;
  const rows =
    lookup === 'session'
      ? safeAll<PartRow>(
          db,
          sink,
          'SELECT id, message_id, time_created, data FROM part WHERE session_id = ? ORDER BY id',
          sessionId,
        )
      : safeAll<PartRow>(
          db,
          sink,
          'SELECT p.id, p.message_id, p.time_created, p.data FROM part p JOIN message m ON m.id = p.message_id WHERE m.session_id = ? ORDER BY p.id',
          sessionId,
        );
  for (const r of rows) {
    const data = jsonCell(r, 'part', sink);
    if (!data) continue;
    const list = out.get(r.message_id) ?? [];
    list.push(toPart({ id: r.id, ...data }, num(r.time_created)));
    out.set(r.message_id, list);
  }
  return out;
}

function messagesOf(db: Db, sessionId: string, sink: WarningSink, lookup: PartLookup): OcMessage[] {
  const parts = partsBySession(db, sessionId, sink, lookup);
  const rows = safeAll<Row>(
    db,
    sink,
    'SELECT id, time_created, data FROM message WHERE session_id = ? ORDER BY time_created, id',
    sessionId,
  );
  const out: OcMessage[] = [];
  for (const r of rows) {
    const data = jsonCell(r, 'message', sink);
    const info = data && MessageInfoSchema.safeParse({ ...data, id: r.id });
    if (!info?.success) {
      if (data) sink.add('unknown-shape', `message ${r.id}: not a message record`);
      continue;
    }
    out.push({
      info: info.data,
      parts: parts.get(r.id) ?? [],
      ...(num(r.time_created) ? { rowTime: num(r.time_created) } : {}),
    });
  }
  return out;
}

/**
 * Newer builds also write a `session_message` table. While a session has classic messages its
 * rows there add nothing we can show (model switches); a session with only such rows is kept
 * as Custom events so it is not lost.
 */
function otherRecords(db: Db, sessionId: string, sink: WarningSink): OcOtherRecord[] {
  const rows = safeAll<Row & { type?: unknown }>(
    db,
    sink,
    'SELECT id, type, time_created, data FROM session_message WHERE session_id = ? ORDER BY time_created, id',
    sessionId,
  );
  if (rows.length)
    sink.add('unknown-shape', `session ${sessionId}: ${rows.length} session_message rows kept as Custom events`);
  return rows.map((r) => ({
    id: r.id,
    type: str(r.type) ?? 'unknown',
    time: num(r.time_created),
    raw: tryParseJson(cellText(r.data) ?? '') ?? cellText(r.data) ?? null,
  }));
}

/** Every session of an `opencode.db` (OpenCode 1.x), with messages and parts. Never throws. */
export function readSqliteStore(path: string, sink: WarningSink): OcSession[] {
  const opened = openSqlite(path, sink);
  if (!opened) return [];
  try {
    const { db } = opened;
    const tables = tableNames(db);
    if (!tables.has('session') || !tables.has('message')) {
      sink.add('unknown-shape', 'not an OpenCode store: no session/message tables');
      return [];
    }
    const lookup: PartLookup = !tables.has('part')
      ? 'none'
      : columnNames(db, 'part').has('session_id')
        ? 'session'
        : 'join';
    const rows = safeAll<Record<string, unknown>>(db, sink, 'SELECT * FROM session ORDER BY time_created, id');
    const out: OcSession[] = [];
    for (const row of rows) {
      const info = sessionInfo(row);
      if (!info) continue;
      const messages = messagesOf(db, info.id, sink, lookup);
      const other = !messages.length && tables.has('session_message') ? otherRecords(db, info.id, sink) : [];
      out.push({ info, messages, ...(other.length ? { other } : {}) });
    }
    return out;
  } finally {
    opened.close();
  }
}
