import type { EventKind } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import { isRecord } from '../shared/text.js';
import type { Usage } from '../shared/usage.js';
import type { ResumeState } from '../types.js';
import type { GitInfo } from './records.js';

/** A tool call waiting for its output: which event its ToolResult points back to. */
export interface CallRef {
  id: string;
  name: string;
  kind: EventKind;
}

/** Cumulative `total_token_usage` as Codex reports it (input includes cached input). */
export interface RawTotals {
  input: number;
  cached: number;
  output: number;
  total: number;
}

/**
 * Everything an incremental parse needs to continue a rollout where the last one stopped.
 * Plain JSON (it is stored by the index between runs); the maps are bounded so a long
 * session cannot grow it without limit.
 */
export interface CodexState {
  v: 1;
  /** Number of the last line consumed. */
  line: number;
  sessionId?: string;
  createdAt?: string;
  title?: string;
  model?: string;
  provider?: string;
  toolVersion?: string;
  cwd?: string;
  git?: GitInfo;
  originator?: string;
  source?: string;
  /** Latest event time, so resumed events keep a non-decreasing order. */
  clock?: string;
  /** True once a response item carried a message or reasoning (then event_msg mirrors are ignored). */
  itemsSeen: boolean;
  prevTotals?: RawTotals;
  /** Usage reported before the model output it belongs to was written. */
  pendingUsage?: Usage;
  calls: Record<string, CallRef>;
  /** Shell events whose exit code may still arrive (exec_command_end), to re-emit them with it. */
  shells: Record<string, HailEvent>;
  /** Exit codes from exec_command_end, for the function_call_output that follows. */
  exits: Record<string, number>;
  lastCall?: CallRef;
  /** The last model event returned, to carry usage reported after it in a later read. */
  lastModelEvent?: HailEvent;
}

export const MAX_OPEN_CALLS = 512;
export const MAX_OPEN_SHELLS = 64;

export const newState = (): CodexState => ({ v: 1, line: 0, itemsSeen: false, calls: {}, shells: {}, exits: {} });

/** The state passed back by the caller, when it is one of ours; otherwise undefined. */
export function restoreState(r: ResumeState | undefined): CodexState | undefined {
  if (r?.v !== 1 || typeof r.line !== 'number' || typeof r.itemsSeen !== 'boolean') return undefined;
  if (!isRecord(r.calls) || !isRecord(r.shells) || !isRecord(r.exits)) return undefined;
  const state = structuredClone(r) as unknown as CodexState;
  // The same event may be both the last model event and an open shell: keep one object.
  const last = state.lastModelEvent;
  for (const [k, e] of Object.entries(state.shells)) if (last && e.event_id === last.event_id) state.shells[k] = last;
  return state;
}

/** Sets `key` in an insertion-ordered map, dropping the oldest entries beyond `max`. */
export function putBounded<T>(map: Record<string, T>, key: string, value: T, max: number): void {
  if (key === '__proto__') return;
  delete map[key];
  map[key] = value;
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length - max; i++) delete map[keys[i]!];
}
