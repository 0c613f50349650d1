import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HailEvent } from '../../hail/session.js';
import { isRecord, str } from '../shared/text.js';
import type { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { readWholeJson } from './chat-json.js';
import { messageEvents } from './messages.js';
import { geminiSession, projectDirOf, projectRootOf } from './session.js';

/** The context Gemini CLI sends before the first prompt; it is not the user's. */
const SETUP = /^This is the Gemini CLI\. We are setting up the context/;

/** `checkpoint-<tag>.json` → `<tag>`; other names keep their stem. */
export const checkpointTag = (path: string): string =>
  basename(path)
    .replace(/^checkpoint-/, '')
    .replace(/\.json$/i, '');

/** The checkpoint's id: its tag, scoped by the project directory (tags repeat across projects). */
function checkpointId(path: string): string {
  const project = basename(projectDirOf(path) ?? '').slice(0, 12);
  return `checkpoint-${checkpointTag(path)}${project ? `@${project}` : ''}`;
}

function contentEvents(c: unknown, i: number, ts: string): HailEvent[] {
  if (!isRecord(c)) return [];
  const role = str(c.role) === 'model' ? 'gemini' : 'user';
  const events = messageEvents({ id: `ckpt-${i}`, type: role, content: c.parts, timestamp: ts }, i, ts);
  for (const e of events) {
    const first = e.content.blocks[0];
    if (e.event_type.type === 'UserMessage' && first?.type === 'Text' && SETUP.test(first.text))
      e.event_type = { type: 'SystemMessage' };
  }
  return events;
}

/**
 * `/chat save <tag>` checkpoints (`~/.gemini/tmp/<project>/checkpoint-<tag>.json`): the
 * model history as Gemini API `Content[]` (`{role, parts: [text | functionCall |
 * functionResponse]}`). They carry no times: every event gets the file's modification time.
 */
export async function parseCheckpoint(path: string, sink: WarningSink): Promise<ParseResult> {
  const doc = await readWholeJson(path, sink);
  if (doc === undefined) return { sessions: [], warnings: sink.list };
  if (!Array.isArray(doc)) {
    sink.add('invalid', 'checkpoint is not a Content[] array');
    return { sessions: [], warnings: sink.list };
  }
  const ts = new Date((await stat(path)).mtimeMs).toISOString();
  const events = doc.flatMap((c, i) => contentEvents(c, i, ts));
  if (events.length === 0) {
    sink.add('empty', 'checkpoint holds no conversation');
    return { sessions: [], warnings: sink.list };
  }
  const cwd = await projectRootOf(path);
  const session = geminiSession({
    sessionId: checkpointId(path),
    events,
    tags: ['checkpoint'],
    ...(cwd ? { cwd } : {}),
  });
  session.context.title ??= `Checkpoint ${checkpointTag(path)}`;
  return { sessions: [session], warnings: sink.list };
}
