import type { Session } from '../../hail/session.js';
import { buildSession, sortByTime } from '../shared/session-builder.js';
import type { WarningSink } from '../shared/warnings.js';
import { bubbleEvents, fillTimes } from './bubble-events.js';
import type { Conversation } from './schema.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** A Session for one conversation, or undefined (with an `empty` warning) when nothing was said. */
export function conversationSession(
  c: Conversation,
  sink: WarningSink,
  extra: Record<string, unknown>,
): Session | undefined {
  const times = fillTimes(
    c.bubbles.map((b) => b.time),
    c.baseTime ?? 0,
  );
  const events = sortByTime(
    c.bubbles.flatMap((b, i) => {
      const start = times[i] ?? 0;
      return bubbleEvents(b, iso(start), iso(Math.max(b.endTime ?? start, start)));
    }),
  );
  if (!events.length) {
    sink.add('empty', `conversation ${c.id} has no messages`);
    return undefined;
  }
  return buildSession({
    tool: 'cursor',
    sessionId: c.id,
    title: c.title?.trim() || undefined,
    events,
    attributes: { ...c.attributes, ...extra },
  });
}
