import { ATTR, type HailEvent, type Session } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { buildSession, sortByTime } from '../shared/session-builder.js';
import { subagentLane } from '../shared/subagent-lane.js';
import { toIso } from '../shared/time.js';
import type { WarningSink } from '../shared/warnings.js';
import { messageEvents, messageProvider } from './messages.js';
import type { OcMessage, OcSession } from './schema.js';

const EPOCH = '1970-01-01T00:00:00.000Z';

/** OpenCode names a session "New session - <time>" until it generates a title: that is no title. */
const PLACEHOLDER_TITLE = /^(New|Child) session - \d{4}-\d{2}-\d{2}T/;

const byCreated = (a: OcMessage, b: OcMessage): number =>
  (a.info.time?.created ?? a.rowTime ?? 0) - (b.info.time?.created ?? b.rowTime ?? 0) ||
  (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0);

function otherEvents(s: OcSession, fallback: string): HailEvent[] {
  return (s.other ?? []).map((r) =>
    makeEvent({
      id: r.id,
      timestamp: toIso(r.time) ?? fallback,
      type: { type: 'Custom', data: { kind: `opencode.${r.type}` } },
      blocks: [{ type: 'Json', data: r.raw }],
    }),
  );
}

function ownEvents(s: OcSession): HailEvent[] {
  let last = toIso(s.info.time?.created) ?? EPOCH;
  const out: HailEvent[] = otherEvents(s, last);
  for (const m of [...s.messages].sort(byCreated)) {
    const events = messageEvents(m, last);
    out.push(...events);
    last = events[events.length - 1]?.timestamp ?? last;
  }
  return out;
}

const modelOf = (events: readonly HailEvent[]): string | undefined =>
  events.map((e) => e.attributes?.[ATTR.model]).find((m): m is string => typeof m === 'string');

/** A session's events with its subagent sessions (OpenCode child sessions) folded in as lanes. */
function eventsWithLanes(s: OcSession, children: Map<string, OcSession[]>, seen: Set<string>): HailEvent[] {
  seen.add(s.info.id);
  const events = ownEvents(s);
  for (const child of children.get(s.info.id) ?? []) {
    if (seen.has(child.info.id)) continue;
    const lane = sortByTime(eventsWithLanes(child, children, seen));
    events.push(
      ...subagentLane({ taskId: child.info.id, title: child.info.title, events: lane, model: modelOf(lane) }),
    );
  }
  return events;
}

function cwdOf(s: OcSession): string | undefined {
  return s.info.directory || s.messages.map((m) => m.info.path?.cwd).find((c): c is string => !!c);
}

function toSession(s: OcSession, events: HailEvent[]): Session {
  const title = s.info.title && !PLACEHOLDER_TITLE.test(s.info.title) ? s.info.title : undefined;
  const cwd = cwdOf(s);
  const provider = s.messages.map((m) => messageProvider(m.info)).find((p): p is string => !!p);
  const parent = s.info.parentID;
  return buildSession({
    tool: 'opencode',
    sessionId: s.info.id,
    provider,
    toolVersion: s.info.version,
    title,
    events,
    attributes: cwd ? { cwd } : {},
    relatedSessionIds: parent ? [parent] : undefined,
  });
}

/**
 * Sessions of one store. Child sessions (subagents) whose parent is in the same store become
 * lanes of the parent; the others stand alone and name their parent in related_session_ids.
 */
export function buildOpenCodeSessions(all: readonly OcSession[], sink: WarningSink): Session[] {
  const ids = new Set(all.map((s) => s.info.id));
  const children = new Map<string, OcSession[]>();
  for (const s of all) {
    const parent = s.info.parentID;
    if (parent && ids.has(parent) && parent !== s.info.id) children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const sessions: Session[] = [];
  const seen = new Set<string>();
  const emit = (s: OcSession) => {
    const events = sortByTime(eventsWithLanes(s, children, seen));
    if (events.length) sessions.push(toSession(s, events));
    else sink.add('empty', `session ${s.info.id} has no messages`);
  };
  const isChild = (s: OcSession) => !!s.info.parentID && ids.has(s.info.parentID) && s.info.parentID !== s.info.id;
  for (const s of all) if (!isChild(s)) emit(s);
  // Children whose parent chain loops back on itself have no root: keep them as sessions.
  for (const s of all) if (!seen.has(s.info.id)) emit(s);
  return sessions;
}
