import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import type { HailEvent } from '../../hail/session.js';
import { anthropicImage } from '../shared/anthropic-image.js';
import { makeEvent } from '../shared/event.js';
import { isRecord, str } from '../shared/text.js';
import { toolResultContent } from '../shared/tool-result.js';
import type { ApiMessage } from './schema.js';
import { type PendingCall, toolCallEvents } from './tools.js';
import { classifyUserText, cwdFromEnvironment, type UserPiece, userTagTexts } from './user-text.js';
import { splitAssistantText } from './xml-tools.js';

/** Cline prints file reads as `12 | code`. */
const PIPE_NUMBERED = /^ *(\d+) \| ?/;
const FAILED = /^(The tool execution failed|The user denied this operation|Error[: ]|<error>|\[ERROR\])/;
const EXIT_CODE = /Command failed with exit code (-?\d+)/;

type Block = Record<string, unknown>;

const blocksOf = (m: ApiMessage): Block[] =>
  typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content.filter(isRecord);

/** Turns API history messages into events, carrying tool calls over to the results that follow. */
export class ApiHistoryNormalizer {
  readonly events: HailEvent[] = [];
  cwd?: string;
  sawThinking = false;
  private pending: PendingCall[] = [];
  private readonly calls = new Map<string, HailEvent>();
  private byToolUseId = new Map<string, PendingCall>();
  private seq = 0;
  private index = 0;
  private timestamp = '';

  /** Adds one message; returns its events (for attaching usage to assistant turns). */
  add(index: number, m: ApiMessage, timestamp: string, model?: string): HailEvent[] {
    this.index = index;
    this.seq = 0;
    this.timestamp = timestamp;
    const before = this.events.length;
    if (m.role === 'user') this.user(blocksOf(m));
    else if (m.role === 'assistant') this.assistant(blocksOf(m), model);
    else this.push({ type: 'Custom', data: { kind: `cline.${m.role}` } }, [{ type: 'Json', data: m.content }]);
    return this.events.slice(before);
  }

  private nextId(): string {
    return `m${this.index}.${this.seq++}`;
  }

  private push(
    type: EventType,
    blocks: ContentBlock[],
    attributes?: Record<string, unknown>,
    id = this.nextId(),
  ): HailEvent {
    const e = makeEvent({ id, timestamp: this.timestamp, type, blocks, ...(attributes ? { attributes } : {}) });
    this.events.push(e);
    return e;
  }

  private assistant(blocks: Block[], model: string | undefined): void {
    const calls: PendingCall[] = [];
    const modelAttr = model ? { model } : undefined;
    const call = (id: string, name: string, input: Record<string, unknown>) => {
      const r = toolCallEvents({ id, name, input, timestamp: this.timestamp, ...(model ? { model } : {}) });
      for (const e of r.events) {
        this.events.push(e);
        this.calls.set(e.event_id, e);
      }
      calls.push(...r.pending);
      return r.pending;
    };
    for (const b of blocks) {
      if (b.type === 'text') {
        for (const p of splitAssistantText(str(b.text) ?? '')) {
          if (p.kind === 'text') this.push({ type: 'AgentMessage' }, [{ type: 'Text', text: p.text }], modelAttr);
          else if (p.kind === 'thinking') this.thinking(p.text);
          else call(this.nextId(), p.name, p.params);
        }
      } else if (b.type === 'thinking' || b.type === 'reasoning') this.thinking(str(b.thinking) ?? str(b.text) ?? '');
      else if (b.type === 'tool_use') {
        const id = str(b.id) || this.nextId();
        const pending = call(id, str(b.name) ?? 'unknown', isRecord(b.input) ? b.input : {});
        if (pending[0]) this.byToolUseId.set(id, pending[0]);
      } else if (b.type !== 'redacted_thinking')
        this.push({ type: 'Custom', data: { kind: `cline.${String(b.type)}` } }, [{ type: 'Json', data: b }]);
    }
    this.pending = calls;
  }

  private thinking(text: string): void {
    if (!text.trim()) return;
    this.sawThinking = true;
    this.push({ type: 'Thinking' }, [{ type: 'Text', text: text.trim() }]);
  }

