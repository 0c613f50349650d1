import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { HailEvent, Session } from '../../hail/session.js';
import { listDir } from '../shared/discover-fs.js';
import { buildSession, firstUserText, sortByTime } from '../shared/session-builder.js';
import { subagentLane } from '../shared/subagent-lane.js';
import { titleFrom } from '../shared/text.js';
import { WarningSink } from '../shared/warnings.js';
import { type LineEvents, readTranscript } from './transcript.js';

/**
 * The format records no times. The file's creation and last write bound the conversation, so
 * lines are spread evenly between them: order and overall span are right, single times are
 * estimates (the session says so in its attributes).
 */
async function fileSpan(path: string): Promise<{ start: number; end: number }> {
  try {
    const st = await stat(path);
    const born = st.birthtimeMs > 0 && st.birthtimeMs <= st.mtimeMs ? st.birthtimeMs : st.mtimeMs;
    return { start: born, end: st.mtimeMs };
  } catch {
    return { start: 0, end: 0 };
  }
}

function timed(lines: LineEvents[], span: { start: number; end: number }): HailEvent[] {
  const n = lines.length;
  return lines.flatMap((l, k) => {
    const t = n <= 1 ? span.start : span.start + ((span.end - span.start) * k) / (n - 1);
    const ts = new Date(Math.round(t)).toISOString();
    return l.events.map((e) => ({ ...e, timestamp: ts }));
  });
}

const stem = (p: string): string => basename(p, '.jsonl');

/** Subagent transcripts: `<id>/subagents/*.jsonl` beside (flat layout) or around (nested) the file. */
export async function subagentFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const sub = basename(dir) === stem(path) ? join(dir, 'subagents') : join(dir, stem(path), 'subagents');
  return (await listDir(sub))
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => join(sub, e.name))
    .sort();
}

async function timedTranscript(path: string, sink: WarningSink): Promise<HailEvent[]> {
  return timed(await readTranscript(path, sink), await fileSpan(path));
}

async function lane(path: string, sink: WarningSink): Promise<HailEvent[]> {
  const own = new WarningSink(path);
  const events = sortByTime(await timedTranscript(path, own));
  sink.list.push(...own.list);
  const first = firstUserText(events);
  return subagentLane({ taskId: stem(path), title: first ? titleFrom(first) : undefined, events });
}

/** `~/.cursor/projects/<slug>/agent-transcripts/...`: the slug encodes the workspace path, lossily. */
function projectSlug(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const i = parts.lastIndexOf('agent-transcripts');
  return i > 0 && parts[i - 2] === 'projects' ? parts[i - 1] : undefined;
}

/** One agent transcript as a Session, with its subagents as lanes. */
export async function transcriptSession(path: string, sink: WarningSink): Promise<Session | undefined> {
  const main = await timedTranscript(path, sink);
  const lanes = await Promise.all((await subagentFiles(path)).map((p) => lane(p, sink)));
  const events = sortByTime([...main, ...lanes.flat()]);
  if (!events.length) {
    sink.add('empty', 'transcript has no messages');
    return undefined;
  }
  const slug = projectSlug(path);
  return buildSession({
    tool: 'cursor',
    sessionId: stem(path),
    events,
    attributes: { source: 'agent-transcript', timestamps: 'estimated', ...(slug ? { project_slug: slug } : {}) },
  });
}
