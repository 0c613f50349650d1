import { basename } from 'node:path';
import type { Session } from '../../hail/session.js';
import { neverThrow } from '../shared/guard.js';
import { streamJsonFile } from '../shared/json-stream.js';
import { MAX_PRETTY_BYTES, readPrettyJsonArray } from '../shared/pretty-json-array.js';
import { buildSession } from '../shared/session-builder.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { toIso } from '../shared/time.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { ThreadNormalizer, taggedModel, threadContext } from './normalize.js';
import { type AmpMessage, AmpMessageSchema, type ThreadMeta, ThreadMetaSchema } from './schema.js';

interface ThreadParts {
  members: Map<string, unknown>;
  messages: { index: number; message: AmpMessage }[];
}

const ARRAY_KEY = 'messages';
const SKIPPED = '~debug';

/** One message of the thread, kept when it has an Amp message's shape. */
function addMessage(parts: ThreadParts, index: number, value: unknown, sink: WarningSink): void {
  const m = AmpMessageSchema.safeParse(value);
  if (m.success) parts.messages.push({ index, message: m.data });
  else sink.add('unknown-shape', `message ${index}: not an Amp message`);
}

/**
 * Threads are one JSON object, pretty-printed and rewritten on each change: read a message at
 * a time when laid out as Amp writes them; otherwise streamed, which also keeps every complete
 * message of a file caught mid-write. `~debug` (the last full prompt) is not kept.
 */
async function readThread(path: string, sink: WarningSink): Promise<ThreadParts> {
  const parts: ThreadParts = { members: new Map(), messages: [] };
  const doc = await readPrettyJsonArray(path, ARRAY_KEY, MAX_PRETTY_BYTES).catch(() => undefined);
  if (doc) {
    for (const [key, value] of Object.entries(doc))
      if (key !== ARRAY_KEY && key !== SKIPPED) parts.members.set(key, value);
    const messages = doc[ARRAY_KEY] as unknown[];
    for (let i = 0; i < messages.length; i++) addMessage(parts, i, messages[i], sink);
    return parts;
  }
  for await (const item of streamJsonFile(path, sink, { arrayKey: ARRAY_KEY, skipKeys: [SKIPPED] })) {
    if (item.kind === 'member') parts.members.set(item.key, item.value);
    else addMessage(parts, item.index, item.value, sink);
  }
  return parts;
}

function sessionOf(parts: ThreadParts, path: string): Session | undefined {
  const meta: ThreadMeta = ThreadMetaSchema.parse(Object.fromEntries(parts.members));
  const created = toIso(meta.created);
  const n = new ThreadNormalizer(created, meta.usageLedger?.events ?? []);
  for (const { index, message } of parts.messages) n.add(index, message);
  if (n.events.length === 0) return undefined;
  const title = meta.title?.trim();
  const model = taggedModel(meta.env);
  const version = meta.env?.initial?.platform?.clientVersion;
  return buildSession({
    tool: 'amp',
    sessionId: meta.id ?? basename(path, '.json'),
    events: n.events,
    ...(title ? { title } : {}),
    ...(created ? { createdAt: created } : {}),
    ...(version ? { toolVersion: version } : {}),
    // Replies name their model; the env tag is only for threads with none.
    ...(model && !n.events.some((e) => e.attributes?.model) ? { model } : {}),
    attributes: { ...threadContext(meta.env), ...(meta.agentMode ? { agent_mode: meta.agentMode } : {}) },
  });
}

async function parse(path: string): Promise<ParseResult> {
  const sink = new WarningSink(path);
  if (looksBinary(await readFirstBytes(path))) {
    sink.add('binary', 'binary content, not an Amp thread');
    return { sessions: [], warnings: sink.list };
  }
  const session = sessionOf(await readThread(path, sink), path);
  if (!session && !sink.list.some((w) => w.kind === 'empty')) sink.add('empty', 'thread has no messages');
  return { sessions: session ? [session] : [], warnings: sink.list };
}

export const parseThread = (path: string): Promise<ParseResult> => neverThrow(path, () => parse(path));
