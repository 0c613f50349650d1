import type { HailEvent } from '../../hail/session.js';
import { isRecord, str } from '../shared/text.js';
import { toIso } from '../shared/time.js';
import { assistantLine } from './assistant.js';
import type { Lane, LineCtx, Stream } from './context.js';
import { custom } from './custom.js';
import { attachmentLine, systemLine } from './other-lines.js';
import { laneOf, sidechainLane } from './sidechains.js';
import type { ClaudeState } from './state.js';
import { TokenPlacer } from './tokens.js';
import { userLine } from './user.js';

type Rec = Record<string, unknown>;

/** Bookkeeping lines with nothing to show (undo snapshots, the prompt queue, UI modes). */
const BOOKKEEPING = new Set(['file-history-snapshot', 'queue-operation', 'permission-mode', 'last-prompt', 'mode']);
const MAX_CWDS = 20;

/** One line's context: a class, not a literal with an `emit` closure (this runs per line). */
class Ctx implements LineCtx {
  readonly state: ClaudeState;
  readonly stream: Stream;
  readonly tokens: TokenPlacer;
  readonly live: Map<string, HailEvent>;
  private readonly out: HailEvent[];

  constructor(
    n: TranscriptNormalizer,
    readonly no: number,
    readonly ts: string,
    readonly uuid: string,
    readonly primary: boolean,
    readonly countUsage: boolean,
    readonly lane: Lane | undefined,
    private readonly undated: HailEvent[] | undefined,
  ) {
    this.state = n.state;
    this.stream = n.stream;
    this.tokens = n.tokens;
    this.live = n.live;
    this.out = lane ? lane.events : n.stream.out;
  }

  emit(e: HailEvent): void {
    this.out.push(e);
    this.undated?.push(e);
  }
}

/**
 * Turns the lines of one transcript into HAIL events, line by line with plain property
 * checks (no schema parse per line: transcripts reach gigabytes). Session facts, titles and
 * tool/usage bookkeeping go to the shared {@link ClaudeState}.
 */
export class TranscriptNormalizer {
  readonly tokens: TokenPlacer;
  private undated: HailEvent[] = [];
  private readonly unknownTypes = new Set<string>();
  /** Echoed subagent lines already replayed (an echo can repeat earlier messages). */
  private readonly echoed = new Set<string>();

  constructor(
    readonly state: ClaudeState,
    readonly stream: Stream,
    readonly live: Map<string, HailEvent>,
    private lastTs?: string,
  ) {
    // The main transcript's last message may go on streaming after a resumed read's offset.
    this.tokens =
      stream.main && !stream.lane ? new TokenPlacer(state.lastUsage, (e) => stream.out.push(e)) : new TokenPlacer();
  }

  line(raw: unknown, no: number): void {
    if (!isRecord(raw)) {
      this.stream.warnings.add('bad-line', 'not a JSON object', no);
      return;
    }
    const uuid = typeof raw.uuid === 'string' ? raw.uuid : undefined;
    if (uuid) {
      if (this.stream.skip?.has(uuid)) return;
      if (this.stream.watch?.has(uuid)) this.stream.seen?.add(uuid);
      if (this.state.summaries.size) this.leafSummary(uuid);
    }
    const ts = this.stamp(raw.timestamp);
    this.dispatch(raw, this.context(raw, no, ts, uuid));
  }

  /** Ends the stream: pending tokens placed, events without any time get `fallbackTs`. */
  finish(fallbackTs: string): string | undefined {
    this.tokens.flush();
    if (this.stream.main && !this.stream.lane) this.state.lastUsage = this.tokens.placed;
    for (const e of this.undated) e.timestamp = fallbackTs;
    this.undated = [];
    return this.lastTs;
  }

  private stamp(raw: unknown): string {
    const iso = toIso(raw);
    if (!iso) return this.lastTs ?? '';
    this.lastTs = iso;
    if (this.undated.length) {
      for (const e of this.undated) e.timestamp = iso;
      this.undated = [];
    }
    return iso;
  }

  private context(rec: Rec, no: number, ts: string, uuid: string | undefined, echo?: Lane): LineCtx {
    const s = this.stream;
    let lane = echo ?? s.lane;
    if (!lane && s.splitSidechains && rec.isSidechain === true) lane = sidechainLane(this.state, s, rec, `line-${no}`);
    const primary = s.main && !lane;
    if (primary) this.noteMeta(rec, ts);
    return new Ctx(this, no, ts, uuid ?? `line-${no}`, primary, !echo, lane, ts === '' ? this.undated : undefined);
  }

