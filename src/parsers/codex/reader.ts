import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent, Session } from '../../hail/session.js';
import { hasKeys } from '../shared/event.js';
import { buildSession, inferProvider } from '../shared/session-builder.js';
import { MonotonicClock, toIso } from '../shared/time.js';
import { hasUsage, type Usage } from '../shared/usage.js';
import { addUsage, sumUsage, usageOf, usageTarget } from '../shared/usage-merge.js';
import type { WarningSink } from '../shared/warnings.js';
import { readEventMsg } from './event-msgs.js';
import { readItem } from './items.js';
import type { CodexRecord, SessionMeta } from './records.js';
import type { CodexSink, EmitOptions, EventRole } from './sink.js';
import { type CallRef, type CodexState, MAX_OPEN_CALLS, MAX_OPEN_SHELLS, putBounded } from './state.js';
import { tokenCountUsage } from './usage.js';

/**
 * Reads the records of one rollout (or the part appended since the last read) into HAIL
 * events. Event ids are `codex-<line>-<n>`: stable across re-reads and resumes.
 *
 * Duplicates rule: Codex writes each message twice, as a response_item (what the model
 * saw, with its structure) and as an event_msg (what the UI showed). Content comes from
 * response items; event_msg user_message / agent_message / agent_reasoning are shown only
 * while the file has no response item carrying a message or reasoning, and dropped again
 * if one turns up later in the same read. The first user_message still names the session.
 *
 * Token usage: each new `token_count` (repeats with an unchanged total are skipped) goes
 * to the current response's last AgentMessage, else its last event. Codex writes
 * token_count after a response's items in newer versions and before them in older ones,
 * so usage that arrives before any output of its response waits for that output.
 */
export class CodexReader implements CodexSink {
  readonly events: HailEvent[] = [];
  private readonly clock: MonotonicClock;
  private line = 0;
  private n = 0;
  private ts = '';
  private response: HailEvent[] = [];
  private target: HailEvent | undefined;
  private lastModel: HailEvent | undefined;
  private readonly liveShells = new Map<string, HailEvent>();
  private readonly mirrors = new Set<HailEvent>();
  private readonly reemitted = new Map<string, HailEvent>();
  private readonly unknownKinds = new Set<string>();

  constructor(
    readonly state: CodexState,
    private readonly warnings: WarningSink,
  ) {
    this.clock = new MonotonicClock(state.clock);
  }

  record(rec: CodexRecord, line: number): void {
    this.line = line;
    this.n = 0;
    if (rec.kind === 'skip') return;
    this.ts = this.clock.at(rec.ts);
    switch (rec.kind) {
      case 'meta':
        this.meta(rec.meta);
        return;
      case 'turn':
        this.turn(rec.turn);
        return;
      case 'item':
        readItem(this, rec.item);
        return;
      case 'event':
        readEventMsg(this, rec.msg);
        return;
      case 'compacted': {
        const text = rec.message.trim() ? rec.message : 'Conversation compacted';
        this.emit({ type: 'SystemMessage' }, [{ type: 'Text', text }], {
          role: 'input',
          attributes: { role: 'compacted' },
        });
        return;
      }
      default:
        this.unknown(rec.type, rec.raw);
        return;
    }
  }

  private meta(m: SessionMeta): void {
    const s = this.state;
    s.sessionId ??= m.id;
    s.createdAt ??= toIso(m.timestamp);
    s.cwd ??= m.cwd;
    s.git ??= m.git;
    s.originator ??= m.originator;
    s.source ??= m.source;
    s.toolVersion ??= m.cliVersion;
    s.provider ??= m.provider;
  }

  private turn(t: Record<string, unknown>): void {
    if (typeof t.model === 'string' && t.model) this.state.model = t.model;
    if (typeof t.cwd === 'string' && t.cwd) this.state.cwd ??= t.cwd;
  }

  emit(type: EventType, blocks: ContentBlock[], opts: EmitOptions): HailEvent {
    // Built field by field (no spreads): this runs for every event of multi-GB rollouts.
    const e: HailEvent = {
      event_id: `codex-${this.line}-${this.n++}`,
      timestamp: this.ts,
      event_type: type,
      content: { blocks },
    };
    if (opts.durationMs !== undefined) e.duration_ms = Math.max(0, Math.round(opts.durationMs));
    const model = opts.role === 'model' ? this.state.model : undefined;
    if (model || (opts.attributes && hasKeys(opts.attributes)))
      e.attributes = model ? { ...opts.attributes, model } : { ...opts.attributes };
    this.events.push(e);
    this.track(e, opts.role);
    return e;
  }

  private track(e: HailEvent, role: EventRole): void {
    if (role === 'input') {
      this.response = [];
      this.target = undefined;
      return;
    }
    if (role !== 'model') return;
    this.response.push(e);
    this.lastModel = e;
    const pending = this.state.pendingUsage;
    if (pending) {
      addUsage(e, pending);
      this.state.pendingUsage = undefined;
      this.target = e;
    }
  }

  mirror(type: EventType, blocks: ContentBlock[], role: EventRole): void {
    if (this.state.itemsSeen || blocks.length === 0) return;
    this.mirrors.add(this.emit(type, blocks, { role, attributes: { source: 'event_msg' } }));
  }

