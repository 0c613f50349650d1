import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';

export interface EventInit {
  id: string;
  timestamp: string;
  type: EventType;
  blocks?: ContentBlock[];
  attributes?: Record<string, unknown>;
  durationMs?: number;
  taskId?: string;
}

/**
 * A HailEvent with empty optional fields left out (so files stay minimal and comparable).
 * Built field by field rather than with spreads: it runs for every event of every session.
 */
export function makeEvent(e: EventInit): HailEvent {
  const blocks = e.blocks ?? [];
  // task_id sits before content in the written record, as it always has.
  const out: HailEvent = e.taskId
    ? { event_id: e.id, timestamp: e.timestamp, event_type: e.type, task_id: e.taskId, content: { blocks } }
    : { event_id: e.id, timestamp: e.timestamp, event_type: e.type, content: { blocks } };
  if (e.durationMs !== undefined && e.durationMs > 0) out.duration_ms = Math.round(e.durationMs);
  if (e.attributes && hasKeys(e.attributes)) out.attributes = e.attributes;
  return out;
}

/** True when `o` has an own enumerable key (Object.keys without the array). */
export function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export const textBlocks = (text: string | undefined): ContentBlock[] => (text?.trim() ? [{ type: 'Text', text }] : []);
