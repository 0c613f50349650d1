import { str } from '../shared/text.js';
import type { Lane, Stream } from './context.js';
import type { ClaudeState, TaskCall } from './state.js';
import { promptHead } from './tool-use.js';

type Rec = Record<string, unknown>;

/** The first text of a line's message (a sidechain root's text is its Task's prompt). */
export function messageText(rec: Rec): string | undefined {
  const m = rec.message as Rec | undefined;
  const c = m?.content;
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return undefined;
  for (const b of c) if (b && typeof b === 'object' && (b as Rec).type === 'text') return str((b as Rec).text);
  return undefined;
}

/** The unclaimed Task call whose prompt starts this subagent conversation. */
export function taskByPrompt(state: ClaudeState, text: string | undefined): TaskCall | undefined {
  if (!text) return undefined;
  const head = promptHead(text);
  if (!head) return undefined;
  for (const t of state.tasks.values()) if (!t.claimed && t.prompt === head) return t;
  return undefined;
}

export function laneOf(stream: Stream, key: string, task?: TaskCall): Lane {
  let lane = stream.lanes.get(key);
  if (!lane) {
    lane = { key, events: [], ...(task ? { callId: task.id } : {}) };
    stream.lanes.set(key, lane);
  }
  return lane;
}

/**
 * The lane of an inline sidechain line (Claude Code before 2.0.60 wrote Task subagents into
 * the main file with `isSidechain: true`). A line joins its parent's chain; a chain root is
 * linked to the Task call whose prompt it repeats, or gets a lane of its own.
 */
export function sidechainLane(state: ClaudeState, stream: Stream, rec: Rec, fallbackId: string): Lane {
  const uuid = str(rec.uuid);
  const parent = str(rec.parentUuid);
  const known = parent ? state.chains.get(parent) : undefined;
  let lane: Lane;
  if (known) lane = laneOf(stream, known, state.tasks.get(known));
  else {
    const task = taskByPrompt(state, messageText(rec));
    if (task) task.claimed = true;
    const key = task?.id ?? `sidechain-${uuid ?? fallbackId}`;
    lane = laneOf(stream, key, task);
  }
  if (uuid) state.chains.set(uuid, lane.key);
  return lane;
}
