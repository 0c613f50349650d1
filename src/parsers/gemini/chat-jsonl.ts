import type { HailEvent } from '../../hail/session.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { isRecord } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import type { WarningSink } from '../shared/warnings.js';
import type { ParseOptions, ParseResult, ResumeState } from '../types.js';
import { ChatLog, readChatLog } from './chat-log.js';
import { messageEvents } from './messages.js';
import { type ChatMeta, geminiSession, projectRootOf, sessionIdFromName } from './session.js';
import { subagentLanes } from './subagents.js';

/** What a later read of the same file needs: where it stopped and the metadata seen so far. */
interface JsonlState {
  v: 1;
  line: number;
  meta: ChatMeta;
  /** Sub-records (`message_update`) merge into these: the last few messages, by id. */
  recent: Record<string, Record<string, unknown>>;
}

const RECENT = 4;

function restore(r: ResumeState | undefined): JsonlState | undefined {
  if (r?.v !== 1 || typeof r.line !== 'number' || !isRecord(r.meta) || !isRecord(r.recent)) return undefined;
  return structuredClone(r) as unknown as JsonlState;
}

function stateOf(log: ChatLog, line: number): JsonlState {
  const ids = [...log.messages.keys()].slice(-RECENT);
  return { v: 1, line, meta: log.meta, recent: Object.fromEntries(ids.map((id) => [id, log.messages.get(id)!])) };
}

/**
 * `chats/session-*.jsonl`, whole or from where the last read stopped. Resuming returns the
 * events of every message added or changed since; an updated message comes back with the
 * same event ids as before, so the index replaces its earlier events. A `$rewindTo` seen
 * while resuming cannot withdraw events already returned (a full re-read does).
 */
export async function parseChatJsonl(path: string, opts: ParseOptions, sink: WarningSink): Promise<ParseResult> {
  const prior = (opts.fromOffset ?? 0) > 0 ? restore(opts.resume) : undefined;
  const from = prior ? (opts.fromOffset ?? 0) : 0;
  const log = new ChatLog(prior?.meta);
  for (const [id, m] of Object.entries(prior?.recent ?? {})) log.messages.set(id, m);
  if (!prior && looksBinary(await readFirstBytes(path))) {
    sink.add('binary', 'binary content, not a Gemini CLI chat');
    return { sessions: [], warnings: sink.list, offset: 0 };
  }
  const read = await readChatLog(path, log, from, prior?.line ?? 0, sink);
  const resume = stateOf(log, read.line) as unknown as ResumeState;
  const start = toIso(log.meta.startTime);
  const ids = prior ? [...log.touched] : [...log.messages.keys()];
  const events: HailEvent[] = ids.flatMap((id, i) => messageEvents(log.messages.get(id) ?? {}, i, start));
  const sessionId = log.meta.sessionId ?? sessionIdFromName(path);
  if (!prior && log.meta.sessionId) events.push(...(await subagentLanes(path, log.meta.sessionId, sink)));
  if (events.length === 0) {
    if (!prior) sink.add('empty', 'chat has no messages');
    return { sessions: [], warnings: sink.list, offset: read.offset, resume };
  }
  const cwd = await projectRootOf(path);
  const session = geminiSession({ sessionId, events, meta: log.meta, ...(cwd ? { cwd } : {}) });
  return { sessions: [session], warnings: sink.list, offset: read.offset, resume };
}
