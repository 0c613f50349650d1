import { eventPath, FILE_CHANGE_KINDS, TOOL_CALL_KINDS } from './event-type.js';
import { ATTR, type HailEvent, type Stats } from './session.js';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** Counts added/removed lines of a unified diff, ignoring the `+++`/`---` file headers. */
export function diffLineCounts(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++;
    else if (line.startsWith('-') && !line.startsWith('---')) removed++;
  }
  return { added, removed };
}

/** Seconds between two RFC3339 timestamps, floored at 0 (also for unparseable input). */
export function secondsBetween(first: string, last: string): number {
  const d = (Date.parse(last) - Date.parse(first)) / 1000;
  return Number.isFinite(d) && d > 0 ? Math.floor(d) : 0;
}

/** The stats of a session with no events. */
export function emptyStats(): Stats {
  return {
    event_count: 0,
    message_count: 0,
    tool_call_count: 0,
    task_count: 0,
    duration_seconds: 0,
    total_input_tokens: 0,
    total_output_tokens: 0,
    user_message_count: 0,
    files_changed: 0,
    lines_added: 0,
    lines_removed: 0,
  };
}

/** Recomputes Stats from events with the reference's rules (spec 1.1). */
export function recomputeStats(events: readonly HailEvent[]): Stats {
  const tasks = new Set<string>();
  const changed = new Set<string>();
  const s: Stats = { ...emptyStats(), event_count: events.length };
  let cacheRead = 0;
  let cacheCreation = 0;
  for (const e of events) {
    const t = e.event_type;
    if (t.type === 'UserMessage') {
      s.message_count++;
      s.user_message_count++;
    } else if (t.type === 'AgentMessage') s.message_count++;
    else if (TOOL_CALL_KINDS.has(t.type)) s.tool_call_count++;
    if (FILE_CHANGE_KINDS.has(t.type)) changed.add(eventPath(t) ?? '');
    if (t.type === 'FileEdit' && t.data.diff) {
      const { added, removed } = diffLineCounts(t.data.diff);
      s.lines_added += added;
      s.lines_removed += removed;
    }
    if (e.task_id) tasks.add(e.task_id);
    const a = e.attributes;
    if (a) {
      s.total_input_tokens += num(a[ATTR.inputTokens]);
      s.total_output_tokens += num(a[ATTR.outputTokens]);
      cacheRead += num(a[ATTR.cacheReadTokens]);
      cacheCreation += num(a[ATTR.cacheCreationTokens]);
    }
  }
  s.task_count = tasks.size;
  s.files_changed = changed.size;
  const first = events[0];
  const last = events[events.length - 1];
  if (first && last) s.duration_seconds = secondsBetween(first.timestamp, last.timestamp);
  if (cacheRead) s.total_cache_read_tokens = cacheRead;
  if (cacheCreation) s.total_cache_creation_tokens = cacheCreation;
  return s;
}
