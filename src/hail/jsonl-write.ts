import type { HailEvent, Session, Stats } from './session.js';
import { HAIL_VERSION } from './session.js';

// Field order follows the reference writer so our files diff cleanly against its output.
export function headerLine(s: Pick<Session, 'version' | 'session_id' | 'agent' | 'context'>): string {
  return JSON.stringify({
    type: 'header',
    version: s.version || HAIL_VERSION,
    session_id: s.session_id,
    agent: s.agent,
    context: s.context,
  });
}

export function eventLine(e: HailEvent): string {
  return JSON.stringify({
    type: 'event',
    event_id: e.event_id,
    timestamp: e.timestamp,
    event_type: e.event_type,
    task_id: e.task_id,
    content: e.content,
    duration_ms: e.duration_ms,
    attributes: e.attributes,
  });
}

export function statsLine(s: Stats): string {
  return JSON.stringify({ type: 'stats', ...s });
}

/** The lines of a HAIL JSONL file (each without its `\n`), generated lazily. */
export function* hailLines(s: Session): Generator<string> {
  yield headerLine(s);
  for (const e of s.events) yield eventLine(e);
  yield statsLine(s.stats);
}

/** A whole HAIL JSONL document; every line ends with `\n`. For small sessions and tests. */
export function toHailJsonl(s: Session): string {
  let out = '';
  for (const line of hailLines(s)) out += `${line}\n`;
  return out;
}
