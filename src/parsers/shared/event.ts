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

/** A HailEvent with empty optional fields left out (so files stay minimal and comparable). */
export function makeEvent(e: EventInit): HailEvent {
  const attrs = e.attributes && Object.keys(e.attributes).length ? e.attributes : undefined;
  return {
    event_id: e.id,
    timestamp: e.timestamp,
    event_type: e.type,
    ...(e.taskId ? { task_id: e.taskId } : {}),
    content: { blocks: e.blocks ?? [] },
    ...(e.durationMs !== undefined && e.durationMs > 0 ? { duration_ms: Math.round(e.durationMs) } : {}),
    ...(attrs ? { attributes: attrs } : {}),
  };
}

export const textBlocks = (text: string | undefined): ContentBlock[] => (text?.trim() ? [{ type: 'Text', text }] : []);
