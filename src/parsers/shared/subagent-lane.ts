import { ATTR, type HailEvent } from '../../hail/session.js';

export interface LaneInput {
  /** The subagent's own id (its session or transcript id): becomes every event's task_id. */
  taskId: string;
  title?: string;
  /** The subagent's events, already in time order. */
  events: HailEvent[];
  model?: string;
  /** Extra attributes for the TaskStart event (e.g. the spawning call's id). */
  attributes?: Record<string, unknown>;
  /** TaskEnd summary (e.g. the subagent's reply); defaults to "<n> events, <model>". */
  summary?: string;
}

/**
 * Folds a subagent's events into its parent as a lane: TaskStart, the events with `task_id`
 * set and ids (and results' call_ids) prefixed `<task>:` so they cannot collide with the parent's, then TaskEnd
 * spanning the lane. Empty lanes produce nothing.
 */
export function subagentLane(l: LaneInput): HailEvent[] {
  const first = l.events[0];
  const last = l.events[l.events.length - 1];
  if (!first || !last) return [];
  const span = Date.parse(last.timestamp) - Date.parse(first.timestamp);
  const inner = l.events.map((e): HailEvent => {
    const t = e.event_type;
    // A result names its call by event id: it must follow the call's renamed id.
    const event_type =
      t.type === 'ToolResult' && t.data.call_id
        ? { ...t, data: { ...t.data, call_id: `${l.taskId}:${t.data.call_id}` } }
        : t;
    return { ...e, event_id: `${l.taskId}:${e.event_id}`, event_type, task_id: e.task_id ?? l.taskId };
  });
  const start: HailEvent = {
    event_id: `${l.taskId}-start`,
    timestamp: first.timestamp,
    event_type: { type: 'TaskStart', data: l.title ? { title: l.title } : {} },
    task_id: l.taskId,
    content: { blocks: [] },
    attributes: { [ATTR.subagentId]: l.taskId, ...(l.model ? { [ATTR.model]: l.model } : {}), ...l.attributes },
  };
  const end: HailEvent = {
    event_id: `${l.taskId}-end`,
    timestamp: last.timestamp,
    event_type: {
      type: 'TaskEnd',
      data: { summary: l.summary ?? `${l.events.length} events${l.model ? `, ${l.model}` : ''}` },
    },
    task_id: l.taskId,
    content: { blocks: [] },
    ...(Number.isFinite(span) && span > 0 ? { duration_ms: span } : {}),
  };
  return [start, ...inner, end];
}