  private user(blocks: Block[]): void {
    const attachments: ContentBlock[] = [];
    let userEvent: HailEvent | undefined;
    const say = (text: string) => {
      userEvent = this.push({ type: 'UserMessage' }, [{ type: 'Text', text }]);
    };
    // Before 2025, a result's header (`[read_file for 'a'] Result:`) and body were two blocks.
    let headerOnly: Extract<UserPiece, { kind: 'result' }> | undefined;
    const flushHeader = (body: string) => {
      if (headerOnly) this.result(headerOnly.tool, body, say, headerOnly.target);
      headerOnly = undefined;
    };
    for (const b of blocks) {
      if (b.type === 'text') {
        const text = str(b.text) ?? '';
        this.cwd ??= cwdFromEnvironment(text);
        const pieces = classifyUserText(text);
        if (headerOnly && isResultBody(pieces)) {
          flushHeader(text.trim());
          continue;
        }
        flushHeader('');
        const only = pieces.length === 1 ? pieces[0] : undefined;
        if (only?.kind === 'result' && !only.body.trim()) headerOnly = only;
        else for (const p of pieces) this.userPiece(p, say, attachments);
      } else if (b.type === 'image') pushImage(attachments, b);
      else if (b.type === 'tool_result') this.nativeResult(b, say);
      else this.push({ type: 'Custom', data: { kind: `cline.${String(b.type)}` } }, [{ type: 'Json', data: b }]);
    }
    flushHeader('');
    if (!attachments.length) return;
    if (userEvent) userEvent.content.blocks.push(...attachments);
    else this.push({ type: 'UserMessage' }, attachments);
  }

  private userPiece(p: UserPiece, say: (t: string) => void, attachments: ContentBlock[]): void {
    if (p.kind === 'user') say(p.text);
    else if (p.kind === 'system')
      this.push({ type: 'SystemMessage' }, [{ type: 'Text', text: p.text }], p.error ? { error: true } : undefined);
    else if (p.kind === 'file') attachments.push({ type: 'File', path: p.path, content: p.content });
    else this.result(p.tool, p.body, say, p.target);
  }

  /** Results are matched by tool name, in call order; the name in the header can be shortened. */
  private takePending(tool: string): PendingCall | undefined {
    const i = this.pending.findIndex((c) => c.name === tool || c.name.endsWith(tool) || tool.endsWith(c.name));
    const at = i === -1 ? 0 : i;
    return this.pending.splice(at, 1)[0];
  }

  private result(tool: string, body: string, say: (t: string) => void, target?: string): void {
    const call = this.takePending(tool);
    if (call?.answeredByUser) {
      this.userAnswer(body, say);
      return;
    }
    this.toolResult(call?.name ?? tool, body, call, call?.path ?? target);
    const typed = userTagTexts(body);
    if (typed.length) say(typed.join('\n\n'));
  }

  /** The reply to attempt_completion, a question or a plan: what the person typed, if anything. */
  private userAnswer(body: string, say: (t: string) => void): void {
    const typed = userTagTexts(body);
    if (typed.length) say(typed.join('\n\n'));
    else if (body.trim() && body.trim() !== 'Done')
      this.push({ type: 'SystemMessage' }, [{ type: 'Text', text: body.trim() }]);
  }

  private toolResult(name: string, body: string, call: PendingCall | undefined, path?: string, failed = false): void {
    const exit = EXIT_CODE.exec(body);
    const isError = failed || FAILED.test(body.trim()) || (exit !== null && exit[1] !== '0');
    const shell = call ? this.calls.get(call.eventId) : undefined;
    if (exit && shell?.event_type.type === 'ShellCommand') shell.event_type.data.exit_code = Number(exit[1]);
    const data = { name, is_error: isError, ...(call ? { call_id: call.eventId } : {}) };
    this.push({ type: 'ToolResult', data }, toolResultContent(name, body.trim(), path, PIPE_NUMBERED));
  }

  /** Native `tool_result` blocks (Roo, Kilo, some Cline versions) name their call by id. */
  private nativeResult(b: Block, say: (t: string) => void): void {
    const id = str(b.tool_use_id) ?? '';
    const body = resultText(b.content);
    const call = this.byToolUseId.get(id);
    if (call) this.pending = this.pending.filter((c) => c !== call);
    if (call?.answeredByUser) {
      this.userAnswer(body, say);
      return;
    }
    this.toolResult(
      call?.name ?? 'unknown',
      body,
      call ?? { name: 'unknown', eventId: id, answeredByUser: false },
      call?.path,
      b.is_error === true,
    );
    const typed = userTagTexts(body);
    if (typed.length) say(typed.join('\n\n'));
  }
}

/** A block after a header-only result is its body unless it is something else the extension adds. */
function isResultBody(pieces: UserPiece[]): boolean {
  return (
    pieces.length > 0 && pieces.every((p) => p.kind === 'user' || (p.kind === 'result' && p.tool === 'execute_command'))
  );
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isRecord)
    .map((c) => (c.type === 'text' ? (str(c.text) ?? '') : ''))
    .filter(Boolean)
    .join('\n');
}

function pushImage(into: ContentBlock[], b: Block): void {
  const img = anthropicImage(b);
  if (img) into.push(img);
}