  private noteMeta(rec: Rec, ts: string): void {
    const m = this.state.meta;
    if (!m.sessionId && typeof rec.sessionId === 'string') m.sessionId = rec.sessionId;
    if (!m.firstTs && ts) m.firstTs = ts;
    if (!m.version && typeof rec.version === 'string') m.version = rec.version;
    const cwd = rec.cwd;
    if (typeof cwd === 'string' && cwd) {
      m.cwd ??= cwd;
      if (m.cwds.length < MAX_CWDS && !m.cwds.includes(cwd)) m.cwds.push(cwd);
    }
    const branch = rec.gitBranch;
    if (typeof branch === 'string' && branch && branch !== m.branch) m.branch = branch;
  }

  private dispatch(rec: Rec, ctx: LineCtx): void {
    const type = rec.type;
    const message = isRecord(rec.message) ? rec.message : undefined;
    if (type === 'user' && message) userLine(ctx, rec, message);
    else if (type === 'assistant' && message) assistantLine(ctx, rec, message);
    else if (type === 'system') systemLine(ctx, rec);
    else if (type === 'attachment') attachmentLine(ctx, rec);
    else if (type === 'progress') this.progress(rec, ctx);
    else if (typeof type === 'string' && BOOKKEEPING.has(type)) return;
    else if (!this.sessionFact(rec, type)) this.unknown(rec, ctx, type);
  }

  /** Title and name lines (session-level: only the session's own transcript sets them). */
  private sessionFact(rec: Rec, type: unknown): boolean {
    const t = this.state.titles;
    const main = this.stream.main;
    switch (type) {
      case 'summary': {
        const leaf = str(rec.leafUuid);
        const text = str(rec.summary);
        // Summaries name the conversation ending at their leaf, often in another file.
        if (main && leaf && text) this.state.summaries.set(leaf, text);
        return true;
      }
      case 'custom-title':
        if (main) t.custom = str(rec.customTitle) ?? t.custom;
        return true;
      case 'ai-title':
        if (main) t.ai = str(rec.aiTitle) ?? t.ai;
        return true;
      case 'agent-name':
        if (main) this.state.meta.agentName = str(rec.agentName) ?? this.state.meta.agentName;
        return true;
      default:
        return false;
    }
  }

  private leafSummary(uuid: string): void {
    const text = this.state.summaries.get(uuid);
    if (text === undefined) return;
    this.state.titles.summary = text;
    this.state.summaries.delete(uuid);
  }

  private unknown(rec: Rec, ctx: LineCtx, type: unknown): void {
    const kind = typeof type === 'string' ? type : 'unknown';
    if (!this.unknownTypes.has(kind)) {
      this.unknownTypes.add(kind);
      this.stream.warnings.add('unknown-shape', `unknown line type "${kind}" kept as a Custom event`, ctx.no);
    }
    custom(ctx, kind, rec);
  }

  /**
   * Progress lines. Since 2.1 the main file echoes each subagent line as `agent_progress`;
   * the subagent's own file is the real record, so echoes are replayed into its lane only
   * when that file is missing, without counting usage (ccusage counts the file's lines).
   */
  private progress(rec: Rec, ctx: LineCtx): void {
    const data = isRecord(rec.data) ? rec.data : undefined;
    if (data?.type !== 'agent_progress') return;
    const agentId = str(data.agentId);
    const callId = str(rec.parentToolUseID);
    const task = callId ? this.state.tasks.get(callId) : undefined;
    if (task && agentId) task.agentId ??= agentId;
    const inner = isRecord(data.message) ? data.message : undefined;
    if (!inner || !this.stream.splitSidechains || (agentId && this.stream.agentFiles?.has(agentId))) return;
    const key = agentId ?? callId ?? `progress-${ctx.uuid}`;
    const lane = laneOf(this.stream, key, task);
    if (agentId) lane.agentId ??= agentId;
    if (task) task.claimed = true;
    const innerUuid = str(inner.uuid);
    if (innerUuid) {
      if (this.echoed.has(innerUuid)) return;
      this.echoed.add(innerUuid);
    }
    const ts = this.stamp(inner.timestamp ?? rec.timestamp);
    this.dispatch(inner, this.context(inner, ctx.no, ts, innerUuid ?? `${ctx.uuid}:echo`, lane));
  }
}
