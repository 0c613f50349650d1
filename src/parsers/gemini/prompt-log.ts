import { basename, join } from 'node:path';
import type { HailEvent, Session } from '../../hail/session.js';
import { listDir } from '../shared/discover-fs.js';
import { makeEvent } from '../shared/event.js';
import { readFirstBytes } from '../shared/sniff.js';
import { isRecord, num, str } from '../shared/text.js';
import { MonotonicClock } from '../shared/time.js';
import type { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { readWholeJson } from './chat-json.js';
import { geminiSession, projectRootOf } from './session.js';

type Obj = Record<string, unknown>;

const SESSION_ID = /"sessionId"\s*:\s*"([^"]+)"/;
const SHORT_ID = /^session-.*-([0-9a-zA-Z]{8})\.jsonl?$/;

/**
 * Session ids that have a chats file next to this logs.json: read from each file's first
 * bytes, or (if those do not name it) the 8-character id prefix Gemini CLI puts in the name.
 */
async function chattedSessions(logsPath: string): Promise<{ ids: Set<string>; prefixes: Set<string> }> {
  const dir = join(logsPath, '..', 'chats');
  const ids = new Set<string>();
  const prefixes = new Set<string>();
  for (const ent of await listDir(dir)) {
    if (!ent.isFile() || !SHORT_ID.test(ent.name)) continue;
    const id = SESSION_ID.exec((await readFirstBytes(join(dir, ent.name))).toString('utf8'))?.[1];
    if (id) ids.add(id);
    else prefixes.add(SHORT_ID.exec(ent.name)![1]!);
  }
  return { ids, prefixes };
}

function groupBySession(entries: unknown[], sink: WarningSink): Map<string, Obj[]> {
  const groups = new Map<string, Obj[]>();
  entries.forEach((e, i) => {
    const id = isRecord(e) ? str(e.sessionId) : undefined;
    if (!isRecord(e) || !id) {
      sink.add('bad-line', `entry ${i} has no sessionId`);
      return;
    }
    groups.set(id, [...(groups.get(id) ?? []), e]);
  });
  return groups;
}

function promptEvents(sessionId: string, entries: Obj[]): HailEvent[] {
  const clock = new MonotonicClock();
  return entries.flatMap((e, i) => {
    const text = str(e.message) ?? '';
    if (!text.trim()) return [];
    const type = str(e.type) ?? 'user';
    const kind =
      type === 'user' ? ({ type: 'UserMessage' } as const) : ({ type: 'Custom', data: { kind: type } } as const);
    return [
      makeEvent({
        id: `${sessionId}-log-${num(e.messageId) ?? i}`,
        timestamp: clock.at(e.timestamp),
        type: kind,
        blocks: [{ type: 'Text', text }],
      }),
    ];
  });
}

/**
 * `~/.gemini/tmp/<project>/logs.json`, the prompt log: `[{sessionId, messageId, type,
 * message, timestamp}]`. It is the only record left of sessions whose chats file is gone
 * (or that predate chat recording): each such session becomes one of UserMessage events,
 * tagged `prompt-log`. Sessions that have a chats file are left to it.
 */
export async function parsePromptLog(path: string, sink: WarningSink): Promise<ParseResult> {
  const doc = await readWholeJson(path, sink);
  if (doc === undefined) return { sessions: [], warnings: sink.list };
  if (!Array.isArray(doc)) {
    sink.add('invalid', 'prompt log is not an array');
    return { sessions: [], warnings: sink.list };
  }
  if (doc.length === 0) sink.add('empty', 'prompt log is empty');
  const chatted = await chattedSessions(path);
  const cwd = await projectRootOf(path);
  const sessions: Session[] = [];
  for (const [id, entries] of groupBySession(doc, sink)) {
    if (chatted.ids.has(id) || chatted.prefixes.has(id.slice(0, 8))) continue;
    const events = promptEvents(id, entries);
    if (events.length)
      sessions.push(geminiSession({ sessionId: id, events, tags: ['prompt-log'], ...(cwd ? { cwd } : {}) }));
  }
  return { sessions, warnings: sink.list };
}

export const isPromptLogName = (path: string): boolean => basename(path) === 'logs.json';
