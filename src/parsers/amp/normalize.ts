import { fileURLToPath } from 'node:url';
import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import { anthropicImage } from '../shared/anthropic-image.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { MonotonicClock } from '../shared/time.js';
import { addUsage, usageTarget } from '../shared/usage-merge.js';
import type { AmpEnv, AmpMessage, AmpUsage, LedgerEvent } from './schema.js';
import { ampResultContent, classifyAmpTool } from './tools.js';

/** Statuses of a tool run that mean it did not do its job. */
const FAILED_STATUS = new Set(['error', 'cancelled', 'rejected-by-user']);

type Block = Record<string, unknown>;

interface CallInfo {
  name: string;
  eventId: string;
  path?: string;
  event: HailEvent;
}

/** Turns thread messages into events, in order, matching tool results to their calls by id. */
export class ThreadNormalizer {
  readonly events: HailEvent[] = [];
  private readonly calls = new Map<string, CallInfo>();
  private readonly clock: MonotonicClock;
  private readonly ledgerTimes = new Map<number, string>();
  private idPrefix = '';
  private seq = 0;
  private timestamp = '';

  constructor(created: string | undefined, ledger: readonly LedgerEvent[]) {
    this.clock = new MonotonicClock(undefined, created);
    for (const e of ledger) {
      if (e.operationType === 'inference' && e.toMessageId !== undefined && e.timestamp)
        this.ledgerTimes.set(e.toMessageId, e.timestamp);
    }
  }

  /** A message's time: when it was sent, when its reply finished, or its ledger entry's time. */
  private timeOf(m: AmpMessage): string {
    const id = m.messageId;
    return this.clock.at(
      m.meta?.sentAt ?? m.usage?.timestamp ?? (id !== undefined ? this.ledgerTimes.get(id) : undefined),
    );
  }

  add(index: number, m: AmpMessage): void {
    this.idPrefix = m.messageId !== undefined ? String(m.messageId) : `i${index}`;
    this.seq = 0;
    this.timestamp = this.timeOf(m);
    const blocks = m.content.filter(isRecord);
    if (m.role === 'assistant') this.assistant(blocks, m);
    else if (m.role === 'user') this.user(blocks);
    else this.push({ type: 'Custom', data: { kind: `amp.${m.role}` } }, [{ type: 'Json', data: m.content }]);
  }

  private push(type: EventType, blocks: ContentBlock[], attributes?: Record<string, unknown>, id?: string): HailEvent {
    const eventId = id ?? `${this.idPrefix}.${this.seq++}`;
    const e = makeEvent({
      id: eventId,
      timestamp: this.timestamp,
      type,
      blocks,
      ...(attributes ? { attributes } : {}),
    });
    this.events.push(e);
    return e;
  }

  private assistant(blocks: Block[], m: AmpMessage): void {
    const before = this.events.length;
    const model = m.usage?.model;
    const modelAttr = model ? { model } : undefined;
    for (const b of blocks) {
      const text = str(b.text);
      if (b.type === 'text') {
        if (text?.trim()) this.push({ type: 'AgentMessage' }, [{ type: 'Text', text: text.trim() }], modelAttr);
      } else if (b.type === 'thinking') {
        const t = str(b.thinking)?.trim();
        if (t) this.push({ type: 'Thinking' }, [{ type: 'Text', text: t }]);
      } else if (b.type === 'tool_use') this.toolUse(b);
      else if (b.type !== 'redacted_thinking')
        this.push({ type: 'Custom', data: { kind: `amp.${String(b.type)}` } }, [{ type: 'Json', data: b }]);
    }
    if (m.state?.type === 'error') this.stateError(m.state);
    const target = usageTarget(this.events.slice(before));
    if (target && m.usage) applyUsage(target, m.usage);
  }

  private stateError(state: Record<string, unknown>): void {
    const err = isRecord(state.error) ? (str(state.error.message) ?? JSON.stringify(state.error)) : 'response failed';
    this.push({ type: 'SystemMessage' }, [{ type: 'Text', text: err }], { error: true });
  }

