import { cellText, type Db, openSqlite, safeAll, tableNames } from '../shared/sqlite.js';
import { isRecord, num, str, tryParseJson } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import type { WarningSink } from '../shared/warnings.js';
import { type GooseSession, MessageSchema, type StoredMessage } from './schema.js';

type Row = Record<string, unknown>;

/** `msg_<session>_<rowid>` is how Goose's own migration named messages stored before message_id existed. */
function storedMessage(row: Row, sessionId: string): StoredMessage {
  const key = str(row.message_id) ?? `msg_${sessionId}_${String(row.id)}`;
  const content = tryParseJson(cellText(row.content_json) ?? '');
  const metadata = tryParseJson(cellText(row.metadata_json) ?? '');
  const candidate = {
    id: key,
    role: row.role,
    created: num(row.created_timestamp),
    content,
    metadata: isRecord(metadata) ? metadata : null,
  };
  const m = MessageSchema.safeParse(candidate);
  return m.success ? { key, message: m.data } : { key, raw: { ...row, content_json: content ?? row.content_json } };
}

function messagesOf(db: Db, sessionId: string, sink: WarningSink): StoredMessage[] {
  const rows = safeAll<Row>(db, sink, 'SELECT * FROM messages WHERE session_id = ? ORDER BY id', sessionId);
  const out = rows.map((r) => storedMessage(r, sessionId));
  const odd = out.filter((m) => !('message' in m)).length;
  if (odd) sink.add('unknown-shape', `session ${sessionId}: ${odd} messages kept as Custom events`);
  return out;
}

const positiveNum = (...vs: unknown[]): number | undefined => vs.map(num).find((n) => n !== undefined && n > 0);

function sessionOf(row: Row, messages: StoredMessage[]): GooseSession | undefined {
  const id = str(row.id);
  if (!id) return undefined;
  const modelConfig = tryParseJson(cellText(row.model_config_json) ?? '');
  const type = str(row.session_type);
  return {
    id,
    name: str(row.name) || str(row.description),
    workingDir: str(row.working_dir),
    provider: str(row.provider_name),
    model: isRecord(modelConfig) ? str(modelConfig.model_name) : undefined,
    inputTokens: positiveNum(row.accumulated_input_tokens, row.input_tokens),
    outputTokens: positiveNum(row.accumulated_output_tokens, row.output_tokens),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    attributes: {
      ...(type && type !== 'user' ? { session_type: type } : {}),
      ...(str(row.schedule_id) ? { schedule_id: row.schedule_id } : {}),
    },
    messages,
  };
}

/** Every session of Goose's sessions.db (1.10+), with its messages. Never throws. */
export function readSqliteSessions(path: string, sink: WarningSink): GooseSession[] {
  const opened = openSqlite(path, sink);
  if (!opened) return [];
  try {
    const { db } = opened;
    const tables = tableNames(db);
    if (!tables.has('sessions') || !tables.has('messages')) {
      sink.add('unknown-shape', 'not a Goose session store: no sessions/messages tables');
      return [];
    }
    const rows = safeAll<Row>(db, sink, 'SELECT * FROM sessions ORDER BY created_at, id');
    return rows
      .map((r) => sessionOf(r, str(r.id) ? messagesOf(db, str(r.id) as string, sink) : []))
      .filter((s): s is GooseSession => s !== undefined);
  } finally {
    opened.close();
  }
}
