import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import type { WarningSink } from '../shared/warnings.js';
import type { ClaudeState } from './state.js';
import type { TokenPlacer } from './tokens.js';

/** Events of one subagent, collected apart and folded into the parent as a lane at the end. */
export interface Lane {
  key: string;
  events: HailEvent[];
  agentId?: string;
  /** The Task call this lane runs for, once linked. */
  callId?: string;
  firstPrompt?: string;
  model?: string;
}

/** One transcript being read: the main session file, or one subagent file. */
export interface Stream {
  file: string;
  warnings: WarningSink;
  /** The session's own transcript: its lines set titles and session facts. */
  main: boolean;
  /** Route `isSidechain` lines to lanes (a main transcript; not a subagent file read alone). */
  splitSidechains: boolean;
  /** Where this stream's own (non-sidechain) events go. */
  out: HailEvent[];
  /** Inline sidechain lanes by key (main file only). */
  lanes: Map<string, Lane>;
  /** The first thing the user (or the parent agent) asked in this stream. */
  firstPrompt?: string;
  /** First real model seen in this stream. */
  model?: string;
  /** Line uuids to ignore (a side-question agent's copy of its parent's lines). */
  skip?: ReadonlySet<string>;
  /** Uuids of other transcripts' lines to look for in this one (copies made by forks). */
  watch?: ReadonlySet<string>;
  /** The watched uuids this stream holds. */
  seen?: Set<string>;
  /** Agent ids whose own transcript file is read (so their progress echoes are skipped). */
  agentFiles?: ReadonlySet<string>;
  /** A subagent file is one lane: every event goes there. */
  lane?: Lane;
}

/** What the handler of one line needs. */
export interface LineCtx {
  state: ClaudeState;
  stream: Stream;
  tokens: TokenPlacer;
  /** Tool-call events still waiting for their result (to add exit codes and diffs). */
  live: Map<string, HailEvent>;
  no: number;
  ts: string;
  /** The line's uuid, or a stable stand-in from its line number. */
  uuid: string;
  /** The session's own conversation (not a subagent's): it may set titles and session facts. */
  primary: boolean;
  /** False for echoes of another transcript's lines (progress), whose usage is counted there. */
  countUsage: boolean;
  /** The subagent lane this line belongs to, if any. */
  lane?: Lane;
  /** Adds an event where this line's events go (main, or a sidechain lane). */
  emit(e: HailEvent): void;
}

export interface EventSpec {
  id: string;
  type: EventType;
  blocks?: ContentBlock[];
  attributes?: Record<string, unknown>;
  durationMs?: number;
}

/**
 * A HailEvent stamped with the line's time. Built by hand rather than through spreads:
 * this runs for every event of multi-GB transcripts.
 */
export function event(ctx: LineCtx, spec: EventSpec): HailEvent {
  const e: HailEvent = {
    event_id: spec.id,
    timestamp: ctx.ts,
    event_type: spec.type,
    content: { blocks: spec.blocks ?? [] },
  };
  if (spec.durationMs !== undefined && spec.durationMs > 0) e.duration_ms = Math.round(spec.durationMs);
  if (spec.attributes) e.attributes = spec.attributes;
  return e;
}