  private toolUse(b: Block): void {
    const name = str(b.name) ?? 'unknown';
    const id = str(b.id) || `${this.idPrefix}.${this.seq}`;
    const t = classifyAmpTool(name, b.input);
    const event = this.push(t.event_type, t.blocks, undefined, id);
    const path = isRecord(b.input) ? str(b.input.path) : undefined;
    this.calls.set(id, { name, eventId: event.event_id, event, ...(path ? { path } : {}) });
  }

  private user(blocks: Block[]): void {
    const images: ContentBlock[] = [];
    let said: HailEvent | undefined;
    for (const b of blocks) {
      if (b.type === 'text') {
        const text = str(b.text)?.trim();
        if (text) said = this.push({ type: 'UserMessage' }, [{ type: 'Text', text }]);
      } else if (b.type === 'image') pushImage(images, b);
      else if (b.type === 'tool_result') this.toolResult(b);
      else this.push({ type: 'Custom', data: { kind: `amp.${String(b.type)}` } }, [{ type: 'Json', data: b }]);
    }
    if (!images.length) return;
    if (said) said.content.blocks.push(...images);
    else this.push({ type: 'UserMessage' }, images);
  }

  private toolResult(b: Block): void {
    const callId = str(b.toolUseID) ?? str(b.tool_use_id) ?? '';
    const call = this.calls.get(callId);
    const run = isRecord(b.run) ? b.run : {};
    const status = str(run.status) ?? 'unknown';
    const name = call?.name ?? 'unknown';
    const errorText = isRecord(run.error) ? str(run.error.message) : str(run.error);
    const { blocks, exitCode } = ampResultContent(name, run.result, call?.path);
    if (exitCode !== undefined && call?.event.event_type.type === 'ShellCommand')
      call.event.event_type.data.exit_code = exitCode;
    const isError = FAILED_STATUS.has(status) || (exitCode !== undefined && exitCode !== 0);
    const data = { name, is_error: isError, ...(callId ? { call_id: call?.eventId ?? callId } : {}) };
    const content = errorText ? [...blocks, { type: 'Text' as const, text: errorText }] : blocks;
    this.push({ type: 'ToolResult', data }, content, status !== 'done' ? { status } : undefined);
  }
}

function applyUsage(e: HailEvent, u: AmpUsage): void {
  addUsage(e, {
    input: u.inputTokens ?? 0,
    output: u.outputTokens ?? 0,
    cacheRead: u.cacheReadInputTokens ?? 0,
    cacheCreation: u.cacheCreationInputTokens ?? 0,
  });
  e.attributes = {
    ...e.attributes,
    ...(u.model ? { model: u.model } : {}),
    ...(u.credits ? { credits: u.credits } : {}),
  };
}

/** Where the thread ran: the first workspace tree, as a path, with its git state. */
export function threadContext(env: AmpEnv | undefined): Record<string, unknown> {
  const tree = env?.initial?.trees?.[0];
  const out: Record<string, unknown> = {};
  if (tree?.uri?.startsWith('file:')) {
    try {
      out.cwd = fileURLToPath(tree.uri);
    } catch {
      out.cwd = tree.uri;
    }
  }
  const repo = tree?.repository;
  if (repo) {
    const branch = repo.ref?.replace(/^refs\/heads\//, '');
    out.git = {
      ...(branch ? { branch } : {}),
      ...(repo.sha ? { commit: repo.sha } : {}),
      ...(repo.url ? { repo_url: repo.url } : {}),
    };
  }
  return out;
}

/** The model named in the thread's env tags (`model:claude-…`), for threads without usage. */
export const taggedModel = (env: AmpEnv | undefined): string | undefined =>
  env?.initial?.tags?.find((t) => t.startsWith('model:'))?.slice('model:'.length);

function pushImage(into: ContentBlock[], b: Block): void {
  const img = anthropicImage(b);
  if (img) into.push(img);
}
