import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { contentText } from '../../hail/content.js';
import type { Session } from '../../hail/session.js';
import { neverThrow } from '../shared/guard.js';
import { fileLineBatches } from '../shared/read-lines.js';
import { buildSession } from '../shared/session-builder.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { titleFrom } from '../shared/text.js';
import { MonotonicClock, toIso } from '../shared/time.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { type InputEntry, PromptClock, readInputHistory } from './input-history.js';
import { type RunDraft, TranscriptReader } from './transcript.js';

export const CHAT_HISTORY = '.aider.chat.history.md';
export const INPUT_HISTORY = '.aider.input.history';

export const isInputHistory = (path: string): boolean => basename(path).endsWith('.input.history');

async function fileAt(path: string): Promise<string | undefined> {
  try {
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The prompt log next to a chat log: `.aider.input.history`, or `<x>.input.history` for `<x>.chat.history.md`. */
export function inputHistoryPath(chatPath: string): Promise<string | undefined> {
  const name = basename(chatPath);
  const sibling = name === CHAT_HISTORY ? INPUT_HISTORY : name.replace(/\.chat\.history\.md$/, '.input.history');
  return sibling === name ? Promise.resolve(undefined) : fileAt(join(dirname(chatPath), sibling));
}

/** The chat log a prompt log belongs to (the reverse of {@link inputHistoryPath}). */
function chatHistoryPath(inputPath: string): Promise<string | undefined> {
  const name = basename(inputPath);
  const sibling = name === INPUT_HISTORY ? CHAT_HISTORY : name.replace(/\.input\.history$/, '.chat.history.md');
  return fileAt(join(dirname(inputPath), sibling));
}

/** Stable across re-parses and appends: the file's path and the run's start time. */
function runId(pathHash: string, started: string, taken: Set<string>): string {
  const base = `aider-${pathHash}-${started.replace(/\D/g, '')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Commands that only manage the chat are poor titles; these carry a real request. */
const PROMPT_COMMAND = /^\/(ask|architect|code|context|chat-mode\s+\w+)\s+/;

function titleOf(run: RunDraft): string | undefined {
  for (const e of run.events) {
    if (e.event_type.type !== 'UserMessage') continue;
    const text = contentText(e.content).trim().replace(PROMPT_COMMAND, '');
    if (text && !text.startsWith('/')) return titleFrom(text);
  }
  return undefined;
}

/** Times: the header for the run, the input history for prompts, the time before for the rest. */
function stampTimes(run: RunDraft, start: string, until: string | undefined, prompts: PromptClock): void {
  const clock = new MonotonicClock(start);
  for (const e of run.events) {
    const prompt =
      e.event_type.type === 'UserMessage' ? prompts.timeOf(contentText(e.content), start, until) : undefined;
    e.timestamp = clock.at(prompt);
  }
}

function sessionsOf(runs: RunDraft[], path: string, entries: InputEntry[]): Session[] {
  const pathHash = createHash('sha1').update(resolve(path)).digest('hex').slice(0, 8);
  const prompts = new PromptClock(entries);
  const taken = new Set<string>();
  const sessions: Session[] = [];
  runs.forEach((run, i) => {
    const start = toIso(run.started) ?? '1970-01-01T00:00:00.000Z';
    const next = runs[i + 1];
    stampTimes(run, start, next ? toIso(next.started) : undefined, prompts);
    const id = runId(pathHash, run.started, taken);
    const spoken = run.events.some((e) => e.event_type.type === 'UserMessage' || e.event_type.type === 'AgentMessage');
    if (!spoken) return; // started and quit without a prompt: nothing to show
    const title = titleOf(run);
    sessions.push(
      buildSession({
        tool: 'aider',
        sessionId: id,
        events: run.events,
        createdAt: start,
        ...(run.model ? { model: run.model } : {}),
        ...(run.version ? { toolVersion: run.version } : {}),
        ...(title ? { title } : {}),
        attributes: { cwd: dirname(resolve(path)), ...(run.editorModel ? { editor_model: run.editorModel } : {}) },
      }),
    );
  });
  return sessions;
}

/**
 * A prompt log alone holds no sessions (no replies, no run boundaries): it stands for its
 * chat log when that exists beside it, and is reported empty otherwise.
 */
async function parseInputHistory(path: string): Promise<ParseResult> {
  const chat = await chatHistoryPath(path);
  if (chat) return parse(chat);
  return {
    sessions: [],
    warnings: [{ kind: 'empty', file: path, reason: 'Aider prompt log without its chat history: no sessions' }],
  };
}

async function parse(path: string): Promise<ParseResult> {
  if (isInputHistory(path)) return parseInputHistory(path);
  const sink = new WarningSink(path);
  const head = await readFirstBytes(path);
  if (looksBinary(head)) {
    sink.add('binary', 'binary content, not an Aider chat history');
    return { sessions: [], warnings: sink.list };
  }
  const reader = new TranscriptReader();
  try {
    for await (const batch of fileLineBatches(path)) for (const l of batch) reader.line(l.text, l.no);
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${(e as Error).message}`);
  }
  reader.end();
  if (reader.strayLines)
    sink.add('unknown-shape', `${reader.strayLines} line(s) before the first "# aider chat started at" header`);
  const historyPath = await inputHistoryPath(path);
  const entries = historyPath ? await readInputHistory(historyPath) : [];
  const sessions = sessionsOf(reader.runs, path, entries);
  if (sessions.length === 0 && !sink.list.length) sink.add('empty', 'no chat in this history');
  return { sessions, warnings: sink.list };
}

export const parseChatHistory = (path: string): Promise<ParseResult> => neverThrow(path, () => parse(path));
