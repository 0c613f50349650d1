import { join } from 'node:path';
import type { HailEvent } from '../../hail/session.js';
import { listDir, statQuiet } from '../shared/discover-fs.js';
import { subagentLane } from '../shared/subagent-lane.js';
import { toIso } from '../shared/time.js';
import { WarningSink } from '../shared/warnings.js';
import { ChatLog, readChatLog } from './chat-log.js';
import { messageEvents } from './messages.js';

/** Where Gemini CLI writes the transcripts of a session's subagents: `chats/<sessionId>/*.jsonl`. */
export const subagentDir = (chatPath: string, sessionId: string): string => join(chatPath, '..', sessionId);

/**
 * The session's subagent transcripts as lanes (TaskStart, the subagent's events, TaskEnd),
 * in file-name order. Their warnings are reported against their own files.
 */
export async function subagentLanes(chatPath: string, sessionId: string, parent: WarningSink): Promise<HailEvent[]> {
  const dir = subagentDir(chatPath, sessionId);
  // Most sessions have none: a stat is much cheaper than a failing readdir.
  if (!statQuiet(dir)?.isDirectory()) return [];
  const files = (await listDir(dir))
    .filter((d) => d.isFile() && d.name.endsWith('.jsonl'))
    .map((d) => d.name)
    .sort();
  const lanes: HailEvent[] = [];
  for (const name of files) {
    const sink = new WarningSink(join(dir, name));
    const log = new ChatLog();
    await readChatLog(join(dir, name), log, 0, 0, sink);
    const meta = log.meta;
    const start = toIso(meta.startTime);
    const events = [...log.messages.values()].flatMap((m, i) => messageEvents(m, i, start));
    parent.list.push(...sink.list);
    const model = events.map((e) => e.attributes?.model).find((m): m is string => typeof m === 'string');
    const taskId = meta.sessionId ?? name.replace(/\.jsonl$/, '');
    lanes.push(...subagentLane({ taskId, title: meta.summary ?? taskId, events, ...(model ? { model } : {}) }));
  }
  return lanes;
}
