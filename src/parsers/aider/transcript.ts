import type { HailEvent } from '../../hail/session.js';
import { makeEvent } from '../shared/event.js';
import { addUsage, usageTarget } from '../shared/usage-merge.js';
import { editEvents } from './edits.js';
import { outputFacts } from './output.js';

/**
 * Aider's `.aider.chat.history.md` is Markdown written as the chat goes: a header per run,
 * `#### ` lines for what the person typed, `> ` lines for Aider's own output, and the
 * model's replies as plain text. This reads it line by line into per-run drafts.
 */
export interface RunDraft {
  /** The header's naive local time, as written (`2025-07-15 11:38:37`). */
  started: string;
  /** 1-based file line of the header. */
  line: number;
  events: HailEvent[];
  model?: string;
  version?: string;
  editorModel?: string;
}

const HEADER = /^# aider chat started at (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})/;
/** Placeholder until the run's times are known (set when the run ends). */
const NO_TIME = '';

type BlockKind = 'user' | 'assistant' | 'output';

interface Block {
  kind: BlockKind;
  line: number;
  lines: string[];
  /** An output block whose first line had no closing double space continues on unprefixed lines. */
  open?: boolean;
}

/** Aider ends every line it writes itself with a Markdown line break (two spaces). */
const endsWithBreak = (raw: string): boolean => raw.endsWith('  ');

function isUserLine(raw: string): boolean {
  return (raw.startsWith('#### ') && endsWithBreak(raw)) || raw.trim() === '####';
}

export class TranscriptReader {
  readonly runs: RunDraft[] = [];
  /** Lines before the first header (not an Aider history, or a damaged one). */
  strayLines = 0;
  private run: RunDraft | undefined;
  private block: Block | undefined;
  private inFence = false;
  private model: string | undefined;
  /** Events since the last prompt: Aider's token report belongs to the reply among them. */
  private exchange: HailEvent[] = [];
  private lastEdits: HailEvent[] = [];

  line(raw: string, no: number): void {
    const header = HEADER.exec(raw);
    if (header) this.startRun(header[1]!, no);
    else if (!this.run) this.strayLines += raw.trim() ? 1 : 0;
    else if (isUserLine(raw)) this.add('user', raw.slice(5).trimEnd(), no);
    else if (this.block?.kind === 'output' && this.block.open) this.continueOutput(raw);
    else if (this.isOutputLine(raw)) this.startOutputLine(raw, no);
    else if (!raw.trim()) this.blankLine();
    else this.replyLine(raw, no);
  }

  /** Aider writes a blank line before each prompt: it ends one (the lines of a prompt are `####`). */
  private blankLine(): void {
    if (this.block?.kind === 'user') this.flush();
    if (this.block?.kind === 'assistant') this.block.lines.push('');
  }

  private replyLine(raw: string, no: number): void {
    if (FENCE.test(raw)) this.inFence = !this.inFence;
    this.add('assistant', raw, no);
  }

  end(): void {
    this.flush();
    this.run = undefined;
  }

  /**
   * Aider's single-line outputs end with a break; a multi-line one has it only on its last
   * line. Inside a reply (and its code fences) a `>` line without the break is the model's
   * own Markdown quote, not Aider output.
   */
  private isOutputLine(raw: string): boolean {
    if (!raw.startsWith('>') || raw.startsWith('>>>>>>>')) return false;
    return endsWithBreak(raw) || (!this.inFence && this.block?.kind !== 'assistant');
  }

  private startOutputLine(raw: string, no: number): void {
    this.add('output', raw.replace(/^> ?/, '').trimEnd(), no);
    if (!endsWithBreak(raw) && raw.trim() !== '>') this.block!.open = true;
  }

  private continueOutput(raw: string): void {
    this.block!.lines.push(raw.trimEnd());
    if (endsWithBreak(raw)) this.block!.open = false;
  }

  private add(kind: BlockKind, text: string, no: number): void {
    if (this.block?.kind !== kind) {
      this.flush();
      this.block = { kind, line: no, lines: [] };
    }
    this.block.lines.push(text);
  }

  private startRun(started: string, no: number): void {
    this.end();
    this.run = { started, line: no, events: [] };
    this.runs.push(this.run);
    this.model = undefined;
    this.exchange = [];
  }

  private flush(): void {
    const b = this.block;
    this.block = undefined;
    this.inFence = false;
    if (!b || !this.run) return;
    if (b.kind === 'user') this.userBlock(b);
    else if (b.kind === 'assistant') this.assistantBlock(b);
    else this.outputBlock(b);
  }

  private push(e: HailEvent): HailEvent {
    this.run!.events.push(e);
    this.exchange.push(e);
    return e;
  }

  private userBlock(b: Block): void {
    const text = b.lines.join('\n').trim();
    if (!text) return;
    this.exchange = [];
    this.push(
      makeEvent({
        id: `l${b.line}`,
        timestamp: NO_TIME,
        type: { type: 'UserMessage' },
        blocks: [{ type: 'Text', text }],
      }),
    );
    const shell = /^(?:\/run\s+|!)([\s\S]+)$/.exec(text)?.[1]?.trim();
    if (shell) {
      const type = { type: 'ShellCommand' as const, data: { command: shell } };
      this.push(
        makeEvent({
          id: `l${b.line}.run`,
          timestamp: NO_TIME,
          type,
          blocks: [{ type: 'Code', code: shell, language: 'bash' }],
        }),
      );
    }
  }

  private assistantBlock(b: Block): void {
    const text = b.lines.join('\n').trim();
    if (!text) return;
    const attrs = this.model ? { model: this.model } : undefined;
    this.push(
      makeEvent({
        id: `l${b.line}`,
        timestamp: NO_TIME,
        type: { type: 'AgentMessage' },
        blocks: [{ type: 'Text', text }],
        ...(attrs ? { attributes: attrs } : {}),
      }),
    );
    this.lastEdits = editEvents(b.lines, NO_TIME, (i) => b.line + i);
    for (const e of this.lastEdits) this.push(e);
  }

  private outputBlock(b: Block): void {
    const f = outputFacts(b.lines);
    const run = this.run!;
    if (f.model) {
      this.model = f.model;
      run.model ??= f.model;
    }
    run.version ??= f.version;
    run.editorModel ??= f.editorModel;
    for (const e of this.lastEdits) {
      if (e.event_type.type === 'FileEdit' && f.applied.includes(e.event_type.data.path))
        e.attributes = { ...e.attributes, applied: true };
    }
    const attrs: Record<string, unknown> = {
      ...(f.error ? { error: true } : {}),
      ...(f.commits.length ? { commits: f.commits } : {}),
    };
    const text = b.lines.join('\n').trim();
    const event = makeEvent({
      id: `l${b.line}`,
      timestamp: NO_TIME,
      type: { type: 'SystemMessage' },
      blocks: text ? [{ type: 'Text', text }] : [],
      attributes: attrs,
    });
    if (f.usage) {
      const target = usageTarget(this.exchange.filter((e) => e.event_type.type === 'AgentMessage')) ?? event;
      addUsage(target, f.usage);
      if (f.costUsd !== undefined) target.attributes = { ...target.attributes, cost_usd: f.costUsd };
    }
    this.push(event);
  }
}
