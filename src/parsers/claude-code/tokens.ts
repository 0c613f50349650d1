import type { HailEvent } from '../../hail/session.js';
import { num, str } from '../shared/text.js';
import { usageAttributes } from '../shared/usage.js';

/**
 * The key ccusage counts an assistant message's usage once by: `message.id:requestId`.
 * Streamed messages repeat (growing) usage on every content-block line; the last line of
 * the run holds the final count. Undefined when either id is missing (then every line counts,
 * as in ccusage).
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
  /** The AgentMessage the tokens were put on; later lines of the message update it. */
  host?: HailEvent;
  /** Emits a carrier event when the message produced no event at all. */
  orphan: (tokens: Record<string, number>) => void;
}

/**
 * Puts a message's tokens on one event. One API message is split over several lines (one
 * per content block, usually thinking, then text, then tool calls), each repeating the usage
 * so far; the last line's usage is the message's, and lands on its first AgentMessage, or,
 * for a message with no text, on its first event. Counted once per message, so Stats totals
 * agree with ccusage's per-session totals.
 */
/** The event a message's tokens went on, kept so a resumed read can still update them. */
export interface PlacedUsage {
  message: string;
  host: HailEvent;
}

export class TokenPlacer {
  private pending: Pending | undefined;
  /** Set at flush: the last message placed. */
  placed: PlacedUsage | undefined;

  /**
   * @param carried the last message of the previous read (resuming): more of its lines may
   *   follow, and then its event is updated and sent again (`reemit`), replacing the old one.
   */
  constructor(
    private carried?: PlacedUsage,
    private readonly reemit: (e: HailEvent) => void = () => {},
  ) {}

  /**
   * A new assistant line of `message` with its usage; `seen` when the message was counted
   * before (an earlier line of this run updates; a copy elsewhere is ignored).
   */
  line(
    message: string,
    tokens: Record<string, number> | undefined,
    seen: boolean,
    orphan: (tokens: Record<string, number>) => void,
  ): void {
    if (this.pending && this.pending.message !== message) this.flush();
    if (!tokens) return;
    if (seen && this.carried?.message === message) {
      this.updateCarried(tokens);
      return;
    }
    const p = this.pending;
    if (!seen) this.pending = { message, tokens, orphan };
    else if (p?.message === message) {
      p.tokens = tokens;
      if (p.host) attach(p.host, tokens);
    }
  }

  private updateCarried(tokens: Record<string, number>): void {
    const c = this.carried as PlacedUsage;
    const copy = { ...c.host, attributes: { ...c.host.attributes, ...tokens } };
    this.reemit(copy);
    this.carried = { message: c.message, host: copy };
    this.placed = this.carried;
  }

  /** An event made from a line of `message`. */
  offer(message: string, e: HailEvent): void {
    const p = this.pending;
    if (!p || p.message !== message || p.host) return;
    if (e.event_type.type === 'AgentMessage') {
      attach(e, p.tokens);
      p.host = e;
    } else if (!p.first) p.first = e;
  }

  /** Ends the current message (at a new message, or the end of a stream). */
  flush(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    this.carried = undefined;
    const host = p.host ?? p.first;
    if (host) {
      if (!p.host) attach(host, p.tokens);
      this.placed = { message: p.message, host };
    } else p.orphan(p.tokens);
  }
}

function attach(e: HailEvent, tokens: Record<string, number>): void {
  e.attributes = e.attributes ? Object.assign(e.attributes, tokens) : { ...tokens };
}
