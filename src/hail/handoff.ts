import { z } from 'zod';
import { contentText } from './content.js';
import {
  formatDuration,
  isErrorEvent,
  messageText,
  oneLine,
  readOnlyPaths,
  sessionObjective,
  truncate,
  userTexts,
} from './extract.js';
import { type HailEvent, type Session, StatsSchema } from './session.js';
import { diffLineCounts } from './stats.js';

// Character budgets: long enough to keep the gist, short enough that a briefing of a
// thousand-message session still fits in the next agent's context.
const MESSAGE_CHARS = 300;
const LAST_MESSAGE_CHARS = 1000;
const MERGED_MESSAGE_CHARS = 200;
const LISTED_MESSAGE_CHARS = 150;
const ERROR_DETAIL_CHARS = 80;
const COMMAND_CHARS = 80;

const count = z.number().int().nonnegative();

const FileChangeSchema = z.object({
  path: z.string(),
  action: z.enum(['created', 'edited', 'deleted']),
  added: count,
  removed: count,
});

const CommandSchema = z.object({
  command: z.string(),
  // null rather than absent so every JSON row has the same keys.
  exit_code: z.number().int().nullable(),
  failed: z.boolean(),
});

const ConversationSchema = z.object({ user: z.string(), agent: z.string() });

export const HandoffSchema = z.object({
  session_id: z.string(),
  tool: z.string(),
  model: z.string(),
  objective: z.string(),
  duration_seconds: count,
  stats: StatsSchema,
  key_conversations: z.array(ConversationSchema),
  files_modified: z.array(FileChangeSchema),
  files_read: z.array(z.string()),
  commands: z.array(CommandSchema),
  errors: z.array(z.string()),
  open_errors: z.array(z.string()),
  last_agent_message: z.string().nullable(),
  user_messages: z.array(z.string()),
});
export type Handoff = z.infer<typeof HandoffSchema>;
type FileChange = z.infer<typeof FileChangeSchema>;
type Command = z.infer<typeof CommandSchema>;

// ─── Extraction ──────────────────────────────────────────────────────────────

const ACTION = { FileCreate: 'created', FileEdit: 'edited', FileDelete: 'deleted' } as const;

/** Create and delete replace what came before; an edit of a created file stays "created". */
function foldChange(prev: FileChange | undefined, next: FileChange): FileChange {
  return {
    path: next.path,
    action: next.action === 'edited' ? (prev?.action ?? 'edited') : next.action,
    added: (prev?.added ?? 0) + next.added,
    removed: (prev?.removed ?? 0) + next.removed,
  };
}

function foldChanges(changes: Iterable<FileChange>): FileChange[] {
  const byPath = new Map<string, FileChange>();
  for (const c of changes) byPath.set(c.path, foldChange(byPath.get(c.path), c));
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function* eventChanges(events: readonly HailEvent[]): Generator<FileChange> {
  for (const e of events) {
    const t = e.event_type;
    if (t.type !== 'FileCreate' && t.type !== 'FileEdit' && t.type !== 'FileDelete') continue;
    const lines = t.type === 'FileEdit' && t.data.diff ? diffLineCounts(t.data.diff) : { added: 0, removed: 0 };
    yield { path: t.data.path, action: ACTION[t.type], ...lines };
  }
}

interface CommandRun {
  index: number;
  event_id: string;
  /** Whitespace-insensitive identity, to recognise a re-run of the same command. */
  key: string;
  command: Command;
}

/** call_ids answered by an error result: how a shell run without an exit code reports failure. */
function erroredCallIds(events: readonly HailEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    const t = e.event_type;
    if (t.type === 'ToolResult' && t.data.is_error && t.data.call_id) ids.add(t.data.call_id);
  }
  return ids;
}

