import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import type { CallRef, CodexState } from './state.js';

/**
 * How an event relates to the model's turn-taking, which decides where token usage goes:
 * `model` events are output of the current response; `input` events (user text, tool
 * results, injected context) end it; `other` events do neither.
 */
export type EventRole = 'model' | 'input' | 'other';

export interface EmitOptions {
  role: EventRole;
  attributes?: Record<string, unknown>;
  durationMs?: number;
}

/** What the item and event_msg readers need from the rollout reader. */
export interface CodexSink {
  readonly state: CodexState;
  emit(type: EventType, blocks: ContentBlock[], opts: EmitOptions): HailEvent;
  /**
   * An event_msg copy of a response item (user_message, agent_message, agent_reasoning).
   * Shown only while the file has no response items: see the reader's doc comment.
   */
  mirror(type: EventType, blocks: ContentBlock[], role: EventRole): void;
  /** A response item that carries conversation content was seen. */
  itemsSeen(): void;
  openCall(callId: string | undefined, ref: CallRef, shell?: HailEvent): void;
  takeCall(callId: string | undefined): CallRef | undefined;
  shellExit(callId: string, exitCode: number): void;
  tokenCount(info: unknown): void;
  unknown(kind: string, raw: unknown): void;
}
