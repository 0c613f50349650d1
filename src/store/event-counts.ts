import { FILE_CHANGE_KINDS, TOOL_CALL_KINDS } from '../hail/event-type.js';
import type { EventRow } from './event-row.js';

/** The additive per-session counters, as they change when events are added or replaced. */
export interface EventCounts {
  events: number;
  messages: number;
  userMessages: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
}

export type CountedRow = Pick<EventRow, 'kind' | 'task_id' | 'path' | 'usage'>;

export function countRows(rows: readonly CountedRow[]): EventCounts {
  const c: EventCounts = {
    events: rows.length,
    messages: 0,
    userMessages: 0,
    toolCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheCreationTokens: 0,
  };
  for (const r of rows) {
    if (r.kind === 'UserMessage') c.userMessages++;
    if (r.kind === 'UserMessage' || r.kind === 'AgentMessage') c.messages++;
    if (TOOL_CALL_KINDS.has(r.kind as never)) c.toolCalls++;
    if (!r.usage) continue;
    c.inputTokens += r.usage.input_tokens;
    c.outputTokens += r.usage.output_tokens;
    c.cacheReadTokens += r.usage.cache_read_tokens;
    c.cacheCreationTokens += r.usage.cache_creation_tokens;
  }
  return c;
}

export function subtractCounts(a: EventCounts, b: EventCounts): EventCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof EventCounts)[]) out[k] -= b[k];
  return out;
}

export const isFileChange = (r: CountedRow): boolean => FILE_CHANGE_KINDS.has(r.kind as never) && r.path !== null;

/** Whether removing these rows can lower a distinct count (lanes, files changed). */
export const touchesDistinct = (rows: readonly CountedRow[]): boolean =>
  rows.some((r) => r.task_id !== null || isFileChange(r));

/** SQL list of the file-change kinds, for the partial index's WHERE clause. */
export const FILE_CHANGE_SQL = [...FILE_CHANGE_KINDS].map((k) => `'${k}'`).join(', ');
