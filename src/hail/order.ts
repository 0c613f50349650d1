import type { HailEvent } from './session.js';

/** Events in time order; stable, and an event with an unreadable timestamp keeps its place after the one before it. */
export function sortByTime(events: HailEvent[]): HailEvent[] {
  const keyed = events.map((e, i) => ({ e, i, t: Date.parse(e.timestamp) }));
  let last = Number.NEGATIVE_INFINITY;
  for (const k of keyed) {
    if (Number.isNaN(k.t)) k.t = last;
    else last = k.t;
  }
  keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  return keyed.map((k) => k.e);
}

/**
 * A session's events after appends: an event sent again (completed later, e.g. a shell
 * command whose exit code arrived in the next read) replaces its earlier version, and
 * events appended out of order (subagent lanes) are put back in time order.
 */
export function settleAppended(events: readonly HailEvent[]): HailEvent[] {
  const latest = new Map<string, HailEvent>();
  for (const e of events) latest.set(e.event_id, e);
  if (latest.size === events.length) return sortByTime([...events]);
  const unique: HailEvent[] = [];
  for (const e of events) {
    const last = latest.get(e.event_id);
    if (last) {
      unique.push(last);
      latest.delete(e.event_id);
    }
  }
  return sortByTime(unique);
}
