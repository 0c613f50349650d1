import type { HailEvent } from '../../hail/session.js';
import { num, str } from '../shared/text.js';
import { usageAttributes } from '../shared/usage.js';

/**
 * The key ccusage counts an assistant message's usage once by: `message.id:requestId`.
 * Streamed messages repeat (growing) usage on every content-block line; the first wins.
 * Undefined when either id is missing (then every line counts, as in ccusage).
 */
export function usageKey(rec: Record<string, unknown>, message: Record<string, unknown>): string | undefined {
  const id = str(message.id);
  const req = str(rec.requestId);
  return id && req ? `${id}:${req}` : undefined;
}

/** `message.usage` as HAIL token attributes; undefined when there is nothing to count. */
export function tokenAttributes(usage: unknown): Record<string, number> | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  const attrs = usageAttributes({
    input: num(u.input_tokens),
    output: num(u.output_tokens),
    cacheRead: num(u.cache_read_input_tokens),
    cacheCreation: num(u.cache_creation_input_tokens),
  });
  for (const _ in attrs) return attrs;
  return undefined;
}

interface Pending {
  message: string;
  tokens: Record<string, number>;
  first?: HailEvent;
  /** Emits a carrier event when the message produced no event at all. */
  orphan: (tokens: Record<string, number>) => void;
}

/**
 * Puts a message's tokens on one event. One API message is split over several lines (one
 * per content block, usually thinking, then text, then tool calls); its usage is taken from
 * the first line, and lands on the message's first AgentMessage, or, for a message with no
 * text, on its first event. Counted once, so Stats totals agree with ccusage.
 */
export class TokenPlacer {
  private pending: Pending | undefined;

  /** A new assistant line of `message`; `tokens` when its usage is counted (first sighting). */
  line(
    message: string,
    tokens: Record<string, number> | undefined,
    orphan: (tokens: Record<string, number>) => void,
  ): void {
    if (this.pending && this.pending.message !== message) this.flush();
    if (tokens) this.pending = { message, tokens, orphan };
  }

  /** An event made from a line of `message`. */
  offer(message: string, e: HailEvent): void {
    const p = this.pending;
    if (!p || p.message !== message) return;
    if (e.event_type.type === 'AgentMessage') {
      attach(e, p.tokens);
      this.pending = undefined;
    } else if (!p.first) p.first = e;
  }

  /** Ends the current message (at a new message, or the end of a stream). */
  flush(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    if (p.first) attach(p.first, p.tokens);
    else p.orphan(p.tokens);
  }
}

function attach(e: HailEvent, tokens: Record<string, number>): void {
  e.attributes = e.attributes ? Object.assign(e.attributes, tokens) : { ...tokens };
}