function commandRuns(events: readonly HailEvent[]): CommandRun[] {
  const errored = erroredCallIds(events);
  const runs: CommandRun[] = [];
  events.forEach((e, index) => {
    const t = e.event_type;
    if (t.type !== 'ShellCommand') return;
    const exit = t.data.exit_code ?? null;
    const failed = (exit !== null && exit !== 0) || errored.has(e.event_id);
    runs.push({
      index,
      event_id: e.event_id,
      key: oneLine(t.data.command),
      command: { command: t.data.command, exit_code: exit, failed },
    });
  });
  return runs;
}

/** Inline code that survives backticks inside `s` (CommonMark: a longer fence, padded). */
function code(s: string): string {
  const longest = (s.match(/`+/g) ?? []).reduce((m, run) => Math.max(m, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

const shortCommand = (command: string): string => code(truncate(oneLine(command), COMMAND_CHARS));

interface ErrorNote {
  index: number;
  text: string;
  /** The command that failed, when the error is about a shell run. */
  key?: string;
}

function errorText(e: HailEvent): string {
  const t = e.event_type;
  if (t.type === 'ShellCommand') return `Shell: ${shortCommand(t.data.command)} → exit ${t.data.exit_code}`;
  const name = t.type === 'ToolResult' ? t.data.name : t.type;
  const attr = e.attributes?.error;
  const detail = oneLine(contentText(e.content) || (typeof attr === 'string' ? attr : ''));
  return detail ? `Tool error: ${name} — ${truncate(detail, ERROR_DETAIL_CHARS)}` : `Tool error: ${name}`;
}

function errorNotes(events: readonly HailEvent[], runs: readonly CommandRun[]): ErrorNote[] {
  const runById = new Map(runs.map((r) => [r.event_id, r]));
  const notes: ErrorNote[] = [];
  events.forEach((e, index) => {
    if (!isErrorEvent(e)) return;
    const t = e.event_type;
    const run = t.type === 'ShellCommand' ? runById.get(e.event_id) : undefined;
    const paired = t.type === 'ToolResult' && t.data.call_id ? runById.get(t.data.call_id) : undefined;
    notes.push({ index, text: errorText(e), key: (run ?? paired)?.key });
  });
  return notes;
}

/**
 * Errors the next agent still has to deal with. A failed command is open until the same
 * command later runs without failing; other tool errors have no such signal, so only
 * those in the last third of the session count (earlier ones were most likely worked around).
 */
function openErrors(notes: readonly ErrorNote[], runs: readonly CommandRun[], eventCount: number): string[] {
  const lastSuccess = new Map<string, number>();
  for (const r of runs) if (!r.command.failed) lastSuccess.set(r.key, r.index);
  const lateFrom = Math.floor((eventCount * 2) / 3);
  return notes
    .filter((n) => (n.key === undefined ? n.index >= lateFrom : (lastSuccess.get(n.key) ?? -1) < n.index))
    .map((n) => n.text);
}

/** Each user message directly answered by an agent message (tool events in between ignored). */
function conversations(events: readonly HailEvent[]): Handoff['key_conversations'] {
  const messages = events.filter((e) => e.event_type.type === 'UserMessage' || e.event_type.type === 'AgentMessage');
  const pairs: Handoff['key_conversations'] = [];
  for (let i = 0; i + 1 < messages.length; i++) {
    const [u, a] = [messages[i]!, messages[i + 1]!];
    if (u.event_type.type !== 'UserMessage' || a.event_type.type !== 'AgentMessage') continue;
    const [user, agent] = [messageText(u), messageText(a)];
    if (user && agent)
      pairs.push({ user: truncate(oneLine(user), MESSAGE_CHARS), agent: truncate(oneLine(agent), MESSAGE_CHARS) });
  }
  return pairs;
}

function lastAgentMessage(events: readonly HailEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const text = e.event_type.type === 'AgentMessage' ? messageText(e) : '';
    if (text) return truncate(text, LAST_MESSAGE_CHARS);
  }
  return null;
}

/** A briefing for the agent that continues this session's work (reference-spec 1.7). */
export function buildHandoff(session: Session): Handoff {
  const events = session.events;
  const files_modified = foldChanges(eventChanges(events));
  const runs = commandRuns(events);
  const notes = errorNotes(events, runs);
  return {
    session_id: session.session_id,
    tool: session.agent.tool,
    model: session.agent.model,
    objective: sessionObjective(session),
    duration_seconds: session.stats.duration_seconds,
    stats: session.stats,
    key_conversations: conversations(events),
    files_modified,
    files_read: readOnlyPaths(
      events,
      files_modified.map((f) => f.path),
    ),
    commands: runs.map((r) => r.command),
    errors: notes.map((n) => n.text),
    open_errors: openErrors(notes, runs, events.length),
    last_agent_message: lastAgentMessage(events),
    user_messages: userTexts(session).map((t) => truncate(oneLine(t), MESSAGE_CHARS)),
  };
}

// ─── Markdown ────────────────────────────────────────────────────────────────

// Long sessions: keep the start (the setting) and the end (where work stopped).
const ELIDE = {
  conversations: { max: 12, head: 2 },
  commands: { max: 30, head: 5 },
  userMessages: { max: 18, head: 3 },
} as const;

type Kept<T> = { item: T; n: number } | { omitted: number };

/** Items numbered from 1, with the middle replaced by one `omitted` marker past `max`. */
function elide<T>(items: readonly T[], { max, head }: { max: number; head: number }): Kept<T>[] {
  const all = items.map((item, i) => ({ item, n: i + 1 }));
  if (items.length <= max) return all;
  const tail = max - head;
  return [...all.slice(0, head), { omitted: items.length - max }, ...all.slice(items.length - tail)];
}

function keptLines<T>(kept: Kept<T>[], line: (item: T, n: number) => string, what: string): string[] {
  return kept.map((k) => ('omitted' in k ? `_(${k.omitted} ${what} omitted)_` : line(k.item, k.n)));
}

/** A `## title` section, or nothing when it has no lines (empty sections are omitted). */
const section = (title: string, lines: readonly string[]): string | undefined =>
  lines.length ? [`## ${title}`, ...lines].join('\n') : undefined;

const bullets = (items: readonly string[]): string[] => items.map((s) => `- ${s}`);

function fileLine(f: FileChange): string {
  const lines = f.added || f.removed ? `, +${f.added} -${f.removed}` : '';
  return `- ${code(f.path)} (${f.action}${lines})`;
}

function commandLine(c: Command): string {
  return `- ${shortCommand(c.command)} → ${c.exit_code ?? '?'}${c.failed ? ' (failed)' : ''}`;
}

/** Blocks joined by blank lines; the document ends with a single newline. */
const joinBlocks = (blocks: readonly (string | undefined)[]): string =>
  `${blocks.filter((b) => b !== undefined).join('\n\n')}\n`;

function conversationBlocks(h: Handoff): string[] {
  const kept = elide(h.key_conversations, ELIDE.conversations);
  const blocks = kept.flatMap((k) =>
    'omitted' in k
      ? [`_(${k.omitted} conversations omitted)_`]
      : [`### ${k.n}. User\n${k.item.user}`, `### ${k.n}. Agent\n${k.item.agent}`],
  );
  if (blocks.length) blocks[0] = `## Key Conversations\n${blocks[0]}`;
  return blocks;
}

/** Quoted, so a code fence cut by truncation cannot swallow the rest of the document. */
function lastMessageBlock(h: Handoff): string | undefined {
  const last = h.last_agent_message;
  // Already shown in full as the agent side of the last conversation.
  if (last === null || h.key_conversations.at(-1)?.agent === oneLine(last)) return undefined;
  const quoted = last.split('\n').map((l) => (l.trim() ? `> ${l.trimEnd()}` : '>'));
  return section('Last Agent Message', quoted);
}

function userMessagesBlock(h: Handoff): string | undefined {
  if (h.key_conversations.length) return undefined;
  const kept = elide(h.user_messages, ELIDE.userMessages);
  const line = (m: string, n: number) => `${n}. ${truncate(m, LISTED_MESSAGE_CHARS)}`;
  return section('User Messages', keptLines(kept, line, 'messages'));
}

function renderSingle(h: Handoff): string {
  const s = h.stats;
  return joinBlocks([
    '# Session Handoff',
    section('Objective', [h.objective]),
    section('Summary', [
      `- **Tool:** ${h.tool} (${h.model})`,
      `- **Duration:** ${formatDuration(h.duration_seconds)}`,
      `- **Messages:** ${s.message_count} | Tool calls: ${s.tool_call_count} | Events: ${s.event_count}`,
    ]),
    section('Files Modified', h.files_modified.map(fileLine)),
    section(
      'Files Read',
      h.files_read.map((p) => `- ${code(p)}`),
    ),
    section('Shell Commands', keptLines(elide(h.commands, ELIDE.commands), commandLine, 'commands')),
    section('Errors', bullets(h.errors)),
    section('Open Errors', bullets(h.open_errors)),
    ...conversationBlocks(h),
    lastMessageBlock(h),
    userMessagesBlock(h),
  ]);
}

function sessionBlocks(h: Handoff, i: number): string[] {
  const s = h.stats;
  const kept = elide(h.key_conversations, ELIDE.conversations);
  const talk = kept.flatMap((k) =>
    'omitted' in k
      ? [`_(${k.omitted} conversations omitted)_`]
      : [
          `**${k.n}. User:** ${truncate(k.item.user, MERGED_MESSAGE_CHARS)}`,
          `**${k.n}. Agent:** ${truncate(k.item.agent, MERGED_MESSAGE_CHARS)}`,
        ],
  );
  if (talk.length) talk[0] = `### Conversations\n${talk[0]}`;
  return [
    '---',
    `## Session ${i + 1} — ${h.session_id}`,
    `**Objective:** ${h.objective}`,
    `- **Tool:** ${h.tool} (${h.model}) | **Duration:** ${formatDuration(h.duration_seconds)}\n` +
      `- **Messages:** ${s.message_count} | Tool calls: ${s.tool_call_count} | Events: ${s.event_count}`,
    ...talk,
  ];
}

const tagged = (hs: readonly Handoff[], pick: (h: Handoff) => string[]): string[] =>
  hs.flatMap((h) => pick(h).map((e) => `- [${h.session_id}] ${e}`));

function renderMerged(hs: readonly Handoff[]): string {
  const files = foldChanges(hs.flatMap((h) => h.files_modified));
  const modified = new Set(files.map((f) => f.path));
  const read = [...new Set(hs.flatMap((h) => h.files_read))].filter((p) => !modified.has(p)).sort();
  const total = hs.reduce((sum, h) => sum + h.duration_seconds, 0);
  return joinBlocks([
    '# Merged Session Handoff',
    `**Sessions:** ${hs.length} | **Total Duration:** ${formatDuration(total)}`,
    ...hs.flatMap(sessionBlocks),
    '---',
    `## All Files Modified\n${files.length ? files.map(fileLine).join('\n') : '_(none)_'}`,
    section(
      'All Files Read',
      read.map((p) => `- ${code(p)}`),
    ),
    section(
      'All Errors',
      tagged(hs, (h) => h.errors),
    ),
    section(
      'Open Errors',
      tagged(hs, (h) => h.open_errors),
    ),
  ]);
}

/** The briefing as Markdown: one session's layout, or the merged one for several. */
export function renderHandoffMarkdown(h: Handoff | readonly Handoff[]): string {
  if (!Array.isArray(h)) return renderSingle(h as Handoff);
  const list = h as readonly Handoff[];
  return list.length === 1 ? renderSingle(list[0]!) : renderMerged(list);
}