  itemsSeen(): void {
    this.state.itemsSeen = true;
    if (this.mirrors.size === 0) return;
    const kept = this.events.filter((e) => !this.mirrors.has(e));
    for (const m of this.mirrors) this.carryUsage(usageOf(m));
    this.events.splice(0, this.events.length, ...kept);
    this.response = this.response.filter((e) => !this.mirrors.has(e));
    if (this.target && this.mirrors.has(this.target)) this.target = undefined;
    if (this.lastModel && this.mirrors.has(this.lastModel)) this.lastModel = undefined;
    this.mirrors.clear();
  }

  private carryUsage(u: Usage): void {
    if (!hasUsage(u)) return;
    this.state.pendingUsage = this.state.pendingUsage ? sumUsage(this.state.pendingUsage, u) : u;
  }

  tokenCount(info: unknown): void {
    const { usage, totals } = tokenCountUsage(info, this.state.prevTotals);
    this.state.prevTotals = totals;
    if (!usage || !hasUsage(usage)) return;
    this.target ??= usageTarget(this.response);
    if (this.target) addUsage(this.target, usage);
    else this.carryUsage(usage);
  }

  openCall(callId: string | undefined, ref: CallRef, shell?: HailEvent): void {
    this.state.lastCall = ref;
    if (!callId) return;
    putBounded(this.state.calls, callId, ref, MAX_OPEN_CALLS);
    if (shell) this.liveShells.set(callId, shell);
  }

  takeCall(callId: string | undefined): CallRef | undefined {
    if (!callId) return this.state.lastCall;
    const ref = this.state.calls[callId];
    delete this.state.calls[callId];
    return ref ?? this.state.lastCall;
  }

  /**
   * Sets a shell command's exit code. Its event is still ours to change when it was read
   * in this pass; when an earlier pass returned it, it is emitted again with the same id
   * (the index replaces events by id).
   */
  shellExit(callId: string, exitCode: number): void {
    const live = this.liveShells.get(callId);
    const stored = this.state.shells[callId];
    const e = live ?? stored;
    if (e?.event_type.type !== 'ShellCommand') return;
    if (e.event_type.data.exit_code === exitCode) return;
    e.event_type.data.exit_code = exitCode;
    if (!live) {
      this.reemitted.set(e.event_id, e);
      delete this.state.shells[callId];
    }
  }

  unknown(kind: string, raw: unknown): void {
    if (!this.unknownKinds.has(kind)) {
      this.unknownKinds.add(kind);
      this.warnings.add('unknown-shape', `unknown Codex record kind "${kind}" kept as a Custom event`, this.line);
    }
    this.emit({ type: 'Custom', data: { kind } }, [{ type: 'Json', data: raw }], { role: 'other' });
  }

  /**
   * Settles usage still waiting for output (on the last model event; one returned by an
   * earlier read is sent again) and saves what a later read needs.
   */
  finish(): void {
    const pending = this.state.pendingUsage;
    const host = this.lastModel ?? this.state.lastModelEvent;
    if (pending && host) {
      addUsage(host, pending);
      this.state.pendingUsage = undefined;
      if (!this.lastModel) this.reemitted.set(host.event_id, host);
    }
    if (this.lastModel) this.state.lastModelEvent = this.lastModel;
    for (const [callId, e] of this.liveShells) {
      if (e.event_type.type === 'ShellCommand' && e.event_type.data.exit_code === undefined)
        putBounded(this.state.shells, callId, e, MAX_OPEN_SHELLS);
    }
    this.state.clock = this.clock.last;
  }

  /** True when this pass read more than injected context (instructions, environment). */
  get hasConversation(): boolean {
    return this.reemitted.size > 0 || this.events.some((e) => e.event_type.type !== 'SystemMessage');
  }

  /** The session read so far (only this pass's events when resuming), or undefined when empty. */
  session(fallbackId: string): Session | undefined {
    const events = [...this.reemitted.values(), ...this.events];
    if (events.length === 0) return undefined;
    const s = this.state;
    const model = firstModel(events) ?? s.model;
    const attributes: Record<string, unknown> = {};
    if (s.cwd) attributes.cwd = s.cwd;
    if (s.git) attributes.git = s.git;
    if (s.originator) attributes.originator = s.originator;
    if (s.source) attributes.source = s.source;
    const inferred = inferProvider(model);
    return buildSession({
      tool: 'codex',
      sessionId: s.sessionId ?? fallbackId,
      provider: s.provider ?? (inferred === 'unknown' ? 'openai' : inferred),
      ...(model ? { model } : {}),
      ...(s.toolVersion ? { toolVersion: s.toolVersion } : {}),
      ...(s.title ? { title: s.title } : {}),
      ...(s.createdAt ? { createdAt: s.createdAt } : {}),
      events,
      attributes,
    });
  }
}

function firstModel(events: readonly HailEvent[]): string | undefined {
  for (const e of events) {
    const m = e.attributes?.model;
    if (typeof m === 'string' && m) return m;
  }
  return undefined;
}
