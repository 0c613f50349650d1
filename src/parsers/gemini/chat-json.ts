import { stat } from 'node:fs/promises';
import type { HailEvent } from '../../hail/session.js';
import { parseJsonLenient } from '../shared/json-salvage.js';
import { readJsonText } from '../shared/json-text.js';
import { readPrettyJsonArray } from '../shared/pretty-json-array.js';
import { isRecord } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import type { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { messageEvents } from './messages.js';
import { chatMetaOf, geminiSession, projectRootOf, sessionIdFromName } from './session.js';
import { subagentLanes } from './subagents.js';

/** Chat files are rewritten whole on every message; beyond this they are not held in memory. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Reads a whole JSON file leniently (a cut-short rewrite keeps its complete messages). */
export async function readWholeJson(path: string, sink: WarningSink): Promise<unknown> {
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_JSON_BYTES) {
      sink.add('unreadable', `${size} bytes is more than a JSON session file may hold (${MAX_JSON_BYTES})`);
      return undefined;
    }
    text = await readJsonText(path);
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${(e as Error).message}`);
    return undefined;
  }
  if (!text.trim()) {
    sink.add('empty', 'file is empty');
    return undefined;
  }
  if (text.includes('\u0000')) {
    sink.add('binary', 'binary content, not a Gemini CLI file');
    return undefined;
  }
  const parsed = parseJsonLenient(text);
  if (!parsed) sink.add('invalid', 'not valid JSON');
  else if (parsed.truncated) sink.add('truncated', 'JSON is cut short or damaged; kept the complete part');
  return parsed?.value;
}

/** `chats/session-*.json`: `{sessionId, projectHash, startTime, lastUpdated, messages[]}` (2025). */
export async function parseChatJson(path: string, sink: WarningSink): Promise<ParseResult> {
  // The CLI writes chats pretty-printed: a message at a time, or else whole and leniently.
  const doc =
    (await readPrettyJsonArray(path, 'messages', MAX_JSON_BYTES).catch(() => undefined)) ??
    (await readWholeJson(path, sink));
  if (doc === undefined) return { sessions: [], warnings: sink.list };
  if (!isRecord(doc) || !Array.isArray(doc.messages)) {
    sink.add('invalid', 'not a Gemini CLI chat record (no messages array)');
    return { sessions: [], warnings: sink.list };
  }
  const meta = chatMetaOf(doc);
  const start = toIso(meta.startTime);
  const events: HailEvent[] = [];
  doc.messages.forEach((m, i) => {
    if (!isRecord(m)) sink.add('bad-line', `messages[${i}] is not an object`);
    else for (const e of messageEvents(m, i, start)) events.push(e);
  });
  if (meta.sessionId) events.push(...(await subagentLanes(path, meta.sessionId, sink)));
  if (events.length === 0) {
    sink.add('empty', 'chat has no messages');
    return { sessions: [], warnings: sink.list };
  }
  const cwd = await projectRootOf(path);
  const sessionId = meta.sessionId ?? sessionIdFromName(path);
  return { sessions: [geminiSession({ sessionId, events, meta, ...(cwd ? { cwd } : {}) })], warnings: sink.list };
}
