import { jsonLines } from '../shared/json-lines.js';
import { isRecord, str } from '../shared/text.js';
import type { WarningSink } from '../shared/warnings.js';
import { type ChatMeta, chatMetaOf } from './session.js';

type Obj = Record<string, unknown>;

/**
 * The record semantics of `chats/session-*.jsonl` (Gemini CLI since late 2025): a metadata
 * line, then message records upserted by `id` (a message is appended again whole each time
 * it changes: tokens, tool results), `{$set: {...}}` metadata updates (a `messages` array
 * there replaces the conversation) and `{$rewindTo: id}` dropping that message and all
 * after it. `message_update` records (an older draft of the format) merge into their id.
 */
export class ChatLog {
  readonly messages = new Map<string, Obj>();
  /** Ids added or changed since the log was created, in first-touch order. */
  readonly touched = new Set<string>();

  constructor(public meta: ChatMeta = {}) {}

  apply(rec: unknown, line: number, sink: WarningSink): void {
    if (!isRecord(rec)) {
      sink.add('bad-line', 'expected a JSON object', line);
      return;
    }
    if (isRecord(rec.$set)) {
      this.set(rec.$set);
      return;
    }
    if (typeof rec.$rewindTo === 'string') {
      this.rewind(rec.$rewindTo);
      return;
    }
    const id = str(rec.id);
    if (id) {
      const prev = this.messages.get(id);
      // A partial update keeps what the earlier record said (and its type).
      this.upsert(id, rec.type === 'message_update' ? { ...prev, ...rec, type: prev?.type ?? 'gemini' } : rec);
      return;
    }
    if (typeof rec.sessionId === 'string') {
      this.meta = chatMetaOf(rec, this.meta);
      return;
    }
    sink.add('unknown-shape', 'record with neither id, $set, $rewindTo nor sessionId', line);
  }

  private upsert(id: string, rec: Obj): void {
    this.messages.set(id, rec);
    this.touched.add(id);
  }

  private set(update: Obj): void {
    this.meta = chatMetaOf(update, this.meta);
    if (!Array.isArray(update.messages)) return;
    this.messages.clear();
    for (const m of update.messages) if (isRecord(m) && typeof m.id === 'string') this.upsert(m.id, m);
  }

  private rewind(id: string): void {
    const ids = [...this.messages.keys()];
    const at = ids.indexOf(id);
    for (const k of at === -1 ? ids : ids.slice(at)) {
      this.messages.delete(k);
      this.touched.delete(k);
    }
  }
}

/** Applies the records of `path` from byte `from` to `log`; returns where the read stopped. */
export async function readChatLog(
  path: string,
  log: ChatLog,
  from: number,
  line: number,
  sink: WarningSink,
): Promise<{ offset: number; line: number }> {
  let offset = from;
  let last = line;
  for await (const rec of jsonLines(path, sink, { fromOffset: from, startLine: line + 1 })) {
    log.apply(rec.value, rec.line, sink);
    offset = rec.end;
    last = rec.line;
  }
  return { offset, line: last };
}
